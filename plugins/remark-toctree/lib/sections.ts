import GithubSlugger from 'github-slugger'
import type { Root } from 'mdast'
import { toString } from 'mdast-util-to-string'

/** A section of a document, with the id its heading has on the page. */
export interface DocumentSection {
  /** The heading's rank in the document (1 for `h1`). */
  depth: number
  id: string
  text: string
}

/**
 * The headings of a document with the ids its page gives them: the parser's
 * docutils id (`data.id`) where it set one, else rehype-slug's slug, counted
 * in document order over the headings without one, as rehype-slug does.
 *
 * @param tree
 *   The document.
 * @returns
 *   Its headings, title first.
 */
export function mdastSections(tree: Root): DocumentSection[] {
  const slugger = new GithubSlugger()
  const sections: DocumentSection[] = []
  const walk = (nodes: Root['children']) => {
    for (const node of nodes) {
      if (node.type === 'heading') {
        const text = toString(node)
        const given = (node.data as { id?: unknown } | undefined)?.id
        sections.push({ depth: node.depth, id: typeof given === 'string' && given ? given : slugger.slug(text), text })
      } else if ('children' in node && node.type !== 'paragraph') walk(node.children as Root['children'])
    }
  }
  walk(tree.children)
  return sections
}
