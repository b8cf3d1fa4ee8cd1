import lunr from 'lunr'
import type { ApiRecord, Kind, Status } from '../../plugins/remark-api-records/lib/schema.ts'
import { urls } from '../lib/urls.ts'
import { searchPipeline, versionTerm } from './tokens.ts'

/**
 * The search index of the site, built at build time: one lunr index per
 * document version and one across all versions, each written as JSON next to
 * a small store of what a result shows. The browser loads one of them on the
 * first search (see `query.ts`), so both are kept small: only the fields a
 * query can name are indexed, no term positions are kept, and the store holds
 * a short snippet instead of the text.
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
  /** The page a result links to. */
  url: string
  summary: string
  /** The text searched besides the name and summary. */
  text: string
}

/** What the store keeps of an item: exactly what a result shows. */
export interface StoredItem {
  name: string
  kind: SearchItem['kind']
  status: Status | null
  document: string
  version: string
  label: string
  url: string
  /** At most `snippetLength` characters. */
  snippet: string
}

/** The JSON written to `urls.searchIndex(key)`. */
export interface SerializedSearchIndex {
  /** Bumped when the shape or the pipeline changes, so a stale file is recognised. */
  format: 1
  /** `lunr.Index#toJSON()`; refs are positions in `store`. */
  index: object
  store: StoredItem[]
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

export const snippetLength = 160

/**
 * The fields, with the boosts that make a name match outrank a mention in
 * prose. The names are the ones queries use (`name:kmap*`, `status:deprecated`,
 * `version:v6.1`). The version is one term (`versionTerm`), and its label is
 * not indexed: labels are patch subjects, full of API names.
 */
const fields = [
  { name: 'name', boost: 10 },
  { name: 'status', boost: 1 },
  { name: 'kind', boost: 1 },
  { name: 'version', boost: 1 },
  { name: 'summary', boost: 2 },
  { name: 'text', boost: 1 },
] as const

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
      url: urls.api(version.document, version.id, record.name),
      summary: record.summary,
      text: record.text,
    })),
    ...sections.map((section) => ({
      ...common,
      name: section.title,
      kind: 'section' as const,
      status: null,
      url: `${urls.document(version.document, version.id)}#${encodeURIComponent(section.id)}`,
      summary: '',
      text: section.text,
    })),
  ]
}

/**
 * Build the index and the store of some items (one version's, or every
 * version's for the `all` index). The same items in the same order give the
 * same JSON, byte for byte.
 *
 * @param items The items to index.
 * @returns The serialisable index and store.
 */
export function buildSearchIndex(items: readonly SearchItem[]): SerializedSearchIndex {
  const builder = new lunr.Builder()
  const pipeline = searchPipeline()
  builder.pipeline.add(...pipeline)
  builder.searchPipeline.add(...pipeline)
  builder.ref('ref')
  for (const field of fields) builder.field(field.name, { boost: field.boost })
  items.forEach((item, ref) =>
    builder.add({
      ref: String(ref),
      name: item.name,
      status: item.status ?? '',
      kind: item.kind,
      version: versionTerm(item.version),
      summary: item.summary,
      text: item.text,
    }),
  )
  return {
    format: 1,
    index: builder.build().toJSON(),
    store: items.map((item) => ({
      name: item.name,
      kind: item.kind,
      status: item.status,
      document: item.document,
      version: item.version,
      label: item.label,
      url: item.url,
      snippet: snippet(item.summary || item.text),
    })),
  }
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
