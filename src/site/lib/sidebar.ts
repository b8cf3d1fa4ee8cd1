/**
 * What a page's sidebar shows of the navigation tree. A small site shows the
 * whole tree on every page, the branches above the current page open. A
 * large one keeps the page light: far branches are a link to their first
 * document and nothing below, and a long list is cut into runs of
 * `runLength` where only the current page's run is listed. Every document
 * stays reachable: a far branch's link leads to a page whose sidebar opens
 * it, down to the document.
 */
import type { NavNode } from './nav.ts'

/** One row of the sidebar. */
export interface SidebarItem {
  label: string
  /** The page the row links to; absent for a folder shown open (its rows are below it). */
  href?: string
  /** The current page. */
  current: boolean
  /** Open on load: the current page is at or below it. */
  open: boolean
  /** The rows below; empty when there are none or they are left out (see `collapsed`). */
  children: SidebarItem[]
  /** How many documents are below, when they are left out. */
  collapsed?: number
}

export interface SidebarOptions {
  /** The current page's document (none on a page of no document). */
  current?: string
  /** A document's page in the version the sidebar links to. */
  hrefOf: (document: string) => string
  /** Show every branch (default: only when the site has at most `fullTreeLimit` documents). */
  full: boolean
}

/** Up to this many documents, every page's sidebar lists every document. */
export const fullTreeLimit = 250
/** In a large site, a list longer than this is shown in runs of `runLength`. */
const longList = 60
const runLength = 50

const count = (node: NavNode): number => (node.document !== undefined ? 1 : 0) + node.children.reduce((sum, child) => sum + count(child), 0)
const first = (node: NavNode): string | undefined => node.document ?? node.children.map(first).find((each) => each !== undefined)
const contains = (node: NavNode, document: string | undefined): boolean =>
  document !== undefined && (node.document === document || node.children.some((child) => contains(child, document)))

/**
 * The sidebar of one page.
 *
 * @param tree
 *   The navigation tree of the page's version.
 * @param options
 *   The current page and how to link.
 * @returns
 *   The rows.
 */
export function sidebarItems(tree: readonly NavNode[], options: Readonly<SidebarOptions>): SidebarItem[] {
  const items = (nodes: readonly NavNode[]): SidebarItem[] => {
    if (options.full || nodes.length <= longList) return nodes.map(item)
    const runs: SidebarItem[] = []
    for (let start = 0; start < nodes.length; start += runLength) {
      const run = nodes.slice(start, start + runLength)
      const here = run.some((node) => contains(node, options.current))
      // Runs follow the tree's order (toctree, then file names), not titles: numbered, not lettered.
      const label = `Pages ${start + 1}–${start + run.length} of ${nodes.length}`
      const firstDocument = run.map(first).find((each) => each !== undefined)
      runs.push(
        here
          ? { label, current: false, open: true, children: run.map(item) }
          : { label, ...(firstDocument !== undefined ? { href: options.hrefOf(firstDocument) } : {}), current: false, open: false, children: [] },
      )
    }
    return runs
  }
  const item = (node: NavNode): SidebarItem => {
    const open = node.children.length > 0 && contains(node, options.current)
    const current = node.document !== undefined && node.document === options.current
    const target = node.document ?? first(node)
    const href = target !== undefined && (node.document !== undefined || !(options.full || open)) ? options.hrefOf(target) : undefined
    if (node.children.length === 0 || options.full || open) return { label: node.label, ...(href ? { href } : {}), current, open, children: items(node.children) }
    return { label: node.label, ...(href ? { href } : {}), current, open: false, children: [], collapsed: count(node) - (node.document !== undefined ? 1 : 0) }
  }
  return items(tree)
}
