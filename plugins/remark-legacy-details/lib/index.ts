import type { Blockquote, Nodes, Paragraph, Parent, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'

/** Configuration. */
export interface Options {
  /**
   * Whether a paragraph is a legacy marker (default: {@link isLegacyMarker},
   * the record extractor's test: a bracketed line that says legacy,
   * deprecated, obsolete or historical).
   */
  test?: ((text: string) => boolean) | null
}

// The marker as remark-api-records/lib/blocks.ts reads it, so that what the
// records call `legacy` is what the page folds away.
const marker = /^\s*\[[^\]\n]*\b(?:legacy|deprecated|obsolete|historical)\b[^\]\n]*\]\s*$/i

/** Whether a paragraph's text is a legacy marker: `[Legacy documentation]`. */
export function isLegacyMarker(text: string): boolean {
  return marker.test(text)
}

/**
 * Fold a legacy marker and everything after it in its parent (up to the
 * next heading) into a
 * collapsed `<details class="legacy" data-legacy>` whose `<summary>` is the
 * marker's text without its brackets. The marker paragraph becomes the
 * summary (it keeps its position); the nodes after it keep theirs.
 *
 * Carriers are ordinary mdast nodes with `data.hName` (`blockquote` → `details`,
 * `paragraph` → `summary`), as Starlight's asides do, so no HTML is written.
 *
 * @param tree
 *   The tree, changed in place.
 * @param test
 *   The marker test.
 * @returns
 *   Nothing.
 */
export function mdastFoldLegacy(tree: Root, test: (text: string) => boolean): undefined {
  const descend = (node: Nodes) => {
    if ('children' in node && node.type !== 'heading' && node.type !== 'paragraph') walk(node as Parent)
  }
  const walk = (parent: Parent) => {
    const children = parent.children as Nodes[]
    const next: Nodes[] = []
    let index = 0
    while (index < children.length) {
      const child = children[index]
      if (child.type !== 'paragraph' || !test(toString(child))) {
        descend(child)
        next.push(child)
        index++
        continue
      }
      // mdast sections are flat: at the top level "everything after it" ends
      // at the next heading, which starts another section (folding it would
      // also hide its anchor from the table of contents).
      let end = index + 1
      while (end < children.length && children[end].type !== 'heading') end++
      const rest = children.slice(index + 1, end)
      rest.forEach(descend)
      next.push(fold(child, rest))
      index = end
    }
    parent.children = next as Parent['children']
  }
  walk(tree)
  return undefined
}

/**
 * Build the `details` carrier for one marker and what follows it.
 *
 * @param marker
 *   The marker paragraph.
 * @param rest
 *   The nodes after it.
 * @returns
 *   The carrier.
 */
function fold(marker: Paragraph, rest: Nodes[]): Blockquote {
  const label = toString(marker).trim().replace(/^\[\s*|\s*\]$/g, '')
  const summary: Paragraph = {
    type: 'paragraph',
    children: [{ type: 'text', value: label, ...(marker.position ? { position: marker.position } : {}) }],
    data: { hName: 'summary' },
  }
  if (marker.position) summary.position = marker.position
  const details: Blockquote = {
    type: 'blockquote',
    children: [summary, ...(rest as Blockquote['children'])],
    data: { hName: 'details', hProperties: { className: ['legacy'], dataLegacy: true } },
  }
  const last = rest[rest.length - 1] ?? marker
  if (marker.position && last.position) details.position = { start: marker.position.start, end: last.position.end }
  return details
}

/**
 * Fold legacy documentation away (see {@link mdastFoldLegacy}).
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform that changes the tree in place.
 */
export function remarkLegacyDetails(options?: Readonly<Options> | null) {
  const test = options?.test ?? isLegacyMarker
  if (typeof test !== 'function') throw new TypeError('remarkLegacyDetails: `test` must be a function')
  /**
   * @param tree
   *   The version's tree.
   * @returns
   *   Nothing.
   */
  return function (tree: Root): undefined {
    return mdastFoldLegacy(tree, test)
  }
}
