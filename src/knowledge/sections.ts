/**
 * The one section model of a document's versions: a document is cut at its
 * top-level headings, the sections of two versions are paired by one rule
 * ({@link pairSections}), and each pair is diffed by words. Two views read it:
 *
 * - `changes.json` and `strata changes` compare the reST source of each
 *   section and give its lines ({@link compareSections}): what the author
 *   changed, markup included;
 * - the compare page compares the text a reader sees ({@link diffSections}):
 *   markup that renders the same is not a change there.
 *
 * The two keep their own keys (source sections count repeated titles,
 * `Example#1`; the page pairs by title, as it always has), so that both give
 * the bytes they gave before they shared this module.
 */
import GithubSlugger from 'github-slugger'
import type { Heading, Nodes, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { wordDiff, type DiffRun } from './word-diff.ts'

/** A section of the source that changed between two versions, for `changes.json`. */
export interface SectionChange {
  /** The section's title (the last version's, for a changed one). */
  title: string
  change: 'added' | 'removed' | 'changed'
  /** 1-based lines of the section in the newer version (in the older one when removed). */
  startLine: number
  endLine: number
  diff: DiffRun[]
}

/** A section of the rendered text in two versions, for the compare page. */
export interface SectionDiff {
  title: string
  /** The heading's id on the document page (empty for text before the first heading). */
  id: string
  change: 'added' | 'removed' | 'changed' | 'unchanged'
  before: string
  after: string
  diff: DiffRun[]
}

/** A section of one version and, when the other version has it, its counterpart. */
type Pair<Section> = { before: Section; after: Section } | { before: Section; after?: undefined } | { before?: undefined; after: Section }

/**
 * Pair the sections of two versions by key: the newer version's sections in
 * order, each with the older one's of the same key if any, then the older
 * version's sections nothing paired with. When a key repeats, the older
 * version's last section of that key is the one paired.
 */
export function pairSections<Section>(before: readonly Section[], after: readonly Section[], key: (section: Section) => string): Array<Pair<Section>> {
  const old = new Map(before.map((section) => [key(section), section]))
  const pairs: Array<Pair<Section>> = []
  for (const section of after) {
    const previous = old.get(key(section))
    old.delete(key(section))
    pairs.push(previous ? { before: previous, after: section } : { after: section })
  }
  for (const section of old.values()) pairs.push({ before: section })
  return pairs
}

interface SourceSection {
  title: string
  key: string
  startLine: number
  endLine: number
  text: string
}

/** The document's source cut at its headings; text before the first heading is the preamble. */
function sourceSections(text: string, tree: Root): SourceSection[] {
  const lines = text.split('\n')
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading' && Boolean(node.position))
  const starts = headings.map((heading) => heading.position!.start.line)
  const sections: SourceSection[] = []
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

const fold = (text: string) => text.replace(/\s+/g, ' ').trim()

/** The sections whose source changed, was added or was removed between two versions. */
export function compareSections(from: { text: string; tree: Root }, to: { text: string; tree: Root }): SectionChange[] {
  const changes: SectionChange[] = []
  for (const { before, after } of pairSections(sourceSections(from.text, from.tree), sourceSections(to.text, to.tree), (section) => section.key)) {
    const lines = { startLine: (after ?? before).startLine, endLine: (after ?? before).endLine }
    if (!before) changes.push({ title: after.title, change: 'added', ...lines, diff: [{ value: after.text, added: true }] })
    else if (!after) changes.push({ title: before.title, change: 'removed', ...lines, diff: [{ value: before.text, removed: true }] })
    else if (fold(before.text) !== fold(after.text) || before.text !== after.text) {
      changes.push({ title: after.title, change: 'changed', ...lines, diff: wordDiff(before.text, after.text) })
    }
  }
  return changes
}

interface RenderedSection {
  title: string
  id: string
  text: string
}

/**
 * The document's rendered text, section by section: what a reader sees,
 * without markup, so the compare page diffs words rather than reST syntax.
 * Ids are github-slugger slugs, the ones rehype-slug gives the headings.
 */
function renderedSections(tree: Root): RenderedSection[] {
  const slugger = new GithubSlugger()
  const sections: RenderedSection[] = [{ title: '(top)', id: '', text: '' }]
  const parts: string[][] = [[]]
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'heading') {
      const title = toString(node)
      sections.push({ title, id: slugger.slug(title), text: '' })
      parts.push([])
    } else {
      const text = blockText(node)
      if (text) parts.at(-1)!.push(text)
    }
  }
  sections.forEach((section, index) => (section.text = parts[index].join('\n\n')))
  return sections.filter((section, index) => index > 0 || section.text !== '')
}

/**
 * A block's text as a reader sees it: paragraphs with their line breaks
 * folded and separated by blank lines, list items marked with a bullet,
 * literal blocks verbatim. Comments and targets show nothing.
 */
function blockText(node: RootContent | Nodes): string {
  switch (node.type) {
    case 'code':
      return node.value
    case 'paragraph':
    case 'heading':
      return fold(toString(node))
    case 'list':
      return node.children.map((item) => '• ' + blockText(item).replace(/\n/g, '\n  ')).join('\n')
    default:
      if (node.type === 'comment' || node.type === 'target') return ''
      if ('children' in node && Array.isArray(node.children)) {
        return (node.children as RootContent[]).map(blockText).filter(Boolean).join('\n\n')
      }
      return 'value' in node && typeof node.value === 'string' ? fold(node.value) : ''
  }
}

/** Section-by-section word diff of two versions' rendered text, every section included. */
export function diffSections(before: Root, after: Root): SectionDiff[] {
  return pairSections(renderedSections(before), renderedSections(after), (section) => section.title).map(({ before: previous, after: section }) => {
    if (!previous) return { title: section.title, id: section.id, change: 'added', before: '', after: section.text, diff: [{ value: section.text, added: true }] }
    if (!section) return { title: previous.title, id: previous.id, change: 'removed', before: previous.text, after: '', diff: [{ value: previous.text, removed: true }] }
    const same = previous.text === section.text
    return {
      title: section.title,
      id: section.id,
      change: same ? 'unchanged' : 'changed',
      before: previous.text,
      after: section.text,
      diff: same ? [{ value: section.text }] : wordDiff(previous.text, section.text),
    }
  })
}
