import { getCollection } from 'astro:content'
import type { ChangesEntry, RecordEntry, VersionEntry } from '../loader/types.ts'

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
}

export function siteData(): Promise<SiteData> {
  cache ??= (async () => {
    const versions = (await getCollection('versions')).map((entry) => entry.data as unknown as VersionEntry)
    const records = (await getCollection('records')).map((entry) => entry.data as unknown as RecordEntry)
    const changes = (await getCollection('changes')).map((entry) => entry.data as unknown as ChangesEntry)
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
    const byDocument = new Map<string, VersionEntry[]>()
    for (const version of versions) {
      const list = byDocument.get(version.document)
      if (list) list.push(version)
      else byDocument.set(version.document, [version])
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
