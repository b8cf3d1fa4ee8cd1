/**
 * Lists are compact the way docutils' HTML writer makes them: a list is
 * rendered without `<p>` in its items only when it is "simple", every item
 * holding at most one paragraph (nested simple lists aside). The parser marks
 * a list `spread: false` when no blank line separates its items, which is
 * mdast's reading; rendered that way, an item with several paragraphs loses
 * its paragraph breaks and the ids on them (a conversion note's anchor).
 */
import type { List, ListItem, Nodes, Root } from 'mdast'

/** Whether a list item is simple: at most one paragraph, other children simple lists. */
function simpleItem(item: ListItem): boolean {
  let paragraphs = 0
  for (const child of item.children) {
    if (child.type === 'paragraph') paragraphs++
    else if (child.type !== 'list' || !simpleList(child)) return false
  }
  return paragraphs <= 1
}

function simpleList(list: List): boolean {
  return list.children.every(simpleItem)
}

/**
 * Mark every list that is not simple as loose (`spread: true`), in place.
 *
 * @param tree
 *   Tree.
 * @returns
 *   Nothing.
 */
export function mdastLoosenLists(tree: Root): undefined {
  const walk = (node: Nodes) => {
    if (node.type === 'list' && !simpleList(node)) node.spread = true
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child)
  }
  walk(tree)
  return undefined
}

/**
 * Render lists compact only when docutils would (see {@link mdastLoosenLists}).
 *
 * @returns
 *   Transform that changes the tree in place.
 */
export function remarkDocutilsLists() {
  return function (tree: Root): undefined {
    return mdastLoosenLists(tree)
  }
}
