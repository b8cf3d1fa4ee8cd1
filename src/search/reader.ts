import lunr from 'lunr'
import type { Status } from '../schema/records.ts'
import type { SearchItem } from './build.ts'
import { itemUrl, partName, searchFormat, shardOf, type SearchHead, type StoreChunk, type TermShard } from './format.ts'
import { partCache, type PartFetcher } from './parts.ts'
import { clauseTerms, scoreClauses, type Clause, type Scored, type TermSource } from './score.ts'
import { termLookup } from './terms.ts'
import { searchPipeline } from './tokens.ts'

export type { PartFetcher }

/**
 * A search index opened from its head (see `format.ts`): it fetches term
 * shards, the vocabulary and store chunks as queries need them, once each,
 * and answers from what it has. Ranking is lunr's score, then the groups of
 * `rank` (exact names first, deprecated APIs last).
 */

/** One version a result is found in. */
export interface ResultVersion {
  key: string
  id: string
  label: string
  url: string
}

/** A result: what it shows and where it is. */
export interface SearchResult {
  /** The item's number in the index. */
  ref: number
  score: number
  name: string
  kind: SearchItem['kind']
  status: Status | null
  document: string
  snippet: string
  /** The versions that hold it, in the site's order. */
  versions: ResultVersion[]
  /** The version the result links to: the one searched in, else the last that holds it. */
  key: string
  version: string
  label: string
  url: string
}

export interface SearchOptions {
  /** Leave deprecated APIs out. Default `false`. */
  hideDeprecated?: boolean
  /** A version key (`versionKey(document, id)`), or `all` / undefined for every version. */
  version?: string
  /** At most this many results. Default 50. */
  limit?: number
}

/** An opened index. */
export interface SearchIndex {
  /** The field names queries may use. */
  fields: string[]
  /**
   * Run parsed clauses: fetch what they need, score, rank, cut, and fetch
   * what the results show. `total` counts the matches before the cut to
   * `limit`; `capped` says a wildcard or fuzzy term matched
   * more terms than one query fetches (`maxShards`), so some were left out.
   *
   * @param exact The query as a name (lowercase, without `()`): items of that name rank first.
   */
  run(clauses: Clause[], exact: string, options: SearchOptions): Promise<{ results: SearchResult[]; total: number; capped: boolean }>
}

/**
 * Open an index. Throws on a head of another format, which the island
 * reports as "unavailable".
 *
 * @param head The head's JSON.
 * @param fetchPart Fetches a part that is not inline (not called for a one-file index).
 * @returns The index.
 */
