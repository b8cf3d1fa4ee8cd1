import type { Root } from 'mdast'
import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'
import { compareSections, type SectionChange } from './sections.ts'
import { wordDiff, type DiffRun } from './word-diff.ts'

export type { DiffRun, SectionChange }

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

export interface Changes {
  document: string
  from: string
  to: string
  records: RecordChange[]
  sections: SectionChange[]
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
