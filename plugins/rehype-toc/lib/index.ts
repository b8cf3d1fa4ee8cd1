import type { Element, ElementContent, Root } from 'hast'
import { hasClass, landmarks, type PageHeading } from './headings.ts'

export { hasClass, headingRank, landmarks, pageHeadings, textOf, type Landmark, type PageHeading } from './headings.ts'

/** Configuration. */
export interface Options {
  /** The accessible name of the generated `nav` when the directive has no title (default: `'Contents'`). */
  label?: string | null
}

/**
 * Whether an element stands for a reST `contents` directive: a `nav` or `div`
 * with class `contents`, as docutils' HTML writers render it (`<nav
 * class="contents local" role="doc-toc">`, older `<div class="contents
 * topic">`) and as Strata's `directive` handler does (`src/render/handlers.ts`).
 * `local` among its classes is `:local:`, `data-depth` is `:depth:` and
 * `data-title` the directive's title.
 */
export function isContentsPlaceholder(node: Element): boolean {
  return (node.tagName === 'nav' || node.tagName === 'div') && hasClass(node, 'contents') && !hasClass(node, 'toc')
}

/**
 * The headings a `contents` directive lists: with `local`, those after it up
 * to the end of the section it stands in (the next heading of the same or a
 * higher rank than the last one before it); without, the whole document but
 * a lone leading title (docutils promotes it to the document title).
 */
function entriesFor(headings: PageHeading[], before: number, local: boolean): PageHeading[] {
  if (local) {
    const enclosing = before > 0 ? headings[before - 1].depth : 0
    const after = headings.slice(before)
    const end = after.findIndex((heading) => heading.depth <= enclosing)
    return end < 0 ? after : after.slice(0, end)
  }
  const top = Math.min(...headings.map((heading) => heading.depth))
  const titled = headings.length > 0 && headings[0].depth === top && headings.filter((heading) => heading.depth === top).length === 1
  return titled ? headings.slice(1) : headings
}

/** Build the nested list of links, `depth` levels deep at most. */
function outline(entries: PageHeading[], depth: number): Element | undefined {
  if (entries.length === 0) return undefined
  const top = Math.min(...entries.map((entry) => entry.depth))
  const root: Element = { type: 'element', tagName: 'ul', properties: {}, children: [] }
  // Each open level: its rank and the list new items go into.
  const stack: Array<{ rank: number; list: Element; item: Element | undefined }> = [{ rank: top, list: root, item: undefined }]
  for (const entry of entries) {
    if (!entry.id || entry.depth - top >= depth) continue
    while (stack.length > 1 && stack[stack.length - 1].rank > entry.depth) stack.pop()
    let level = stack[stack.length - 1]
    if (entry.depth > level.rank && level.item) {
      // A heading that skips a rank and a later one that fills it share one nested list.
      const last = level.item.children[level.item.children.length - 1]
      const list: Element = last?.type === 'element' && last.tagName === 'ul' ? last : { type: 'element', tagName: 'ul', properties: {}, children: [] }
      if (list !== last) level.item.children.push(list)
      level = { rank: entry.depth, list, item: undefined }
      stack.push(level)
    }
    const link: Element = { type: 'element', tagName: 'a', properties: { href: `#${entry.id}` }, children: [{ type: 'text', value: entry.text }] }
    const item: Element = { type: 'element', tagName: 'li', properties: {}, children: [link] }
    level.list.children.push(item)
    level.item = item
  }
  return root.children.length > 0 ? root : undefined
}

/**
 * Replace each `contents` placeholder with `<nav class="toc" aria-label="…">`
 * holding a nested `<ul>` of links to the headings it lists (`#id`, the ids
 * rehype-slug gave, so it must run after rehype-slug). A local table gets the
 * class `toc-local`; a titled one a `<p class="toc-title">`. A placeholder
 * with nothing to list is removed.
 *
 * @param tree
 *   The tree, changed in place.
 * @param label
 *   Default accessible name.
 * @returns
 *   Nothing.
 */
export function hastBuildToc(tree: Root, label: string): undefined {
  const found = landmarks(tree, isContentsPlaceholder)
  const headings = found.flatMap((each) => (each.kind === 'heading' ? [each.heading] : []))
  let before = 0
  for (const each of found) {
    if (each.kind === 'heading') {
      before++
      continue
    }
    const { node, parent } = each
    const local = hasClass(node, 'local')
    const depthValue = Number(node.properties.dataDepth)
    const depth = Number.isInteger(depthValue) && depthValue > 0 ? depthValue : Infinity
    const title = typeof node.properties.dataTitle === 'string' && node.properties.dataTitle.trim() !== '' ? node.properties.dataTitle.trim() : undefined
    const list = outline(entriesFor(headings, before, local), depth)
    const index = parent.children.indexOf(node)
    if (!list) {
      parent.children.splice(index, 1)
      continue
    }
    const children: ElementContent[] = []
    if (title) children.push({ type: 'element', tagName: 'p', properties: { className: ['toc-title'] }, children: [{ type: 'text', value: title }] })
    children.push(list)
    const nav: Element = {
      type: 'element',
      tagName: 'nav',
      properties: { className: local ? ['toc', 'toc-local'] : ['toc'], ariaLabel: title ?? label },
      children,
    }
    if (typeof node.properties.id === 'string') nav.properties.id = node.properties.id
    if (node.position) nav.position = node.position
    parent.children.splice(index, 1, nav)
  }
  return undefined
}

/**
 * Turn reST `contents` directives into tables of contents (see {@link hastBuildToc}).
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform that changes the tree in place.
 */
export function rehypeToc(options?: Readonly<Options> | null) {
  const label = options?.label ?? 'Contents'
  if (typeof label !== 'string' || label.trim() === '') throw new TypeError('rehypeToc: `label` must be a non-empty string')
  /**
   * @param tree
   *   The page.
   * @returns
   *   Nothing.
   */
  return function (tree: Root): undefined {
    return hastBuildToc(tree, label)
  }
}
