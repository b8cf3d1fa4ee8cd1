import type { Element, ElementContent, Nodes, Root } from 'hast'

/** A heading of the page, as the table of contents and the site's outline see it. */
export interface PageHeading {
  /** 1–6, from `h1`–`h6`. */
  depth: number
  /** Its `id`, when it has one (rehype-slug gives one to every heading). */
  id: string | undefined
  /** Its text content. */
  text: string
}

const rankOf: ReadonlyMap<string, number> = new Map([['h1', 1], ['h2', 2], ['h3', 3], ['h4', 4], ['h5', 5], ['h6', 6]])

/** The rank of a heading element (1–6), or `undefined` for other nodes. */
export function headingRank(node: Nodes): number | undefined {
  return node.type === 'element' ? rankOf.get(node.tagName) : undefined
}

/** The text of a hast node, as `textContent` gives it. */
export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('')
  return ''
}

/** Whether an element has a class. */
export function hasClass(node: Element, name: string): boolean {
  const value: unknown = node.properties.className
  return Array.isArray(value) ? value.includes(name) : typeof value === 'string' && value.split(/\s+/).includes(name)
}

/** The heading and the element, in document order, read from a hast tree. */
export type Landmark = { kind: 'heading'; node: Element; heading: PageHeading } | { kind: 'placeholder'; node: Element; parent: Root | Element }

/**
 * Walk a tree once and list its headings and the elements `isPlaceholder`
 * accepts, in document order (headings inside a placeholder are not listed).
 *
 * @param tree
 *   Tree.
 * @param isPlaceholder
 *   Which elements stand for a table of contents.
 * @returns
 *   The landmarks.
 */
export function landmarks(tree: Root, isPlaceholder: (node: Element) => boolean): Landmark[] {
  const found: Landmark[] = []
  const walk = (parent: Root | Element) => {
    for (const child of parent.children as ElementContent[]) {
      if (child.type !== 'element') continue
      if (isPlaceholder(child)) {
        found.push({ kind: 'placeholder', node: child, parent })
        continue
      }
      const depth = headingRank(child)
      if (depth) {
        const id = typeof child.properties.id === 'string' && child.properties.id !== '' ? child.properties.id : undefined
        found.push({ kind: 'heading', node: child, heading: { depth, id, text: textOf(child).replace(/\s+/g, ' ').trim() } })
        continue
      }
      walk(child)
    }
  }
  walk(tree)
  return found
}

/** Every heading of a tree, in order (for the site's outline and search). */
export function pageHeadings(tree: Root): PageHeading[] {
  return landmarks(tree, () => false).flatMap((each) => (each.kind === 'heading' ? [each.heading] : []))
}
