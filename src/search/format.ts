import type { Status } from '../schema/records.ts'
import { urls } from '../lib/urls.ts'
import type { SearchItem } from './build.ts'

/**
 * The search index as files: a small head that every query loads, and parts
 * that a query loads only when it needs them. Each distinct item (an API
 * record or a section whose text is the same in several versions) is indexed
 * once and lists the versions that hold it, so an index across every version
 * grows with the distinct text, not with text × versions.
 *
 * - The head (`<key>.json`): the versions, each item's status code and the
 *   first term of each term shard. A few bytes per item.
 * - Term shards (`<key>!t<n>.json`): the sorted vocabulary cut into ranges of
 *   about `shardBudget` bytes; for each term, per field, the items holding
 *   it and lunr's weight for it there. A word loads the one shard holding
 *   it, a prefix (`pag*`) the shards its range spans.
 * - The vocabulary (`<key>!v.json`): every term, for the queries lunr
 *   expands against all terms (fuzzy `memroy~1`, leading wildcards `*_page`).
 * - Store chunks (`<key>!s<n>.json`): what a result shows (name, snippet…),
 *   `chunkSize` items each, loaded for the results shown.
 *
 * Scores are lunr's (see `score.ts`): the weights are the ones lunr's
 * builder computes, and queries are read by lunr's parser and pipeline.
 *
 * A small index (one version's) carries its parts inline in the head, so it
 * is one file.
 */

/** Bumped when the shape or the pipeline changes, so a stale file is recognised. */
export const searchFormat = 2

/** The fields, with the boosts that make a name match outrank a mention in prose (see `build.ts`). */
export const searchFields = [
  { name: 'name', boost: 10 },
  { name: 'status', boost: 1 },
  { name: 'kind', boost: 1 },
  { name: 'version', boost: 1 },
  { name: 'summary', boost: 2 },
  { name: 'text', boost: 1 },
] as const

export type FieldName = (typeof searchFields)[number]['name']

/** One version in the head. */
export interface HeadVersion {
  /** `versionKey(document, id)`, what the version filter compares. */
  key: string
  document: string
  id: string
  label: string
  /** The items it holds, as ranges of item numbers: `[start, end, start, end…]`, ends exclusive. */
  items: number[]
}

/** The file every query loads first. */
export interface SearchHead {
  format: typeof searchFormat
  /** The field names, in the order term shards list their postings. */
  fields: FieldName[]
  versions: HeadVersion[]
  /** How many items there are. */
  count: number
  /** The statuses `statusCodes` refers to (`null` for sections, which have none). */
  statuses: Array<Status | null>
  /** One character per item: `String.fromCharCode(48 + position in statuses)`. */
  statusCodes: string
  /** The first term of each term shard; shard `n` holds the terms from `shards[n]` up to `shards[n + 1]`. */
  shards: string[]
  /** Items per store chunk. */
  chunkSize: number
  /** Parts carried in the head (a small index is one file), by part name. */
  inline?: Record<string, TermShard | StoreChunk | Vocabulary>
}

/**
 * One term shard. `postings[t][f]` lists the items holding `terms[t]` in
 * field `fields[f]` as `[gap, weight, gap, weight…]`: the item number as the
 * gap from the previous one (the first from 0), and lunr's weight × 1000
 * (lunr rounds weights to three decimals, so this is exact).
 */
export interface TermShard {
  terms: string[]
  postings: number[][][]
  /** Items by lowercased name, for names that sort into this shard's range (exact-name matches rank first). */
  names: Record<string, number[]>
}

/** What a result shows, for `chunkSize` consecutive items: `[name, kind, snippet, anchor]` (anchor: sections only, else ''). */
export type StoreChunk = Array<[name: string, kind: SearchItem['kind'], snippet: string, anchor: string]>

/** Every term, sorted. */
export type Vocabulary = string[]

/**
 * The file key of a part of the index of `key` (its URL is
 * `urls.searchIndex(partKey(key, part))`). `!` appears in no version key
 * (document and version ids are letters, digits, `.`, `_`, `-` and `/`),
 * so a part's key is never another index's.
 */
export function partKey(key: string, part: string): string {
  return `${key}!${part}`
}

/** The part names: term shard, store chunk, vocabulary. */
export const partName = {
  shard: (n: number) => `t${n}`,
  chunk: (n: number) => `s${n}`,
  vocabulary: 'v',
}

/**
 * The shard whose range holds a term or name: the last whose first term
 * sorts at or before it (the first shard for anything before them all).
 *
 * @param shards The first term of each shard, sorted.
 * @param term Any string.
 * @returns The shard number.
 */
export function shardOf(shards: readonly string[], term: string): number {
  let low = 0
  let high = shards.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (shards[middle] <= term) low = middle
    else high = middle - 1
  }
  return low
}

/**
 * The page a result links to in one version: the API page of a record, the
 * anchor of a section on the document page.
 *
 * @param item The item's kind, name and anchor.
 * @param document Its document.
 * @param version The version id.
 * @returns The URL.
 */
export function itemUrl(item: Pick<SearchItem, 'kind' | 'name' | 'anchor'>, document: string, version: string): string {
  return item.kind === 'section'
    ? `${urls.document(document, version)}#${encodeURIComponent(item.anchor)}`
    : urls.api(document, version, item.name)
}
