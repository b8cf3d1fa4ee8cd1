import type { ApiRecord, Kind, Status } from '../schema/records.ts'
import { itemUrl } from './format.ts'

/**
 * What the site's search can find, built at build time from each version's
 * records (and sections): one `SearchItem` per thing per version. `shards.ts`
 * turns the items into index files.
 */

/** One thing search can find: an API record, or a section of a document. */
export interface SearchItem {
  /** The API name (`kmap_atomic`) or the section title. */
  name: string
  kind: Kind | 'section'
  /** `null` for sections, which have no status. */
  status: Status | null
  document: string
  /** The version id (`v6.1`). */
  version: string
  /** The version label shown to readers. */
  label: string
  /** The heading's anchor id, for sections; `''` for records. */
  anchor: string
  /** The page a result links to. */
  url: string
  summary: string
  /** The text searched besides the name and summary. */
  text: string
}

/** The version facts `searchItemsFor` needs (a `DocumentVersion` has them). */
export interface VersionInfo {
  document: string
  id: string
  label: string
  date: string | null
}

/** A section of a document, for searching prose as well as APIs. */
export interface SectionInfo {
  title: string
  /** The heading's anchor id. */
  id: string
  text: string
}

/** What one version's index is built from. */
export interface SearchInput {
  /** The version key (`mm~highmem@v6.1`), also the index's file name. */
  key: string
  items: SearchItem[]
}

export const snippetLength = 160

/**
 * The searchable items of one version: its records, then its sections.
 *
 * @param version The version (document, id, label).
 * @param records Its API records.
 * @param sections Its sections (optional).
 * @returns The items, in the order given.
 */
export function searchItemsFor(
  version: VersionInfo,
  records: readonly ApiRecord[],
  sections: readonly SectionInfo[] = [],
): SearchItem[] {
  const common = { document: version.document, version: version.id, label: version.label }
  return [
    ...records.map((record) => ({
      ...common,
      name: record.name,
      kind: record.kind,
      status: record.status,
      anchor: '',
      url: itemUrl({ kind: record.kind, name: record.name, anchor: '' }, version.document, version.id),
      summary: record.summary,
      text: record.text,
    })),
    ...sections.map((section) => ({
      ...common,
      name: section.title,
      kind: 'section' as const,
      status: null,
      anchor: section.id,
      url: itemUrl({ kind: 'section', name: section.title, anchor: section.id }, version.document, version.id),
      summary: '',
      text: section.text,
    })),
  ]
}

/**
 * Shorten text to at most `snippetLength` characters, at a word boundary
 * when there is one, with an ellipsis when something was cut.
 *
 * @param text Any text.
 * @returns The snippet.
 */
export function snippet(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim()
  if (folded.length <= snippetLength) return folded
  const cut = folded.slice(0, snippetLength - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > snippetLength / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`
}
