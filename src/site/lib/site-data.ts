import { getCollection } from 'astro:content'
import type { ChangesEntry, RecordEntry, VersionEntry } from '../loader/types.ts'
import { buildNavTree, indexNavTree, type NavIndex } from './nav.ts'

/**
 * What pages read from the collections, computed once per build. Pages only
 * query here; the loader did the work.
 */
let cache: Promise<SiteData> | undefined

export interface SiteData {
  versions: VersionEntry[]
  records: RecordEntry[]
  changes: ChangesEntry[]
  version(key: string): VersionEntry | undefined
  versionsOf(document: string): VersionEntry[]
  recordsOf(key: string): RecordEntry[]
  record(key: string, name: string): RecordEntry | undefined
  /** A record entry by its own key (`mm~highmem@v6.1/kmap`). */
  recordEntry(key: string): RecordEntry | undefined
  /** The version of a document a page of version `id` links to: the same id when the document has it, else its newest. */
  linkedVersion(document: string, id: string): VersionEntry
  /** The navigation of the site as seen from pages of version `id` (each document in its linked version). */
  navOf(id: string): NavIndex
  /** How many documents the site has. */
  documentCount(): number
  /** Every document id, in manifest order. */
  documents(): string[]
}

export function siteData(): Promise<SiteData> {
  cache ??= (async () => {
    const versions: VersionEntry[] = (await getCollection('versions')).map((entry) => ({ ...entry.data, html: entry.rendered?.html ?? '' }))
    const byDocument = new Map<string, VersionEntry[]>()
    for (const version of versions) {
      const list = byDocument.get(version.document)
      if (list) list.push(version)
      else byDocument.set(version.document, [version])
    }
    // Astro warns about an empty collection when it is read: a site with no
    // API, or one version per document, has none to read.
    const records = versions.some((version) => version.counts.apis > 0)
      ? (await getCollection('records')).map((entry) => entry.data)
      : []
    const changes = [...byDocument.values()].some((siblings) => siblings.length > 1)
      ? (await getCollection('changes')).map((entry) => entry.data)
      : []
    // Lookups are maps: a site of a thousand documents renders tens of
    // thousands of pages, each asking for its version and records.
    const byVersion = new Map<string, RecordEntry[]>()
    const byKey = new Map<string, RecordEntry>()
    for (const entry of records) {
      const key = entry.key.slice(0, entry.key.lastIndexOf('/'))
      const list = byVersion.get(key)
      if (list) list.push(entry)
      else byVersion.set(key, [entry])
      byKey.set(entry.key, entry)
    }
    const versionByKey = new Map<string, VersionEntry>(versions.map((version: VersionEntry) => [version.key, version]))
    const linkedVersion = (document: string, id: string) => {
      const siblings = byDocument.get(document)!
      return siblings.find((version) => version.id === id) ?? siblings.find((version) => version.newest)!
    }
    const navs = new Map<string, NavIndex>()
    const navOf = (id: string) => {
      let nav = navs.get(id)
      if (!nav) {
        const linked = [...byDocument.keys()].map((document) => linkedVersion(document, id))
        nav = indexNavTree(buildNavTree(linked.map((version) => ({ document: version.document, path: version.path, title: version.title, toctree: version.toctree }))))
        navs.set(id, nav)
      }
      return nav
    }
    return {
      versions,
      records,
      changes,
      version: (key) => versionByKey.get(key),
      versionsOf: (document) => byDocument.get(document) ?? [],
      recordsOf: (key) => byVersion.get(key) ?? [],
      record: (key, name) => byKey.get(`${key}/${name}`),
      recordEntry: (key) => byKey.get(key),
      linkedVersion,
      navOf,
      documentCount: () => byDocument.size,
      documents: () => [...byDocument.keys()],
    }
  })()
  return cache
}

/** Static paths of a page per version (`/docs/…`, `/source/…`): `mm/highmem/v6.1`, with the version's key. */
export async function versionPaths() {
  const data = await siteData()
  return data.versions.map((version) => ({ params: { path: `${version.document}/${version.id}` }, props: { key: version.key } }))
}

/** Labels and order of statuses, most current first (rustdoc ranks deprecated last). */
export const statusLabel: Record<string, string> = {
  preferred: 'Preferred',
  available: 'Available',
  discouraged: 'Discouraged',
  deprecated: 'Deprecated',
  removed: 'Removed',
}
