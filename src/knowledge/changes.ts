import { diffWords } from 'diff'
import type { Heading, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'

/** A run of a word-level diff: unchanged, added or removed text. */
export interface DiffRun {
  value: string
  added?: true
  removed?: true
}

export type FieldChange =
  | { field: 'status'; before: string; after: string }
  | { field: 'unmap' | 'summary' | 'legacy' | 'kind'; before: string | null; after: string | null }
  | { field: 'replacement' | 'contexts' | 'effects' | 'notes' | 'related'; added: string[]; removed: string[] }
  | { field: 'text'; diff: DiffRun[]; sentences: { added: string[]; removed: string[] } }

export interface RecordChange {
  name: string
  change: 'added' | 'removed' | 'changed'
  /** The record before (absent when added). */
  before?: Pick<ApiRecord, 'status' | 'replacement' | 'source'>
  after?: Pick<ApiRecord, 'status' | 'replacement' | 'source'>
  fields: FieldChange[]
}

export interface SectionChange {
  /** The section's title (the last version's, for a changed one). */
  title: string
  change: 'added' | 'removed' | 'changed'
  /** 1-based lines of the section in the newer version (in the older one when removed). */
  startLine: number
  endLine: number
  diff: DiffRun[]
}

export interface Changes {
  document: string
  from: string
  to: string
  records: RecordChange[]
  sections: SectionChange[]
}

/** Word-level diff, runs merged as jsdiff gives them. */
export function wordDiff(before: string, after: string): DiffRun[] {
  return diffWords(before, after).map((part) => ({
    value: part.value,
    ...(part.added ? { added: true as const } : {}),
    ...(part.removed ? { removed: true as const } : {}),
  }))
}

const setChange = (field: 'replacement' | 'contexts' | 'effects' | 'notes' | 'related', before: string[], after: string[]): FieldChange | undefined => {
  const added = after.filter((value) => !before.includes(value))
  const removed = before.filter((value) => !after.includes(value))
  return added.length > 0 || removed.length > 0 ? { field, added, removed } : undefined
}

/** What changed in one API between two versions. */
export function compareRecords(before: ApiRecord, after: ApiRecord): FieldChange[] {
  const fields: Array<FieldChange | undefined> = [
    before.status !== after.status ? { field: 'status', before: before.status, after: after.status } : undefined,
    setChange('replacement', before.replacement, after.replacement),
    before.unmap !== after.unmap ? { field: 'unmap', before: before.unmap, after: after.unmap } : undefined,
    setChange('contexts', before.contexts, after.contexts),
    setChange('effects', before.effects, after.effects),
    setChange('notes', before.notes, after.notes),
    before.legacy !== after.legacy ? { field: 'legacy', before: before.legacy, after: after.legacy } : undefined,
    before.summary !== after.summary ? { field: 'summary', before: before.summary, after: after.summary } : undefined,
    setChange('related', before.related, after.related),
  ]
  if (before.text !== after.text) {
    const old = splitForDiff(before.text)
    const now = splitForDiff(after.text)
    fields.push({
      field: 'text',
      diff: wordDiff(before.text, after.text),
      sentences: { added: now.filter((sentence) => !old.includes(sentence)), removed: old.filter((sentence) => !now.includes(sentence)) },
    })
  }
  return fields.filter((field): field is FieldChange => field !== undefined)
}

/** Sentences of folded text, for "which sentence changed". */
function splitForDiff(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z0-9(\[*`"']|[a-z_]\w*\(\))/).filter(Boolean)
}

const brief = (record: ApiRecord) => ({ status: record.status, replacement: record.replacement, source: record.source })

/**
 * Compare two versions of a document: which API records were added, removed
 * or changed (and how), and which sections of the text changed.
 */
export function compareVersions(
  from: { id: string; text: string; tree: Root; records: ApiRecord[] },
  to: { id: string; text: string; tree: Root; records: ApiRecord[] },
  document: string,
): Changes {
  const before = new Map(from.records.map((record) => [record.name, record]))
  const after = new Map(to.records.map((record) => [record.name, record]))
  const records: RecordChange[] = []
  for (const name of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(name)
    const now = after.get(name)
    if (old && now) {
      const fields = compareRecords(old, now)
      if (fields.length > 0) records.push({ name, change: 'changed', before: brief(old), after: brief(now), fields })
    } else if (now) records.push({ name, change: 'added', after: brief(now), fields: [] })
    else if (old) records.push({ name, change: 'removed', before: brief(old), fields: [] })
  }
  return { document, from: from.id, to: to.id, records, sections: compareSections(from, to) }
}

interface Section {
  title: string
  key: string
  startLine: number
  endLine: number
  text: string
}

/** The document cut at its headings; text before the first heading is the preamble. */
export function sectionsOf(text: string, tree: Root): Section[] {
  const lines = text.split('\n')
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading' && Boolean(node.position))
  const starts = headings.map((heading) => heading.position!.start.line)
  const sections: Section[] = []
  const seen = new Map<string, number>()
  const push = (title: string, startLine: number, endLine: number) => {
    const count = seen.get(title) ?? 0
    seen.set(title, count + 1)
    sections.push({ title, key: count ? `${title}#${count}` : title, startLine, endLine, text: lines.slice(startLine - 1, endLine).join('\n') })
  }
  if ((starts[0] ?? lines.length + 1) > 1) push('(preamble)', 1, (starts[0] ?? lines.length + 1) - 1)
  headings.forEach((heading, index) => push(toString(heading), starts[index], (starts[index + 1] ?? lines.length + 1) - 1))
  return sections
}

function compareSections(from: { text: string; tree: Root }, to: { text: string; tree: Root }): SectionChange[] {
  const old = new Map(sectionsOf(from.text, from.tree).map((section) => [section.key, section]))
  const changes: SectionChange[] = []
  const fold = (text: string) => text.replace(/\s+/g, ' ').trim()
  for (const section of sectionsOf(to.text, to.tree)) {
    const previous = old.get(section.key)
    old.delete(section.key)
    if (!previous) changes.push({ title: section.title, change: 'added', startLine: section.startLine, endLine: section.endLine, diff: [{ value: section.text, added: true }] })
    else if (fold(previous.text) !== fold(section.text) || previous.text !== section.text) {
      changes.push({ title: section.title, change: 'changed', startLine: section.startLine, endLine: section.endLine, diff: wordDiff(previous.text, section.text) })
    }
  }
  for (const section of old.values()) {
    changes.push({ title: section.title, change: 'removed', startLine: section.startLine, endLine: section.endLine, diff: [{ value: section.text, removed: true }] })
  }
  return changes
}
