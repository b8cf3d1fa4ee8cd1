import type { Nodes, Paragraph, Parent, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'

/** Where a described API's block is in the tree, and where its banner goes. */
export interface BlockPlace {
  /** The list item, directive or section heading whose lines are the record's. */
  node: Nodes
  /** The parent the banner is inserted into. */
  parent: Parent
  /** The index in `parent` the banner is inserted at. */
  index: number
  /** The nodes of the block, to look for its conversion note in. */
  content: Nodes[]
}

// Same test as the record extractor (remark-api-records/lib/blocks.ts): a
// paragraph that opens with NOTE:, WARNING: or CAUTION:, bold or not.
const noteStart = /^\s*(?:\*\*)?(?:NOTE|Note|WARNING|Warning|CAUTION|Caution)(?:\*\*)?\s*:/
const containers = new Set(['listItem', 'definitionListItem', 'directive'])

const childrenOf = (node: Nodes): Nodes[] => ('children' in node ? (node.children as Nodes[]) : [])

/**
 * Find the block an API record was extracted from, by its source lines: a
 * list item, definition list item or C-domain directive spanning exactly
 * `startLine..endLine`, or else a section (its heading starts at `startLine`;
 * mdast sections are flat, so the section is the heading and the siblings
 * after it up to the next heading of the same or a higher rank).
 *
 * The banner goes right after the lead: the item's first child (its lead
 * paragraph), first in a directive's body, after a section's heading.
 *
 * @param tree
 *   Tree.
 * @param startLine
 *   First line of the block.
 * @param endLine
 *   Last line of the block.
 * @returns
 *   The place, or `undefined` when no block has these lines.
 */
export function findBlock(tree: Root, startLine: number, endLine: number): BlockPlace | undefined {
  let found: BlockPlace | undefined
  let section: BlockPlace | undefined
  const walk = (parent: Parent) => {
    const children = parent.children as Nodes[]
    for (const [index, node] of children.entries()) {
      if (found) return
      const position = node.position
      if (position && position.start.line === startLine && position.end.line === endLine && containers.has(node.type)) {
        const content = childrenOf(node)
        const lead = node.type === 'directive' ? 0 : Math.min(1, content.length)
        found = { node, parent: node as Parent, index: lead, content }
        return
      }
      if (!section && node.type === 'heading' && position?.start.line === startLine) {
        let end = index + 1
        while (end < children.length) {
          const next = children[end]
          if (next.type === 'heading' && next.depth <= node.depth) break
          end++
        }
        section = { node, parent, index: index + 1, content: children.slice(index + 1, end) }
      }
      if ('children' in node && position && position.start.line <= startLine && position.end.line >= endLine) walk(node as Parent)
    }
  }
  walk(tree)
  return found ?? section
}

/**
 * The first conversion note of a block: a `NOTE:` paragraph, or the first
 * paragraph of a note admonition, looked for in document order.
 *
 * @param content
 *   The block's nodes.
 * @returns
 *   The node to carry the note's anchor, if any.
 */
export function findNote(content: readonly Nodes[]): Nodes | undefined {
  for (const node of content) {
    if (node.type === 'paragraph' && noteStart.test(toString(node as Paragraph))) return node
    if (node.type === 'admonition' && node.kind === 'note') return node
    if (node.type === 'code' || node.type === 'heading') continue
    const inner = findNote(childrenOf(node))
    if (inner) return inner
  }
  return undefined
}
