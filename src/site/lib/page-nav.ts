/**
 * The navigation of one document page: its sidebar, breadcrumbs and
 * previous/next, from the toctrees of the page's version.
 */
import type { VersionEntry } from '../loader/types.ts'
import { fullTreeLimit, sidebarItems, type SidebarItem } from './sidebar.ts'
import type { SiteData } from './site-data.ts'
import { urls } from '../../lib/urls.ts'

export interface PageNav {
  sidebar: { items: SidebarItem[]; version?: string }
  trail: Array<{ label: string; href?: string }>
  previous?: { label: string; href: string }
  next?: { label: string; href: string }
}

/**
 * @param data
 *   The site.
 * @param page
 *   The version the page shows (or, on a page of no document, none).
 * @returns
 *   What the page's navigation shows.
 */
export function pageNav(data: SiteData, page: VersionEntry | undefined): PageNav {
  // A page of no document (home, deprecations) sees every document's newest version.
  const id = page?.id ?? ''
  const nav = data.navOf(id)
  const hrefOf = (document: string) => {
    const linked = data.linkedVersion(document, id)
    return urls.document(linked.document, linked.id)
  }
  const documents = data.documentCount()
  const items = sidebarItems(nav.tree, { current: page?.document, hrefOf, full: documents <= fullTreeLimit })
  // Say which version the tree shows when the page is not of its newest.
  const sidebar = page && !page.newest ? { items, version: page.label } : { items }
  if (!page) return { sidebar, trail: [] }
  const trail = [
    { label: 'Documents', href: urls.home() },
    ...(nav.ancestors.get(page.document) ?? []).map((node) => (node.document !== undefined ? { label: node.label, href: hrefOf(node.document) } : { label: node.label })),
  ]
  const at = nav.position.get(page.document) ?? -1
  const neighbour = (document: string | undefined) => (document === undefined ? undefined : { label: data.linkedVersion(document, id).title, href: hrefOf(document) })
  return { sidebar, trail, previous: at > 0 ? neighbour(nav.order[at - 1]) : undefined, next: neighbour(nav.order[at + 1]) }
}
