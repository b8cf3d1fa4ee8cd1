import GithubSlugger from 'github-slugger'
import type { Nodes, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { wordDiff } from './changes.ts'
import type { ChangesEntry } from '../site/loader/types.ts'

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
export function renderedSections(tree: Root): RenderedSection[] {
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

const fold = (text: string) => text.replace(/\s+/g, ' ').trim()

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
      if (node.type === ('comment' as string) || node.type === ('target' as string)) return ''
      if ('children' in node && Array.isArray(node.children)) {
        return (node.children as RootContent[]).map(blockText).filter(Boolean).join('\n\n')
      }
      return 'value' in node && typeof node.value === 'string' ? fold(node.value) : ''
  }
}

/** Section-by-section word diff of two versions' rendered text. */
export function diffSections(before: Root, after: Root): ChangesEntry['sections'] {
  const old = new Map(renderedSections(before).map((section) => [section.title, section]))
  const result: ChangesEntry['sections'] = []
  for (const section of renderedSections(after)) {
    const previous = old.get(section.title)
    old.delete(section.title)
    if (!previous) {
      result.push({ title: section.title, id: section.id, change: 'added', before: '', after: section.text, diff: [{ value: section.text, added: true }] })
      continue
    }
    const same = previous.text === section.text
    result.push({
      title: section.title,
      id: section.id,
      change: same ? 'unchanged' : 'changed',
      before: previous.text,
      after: section.text,
      diff: same ? [{ value: section.text }] : wordDiff(previous.text, section.text),
    })
  }
  for (const section of old.values()) {
    result.push({ title: section.title, id: section.id, change: 'removed', before: section.text, after: '', diff: [{ value: section.text, removed: true }] })
  }
  return result
}
