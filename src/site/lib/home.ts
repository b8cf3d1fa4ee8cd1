/**
 * What the home page shows: documents grouped by subsystem (the first folder
 * of their id), each with its newest version's counts, and the newest
 * patches first. Kept to a line per document so a thousand stay light.
 */
import type { VersionEntry } from '../loader/types.ts'
import type { SiteData } from './site-data.ts'

export interface HomeDocument {
  document: string
  title: string
  newest: VersionEntry
  apis: number
  deprecated: number
  /** Versions made by patches. */
  patched: number
}

export interface HomeGroup {
  /** `mm`, `RCU`: the subsystem folder. */
  name: string
  documents: HomeDocument[]
}

export interface RecentChange {
  version: VersionEntry
  subject: string
  author: string | null
  date: string | null
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * @param data
 *   The site.
 * @returns
 *   Groups in name order (case-insensitive), documents by title within each.
 */
export function homeGroups(data: SiteData): HomeGroup[] {
  const groups = new Map<string, HomeDocument[]>()
  for (const document of data.documents()) {
    const versions = data.versionsOf(document)
    const newest = versions.find((version) => version.newest)!
    const name = document.includes('/') ? document.slice(0, document.indexOf('/')) : '(top)'
    const entry = { document, title: newest.title, newest, apis: newest.counts.apis, deprecated: newest.counts.deprecated, patched: versions.filter((version) => version.patches.length > 0).length }
    const list = groups.get(name)
    if (list) list.push(entry)
    else groups.set(name, [entry])
  }
  return [...groups]
    .sort(([a], [b]) => compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b))
    .map(([name, documents]) => ({ name, documents: documents.sort((a, b) => compare(a.title.toLowerCase(), b.title.toLowerCase()) || compare(a.document, b.document)) }))
}

/**
 * The patched versions, newest first (by the last patch's date, then the
 * version's), at most `limit`.
 */
export function recentChanges(data: SiteData, limit: number): RecentChange[] {
  const changes = data.versions
    .filter((version) => version.patches.length > 0)
    .map((version) => {
      const patch = version.patches.at(-1)!
      return { version, subject: patch.subject, author: patch.author?.name ?? null, date: patch.date ?? version.date ?? null }
    })
  return changes.sort((a, b) => compare(b.date ?? '', a.date ?? '') || compare(a.version.key, b.version.key)).slice(0, limit)
}
