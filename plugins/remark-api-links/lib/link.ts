import type { Link, PhrasingContent } from 'mdast'
import type { Position } from 'unist'
import type { ApiRecord } from '../../remark-api-records/index.ts'

/** Where API pages live: the document and version the links point into, and how their URLs are made. */
export interface ApiLinkContext {
  document: string
  version: string
  /** The URL of an API's page; the site passes its `urls.api`, so the plugin knows no URL scheme. */
  apiUrlOf: (document: string, version: string, name: string) => string
}

/** How an API is written in prose: functions and function-like macros with `()`. */
export function displayName(record: Pick<ApiRecord, 'name' | 'kind'>): string {
  return record.kind === 'function' ? `${record.name}()` : record.name
}

/**
 * The tooltip of a link to an API: its status and, when the document gives
 * one, what to use instead — "kmap() — deprecated: use kmap_local_page()".
 */
export function apiTitle(record: ApiRecord, byName: ReadonlyMap<string, ApiRecord>): string {
  const replacement = record.replacement.map((name) => {
    const known = byName.get(name)
    return known ? displayName(known) : `${name}()`
  })
  const use = replacement.length > 0 && record.status !== 'preferred' ? `: use ${replacement.join(' or ')}` : ''
  return `${displayName(record)} — ${record.status}${use}`
}

/**
 * The classes of a link to an API: `api` and `api-<status>`. The site's CSS
 * strikes `api-deprecated` through; `<del>` is not used because `ins`/`del`
 * mean "changed between versions" on the comparison pages.
 */
export function apiClassName(record: Pick<ApiRecord, 'status'>): string[] {
  return ['api', `api-${record.status}`]
}

/**
 * Build a link to an API's page as an mdast node (`data.hProperties` carries
 * the classes, so no HTML is written here).
 *
 * @param record
 *   The API linked to.
 * @param title
 *   Tooltip (see {@link apiTitle}).
 * @param children
 *   What the link shows.
 * @param context
 *   Document and version of the API page, and how its URL is made.
 * @param position
 *   Where the linked text is in the source (optional).
 * @returns
 *   A `link` node.
 */
export function apiLink(
  record: ApiRecord,
  title: string,
  children: PhrasingContent[],
  context: ApiLinkContext,
  position?: Position,
): Link {
  const link: Link = {
    type: 'link',
    url: context.apiUrlOf(context.document, context.version, record.name),
    title,
    children,
    data: { hProperties: { className: apiClassName(record), dataApi: record.name } },
  }
  if (position) link.position = position
  return link
}
