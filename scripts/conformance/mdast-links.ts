/**
 * Strata's side of the link comparison: every reference-like inline of the
 * mdast tree and what it resolves to, in the canonical form
 * `docutils_outline.py`'s `links_of` gives for docutils (see `OutlineLink`).
 *
 * Copies of a substitution definition's content inside its references are
 * not walked (docutils makes them after parsing, so its list has only the
 * definition's own references). A linked image (`image` with `:target:`)
 * counts as the block-level reference docutils wraps around it.
 */
import type { AnyNode } from './mdast-inline.ts'
import { footnoteLabel } from './mdast-inline.ts'
import { fold, type OutlineLink } from './outline.ts'

/** What internal targets reach, by element id. */
type Elements = Map<string, string>

/**
 * The links of a tree.
 *
 * @param tree
 *   Root from `fromRst`.
 * @returns
 *   Links in document order.
 */
export function mdastLinks(tree: AnyNode): OutlineLink[] {
  const elements = elementsOf(tree)
  const footnotes = new Map<string, number>()
  const citations = new Set<string>()
  let footnoteIndex = 0
  walk(tree, (node) => {
    if (node.type === 'footnoteDefinition') footnotes.set(String(node.identifier), footnoteIndex++)
    if (node.type === 'citation') citations.add(String(node.identifier))
  })
  const links: OutlineLink[] = []
  const add = (node: AnyNode, kind: string, text: string, target: string) => {
    const line = node.position?.start.line
    links.push(line ? { kind, text, target, line } : { kind, text, target })
  }
  walk(tree, (node) => {
    switch (node.type) {
      case 'link':
        add(node, 'reference', fold(shownText(node)), linkTarget(node.url, node.data, elements))
        break
      case 'footnoteReference': {
        const index = footnotes.get(String(node.identifier))
        add(node, 'footnote_reference', footnoteLabel(node), index === undefined || node.data?.unresolved ? 'unresolved' : `footnote#${index}`)
        break
      }
      case 'citationReference':
        add(node, 'citation_reference', String(node.label ?? ''), citations.has(String(node.identifier)) ? `citation:${node.label}` : 'unresolved')
        break
      case 'substitutionReference':
        add(node, 'substitution_reference', fold(String(node.name ?? '')), `substitution:${node.data?.unresolved ? 'unresolved' : 'defined'}`)
        return false
      case 'directive':
        if ((node.name === 'image' || node.name === 'figure') && typeof (node.options as Record<string, string> | undefined)?.target === 'string') {
          // A linked image's reference reads as the image's alternative text.
          add(node, 'reference', fold(String((node.options as Record<string, string>).alt ?? '')), linkTarget(node.data?.url, node.data, elements))
        }
        break
      default:
        break
    }
    return true
  })
  return links
}

/**
 * Canonical target of a resolved URL.
 *
 * @param url
 *   The node's URL (`#id` for internal targets).
 * @param data
 *   The node's data (`unresolved` when nothing defines the name).
 * @param elements
 *   What each id reaches.
 * @returns
 *   `uri:…`, an element description, or `unresolved`.
 */
function linkTarget(url: unknown, data: AnyNode['data'], elements: Elements): string {
  if (data?.unresolved || typeof url !== 'string') return 'unresolved'
  if (url.startsWith('#')) {
    const element = elements.get(url.slice(1))
    if (element) return element
  }
  return `uri:${url}`
}

/**
 * What each element id reaches: sections by title, footnotes by their
 * place, citations by label, other internal targets by id.
 *
 * @param tree
 *   Root.
 * @returns
 *   Id → canonical description.
 */
function elementsOf(tree: AnyNode): Elements {
  const elements: Elements = new Map()
  let footnoteIndex = 0
  walk(tree, (node) => {
    const id = node.data?.id
    if (node.type === 'footnoteDefinition') {
      if (typeof id === 'string') elements.set(id, `footnote#${footnoteIndex}`)
      footnoteIndex++
    } else if (typeof id !== 'string') return true
    else if (node.type === 'heading') elements.set(id, `section:${fold(resolvedText(node))}`)
    else if (node.type === 'citation') elements.set(id, `citation:${node.label}`)
    else if (!elements.has(id)) elements.set(id, `id:${id}`)
    return true
  })
  return elements
}

/**
 * Visit nodes in document order; `visit` returning false skips the node's
 * children.
 */
function walk(node: AnyNode, visit: (node: AnyNode) => boolean | void): void {
  if (visit(node) === false) return
  for (const child of node.children ?? []) walk(child, visit)
}

/** A reference's text as docutils has it before substitution: `|name|` reads `name`. */
function shownText(node: AnyNode): string {
  if (node.type === 'substitutionReference') return String(node.name ?? '')
  if (typeof node.value === 'string' && !node.children) return node.value
  return (node.children ?? []).map(shownText).join('')
}

/** Plain text with substitutions resolved (a title as docutils' transforms leave it). */
function resolvedText(node: AnyNode): string {
  if (typeof node.value === 'string' && !node.children) return node.value
  return (node.children ?? []).map(resolvedText).join('')
}