export function openSearchIndex(head: SearchHead, fetchPart: PartFetcher): SearchIndex {
  if (head?.format !== searchFormat) throw new Error(`Unknown search index format: ${String(head?.format)} (expected ${searchFormat}); rebuild the site`)
  const pipeline = new lunr.Pipeline()
  pipeline.add(...searchPipeline())
  const parts = partCache(head.inline ?? {}, fetchPart)
  const terms = termLookup(head, parts)
  const source: TermSource = { fields: head.fields, count: head.count, expand: terms.expand, postings: terms.postings }

  const statusOf = (ref: number) => head.statuses[head.statusCodes.charCodeAt(ref) - 48] ?? null
  const versionAt = new Map(head.versions.map((version, at) => [version.key, at]))
  /** Each item's versions (positions in `head.versions`), made on first use. */
  let heldBy: number[][] | undefined
  const versionsOf = (ref: number) => {
    if (!heldBy) {
      heldBy = Array.from({ length: head.count }, () => [])
      head.versions.forEach((version, at) => {
        for (let range = 0; range < version.items.length; range += 2) {
          for (let item = version.items[range]; item < version.items[range + 1]; item++) heldBy![item].push(at)
        }
      })
    }
    return heldBy[ref] ?? []
  }

  return {
    fields: head.fields,
    async run(clauses, exact, options) {
      // Expanding may reveal more to fetch (a fuzzy term's matches live in
      // shards of their own), so repeat until nothing is missing.
      const exactShard = partName.shard(shardOf(head.shards, exact))
      for (let round = 0; round < 3; round++) {
        terms.needs.clear()
        for (const clause of clauses) for (const term of clauseTerms(pipeline, clause)) terms.expand(clause, term)
        if (!parts.get(exactShard)) terms.needs.add(exactShard)
        if (terms.needs.size === 0) break
        await parts.load(terms.needs)
      }
      // Synchronous from here to the scores: `capped` is this query's alone.
      terms.capped = false
      const scores = scoreClauses(clauses, pipeline, source)
      const cut = terms.capped
      const names = (parts.get(exactShard) as TermShard | undefined)?.names ?? {}
      const exactRefs = new Set(Object.hasOwn(names, exact) ? names[exact] : [])
      const only = options.version && options.version !== 'all' ? versionAt.get(options.version) ?? -1 : undefined
      const { best: ranked, total } = rank(scores, {
        group: (ref) => (statusOf(ref) === 'deprecated' ? 2 : 0) + (exactRefs.has(ref) ? 0 : 1),
        keep: (ref) =>
          (only === undefined || versionsOf(ref).includes(only)) && !(options.hideDeprecated && statusOf(ref) === 'deprecated'),
        limit: options.limit ?? 50,
      })
      await parts.load(ranked.map(([ref]) => partName.chunk(Math.floor(ref / head.chunkSize))))
      const results = ranked.map(([ref, score]): SearchResult => {
        const [name, kind, snippet, anchor] = (parts.get(partName.chunk(Math.floor(ref / head.chunkSize))) as StoreChunk)[ref % head.chunkSize]
        const versions = versionsOf(ref).map((at) => {
          const { key, document, id, label } = head.versions[at]
          return { key, id, label, url: itemUrl({ kind, name, anchor }, document, id) }
        })
        const linked = versions[versionsOf(ref).indexOf(only ?? -1)] ?? versions[versions.length - 1]
        return {
          ref,
          score,
          name,
          kind,
          status: statusOf(ref),
          document: head.versions[versionsOf(ref)[0]].document,
          snippet,
          versions,
          key: linked.key,
          version: linked.id,
          label: linked.label,
          url: linked.url,
        }
      })
      return { results, total, capped: cut }
    },
  }
}

/**
 * The best `limit` of the scored items that `keep` allows, in groups (lower
 * first), each in score order, ties by item number so the order is the same
 * on every run. A bounded heap per group rather than a sort of every match:
 * a common word matches most items, and only a page of them is shown.
 *
 * @param scored The matches and their scores.
 * @param how The group of an item, whether to keep it, and how many to return.
 * @returns `[item, score]`, best first, and how many items were kept before the cut.
 */
function rank(
  { refs, scores }: Scored,
  how: { group(ref: number): number; keep(ref: number): boolean; limit: number },
): { best: Array<[number, number]>; total: number } {
  const groups: number[][] = []
  let total = 0
  for (const ref of refs) {
    if (!how.keep(ref)) continue
    ;(groups[how.group(ref)] ??= []).push(ref)
    total++
  }
  /** Whether `a` ranks after `b` within a group. */
  const after = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b)
  const result: Array<[number, number]> = []
  for (const group of groups) {
    if (!group || result.length >= how.limit) continue
    const best = topOf(group, how.limit - result.length, after)
    for (const ref of best) result.push([ref, scores[ref]])
  }
  return { best: result, total }
}

/**
 * The `count` best of some items, best first, with a min-heap of the best so far.
 *
 * @param items The items.
 * @param count How many to keep.
 * @param after Whether one item ranks after another.
 * @returns The best items, in order.
 */
function topOf(items: readonly number[], count: number, after: (a: number, b: number) => boolean): number[] {
  const heap: number[] = []
  const sink = (at: number) => {
    for (;;) {
      const left = 2 * at + 1
      const right = left + 1
      let worst = at
      if (left < heap.length && after(heap[left], heap[worst])) worst = left
      if (right < heap.length && after(heap[right], heap[worst])) worst = right
      if (worst === at) return
      ;[heap[at], heap[worst]] = [heap[worst], heap[at]]
      at = worst
    }
  }
  for (const item of items) {
    if (heap.length < count) {
      heap.push(item)
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1
        if (!after(heap[at], heap[parent])) break
        ;[heap[at], heap[parent]] = [heap[parent], heap[at]]
        at = parent
      }
    } else if (count > 0 && after(heap[0], item)) {
      heap[0] = item
      sink(0)
    }
  }
  return heap.sort((a, b) => (after(a, b) ? 1 : after(b, a) ? -1 : 0))
}
