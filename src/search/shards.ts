import lunr from 'lunr'
import type { SearchInput, SearchItem } from './build.ts'
import { snippet } from './build.ts'
import {
  partName,
  searchFields,
  searchFormat,
  shardOf,
  type HeadVersion,
  type SearchHead,
  type StoreChunk,
  type TermShard,
  type Vocabulary,
} from './format.ts'
import { searchPipeline, versionTerm } from './tokens.ts'

/**
 * Build a search index (see `format.ts`) from the items of some versions:
 * one version's, or every version's for the index across all of them. The
 * same inputs in the same order give the same files, byte for byte.
 */

/** A built index: the head and its parts by name (those not inline in the head). */
export interface BuiltSearchIndex {
  head: SearchHead
  parts: Map<string, TermShard | StoreChunk | Vocabulary>
}

/** Sizes that decide how an index is cut. */
export interface ShardOptions {
  /** A term shard closes once its JSON reaches this many characters. Default 48,000 (about 12 kB gzip). */
  shardBudget?: number
  /** Items per store chunk. Default 16 (a chunk is about 1 kB gzip). */
  chunkSize?: number
  /** An index whose parts together are smaller than this many characters carries them inline. Default 64,000. */
  inlineBelow?: number
}

/** An item as indexed: one per distinct text, with the versions (positions in the head's list) that hold it. */
interface DistinctItem {
  item: SearchItem
  versions: number[]
}

/**
 * The distinct items of some versions, in the order they first appear. Two
 * items are the same when everything search reads or shows of them is: the
 * document, kind, name, anchor, status, summary and text. (The version and
 * its label are not; the URL follows from the version.)
 *
 * @param inputs Each version's items.
 * @returns The versions that hold items, and the distinct items.
 */
function distinctItems(inputs: readonly SearchInput[]): { versions: Array<Omit<HeadVersion, 'items'>>; items: DistinctItem[] } {
  const versions: Array<Omit<HeadVersion, 'items'>> = []
  const items: DistinctItem[] = []
  const byText = new Map<string, DistinctItem>()
  for (const input of inputs) {
    const first = input.items[0]
    if (!first) continue
    const at = versions.push({ key: input.key, document: first.document, id: first.version, label: first.label }) - 1
    for (const item of input.items) {
      const text = JSON.stringify([item.document, item.kind, item.name, item.anchor, item.status, item.summary, item.text])
      const known = byText.get(text)
      if (known) {
        if (known.versions.at(-1) !== at) known.versions.push(at)
        continue
      }
      const distinct = { item, versions: [at] }
      byText.set(text, distinct)
      items.push(distinct)
    }
  }
  return { versions, items }
}

/** `[start, end, start, end…]` of sorted numbers. */
function ranges(numbers: readonly number[]): number[] {
  const result: number[] = []
  for (const number of numbers) {
    if (result.length > 0 && result[result.length - 1] === number) result[result.length - 1]++
    else result.push(number, number + 1)
  }
  return result
}

/** lunr's index internals the type definitions leave out. */
interface LunrInternals {
  invertedIndex: Record<string, { _index: number }>
  fieldVectors: Record<string, { elements: number[] }>
}

/**
 * Build the index.
 *
 * @param inputs Each version's items, in the site's order.
 * @param options Sizes (optional).
 * @returns The head and its parts.
 */
export function buildSearchIndex(inputs: readonly SearchInput[], options: Readonly<ShardOptions> = {}): BuiltSearchIndex {
  const shardBudget = options.shardBudget ?? 48_000
  const chunkSize = options.chunkSize ?? 16
  const inlineBelow = options.inlineBelow ?? 64_000
  const { versions, items } = distinctItems(inputs)

  const builder = new lunr.Builder()
  const pipeline = searchPipeline()
  builder.pipeline.add(...pipeline)
  builder.searchPipeline.add(...pipeline)
  builder.ref('ref')
  for (const field of searchFields) builder.field(field.name, { boost: field.boost })
  items.forEach(({ item, versions: held }, ref) =>
    builder.add({
      ref: String(ref),
      name: item.name,
      status: item.status ?? '',
      kind: item.kind,
      version: held.map((at) => versionTerm(versions[at].id)).join(' '),
      summary: item.summary,
      text: item.text,
    }),
  )
  const index = builder.build() as unknown as LunrInternals

  // lunr keeps a vector per (field, item) of the weights of its terms; a
  // query needs the transpose: per term, the items and weights.
  const fieldPosition = new Map(searchFields.map((field, at) => [field.name as string, at]))
  const byTermIndex = new Map<number, Array<Array<[number, number]>>>()
  for (const [fieldRef, vector] of Object.entries(index.fieldVectors)) {
    const slash = fieldRef.indexOf('/')
    const field = fieldPosition.get(fieldRef.slice(0, slash))!
    const ref = Number(fieldRef.slice(slash + 1))
    const elements = vector.elements
    for (let at = 0; at < elements.length; at += 2) {
      let lists = byTermIndex.get(elements[at])
      if (!lists) byTermIndex.set(elements[at], (lists = searchFields.map(() => [])))
      lists[field].push([ref, Math.round(elements[at + 1] * 1000)])
    }
  }
  const terms = Object.keys(index.invertedIndex).sort()
  const postingsOf = (term: string) =>
    (byTermIndex.get(index.invertedIndex[term]._index) ?? []).map((list) => {
      list.sort((a, b) => a[0] - b[0])
      let previous = 0
      return list.flatMap(([ref, weight]) => {
        const gap = ref - previous
        previous = ref
        return [gap, weight]
      })
    })

  const shards: TermShard[] = []
  let size = Infinity
  for (const term of terms) {
    if (size >= shardBudget) {
      shards.push({ terms: [], postings: [], names: {} })
      size = 0
    }
    const postings = postingsOf(term)
    const shard = shards[shards.length - 1]
    shard.terms.push(term)
    shard.postings.push(postings)
    size += term.length + JSON.stringify(postings).length + 4
  }
  if (shards.length === 0) shards.push({ terms: [], postings: [], names: {} })
  const firstTerms = shards.map((shard) => shard.terms[0] ?? '')
  // A Map, then an object of own properties: a name may be `__proto__`.
  const names = shards.map(() => new Map<string, number[]>())
  items.forEach(({ item }, ref) => {
    const name = item.name.toLowerCase()
    const map = names[shardOf(firstTerms, name)]
    map.set(name, [...(map.get(name) ?? []), ref])
  })
  shards.forEach((shard, at) => (shard.names = Object.fromEntries(names[at])))

  const chunks: StoreChunk[] = []
  for (let start = 0; start < items.length; start += chunkSize) {
    chunks.push(items.slice(start, start + chunkSize).map(({ item }) => [item.name, item.kind, snippet(item.summary || item.text), item.anchor]))
  }

  const statuses: Array<SearchItem['status']> = []
  const statusCode = (status: SearchItem['status']) => {
    if (!statuses.includes(status)) statuses.push(status)
    return String.fromCharCode(48 + statuses.indexOf(status))
  }
  const statusCodes = items.map(({ item }) => statusCode(item.status)).join('')

  const heldBy = versions.map(() => [] as number[])
  items.forEach(({ versions: held }, ref) => held.forEach((at) => heldBy[at].push(ref)))

  const parts = new Map<string, TermShard | StoreChunk | Vocabulary>()
  shards.forEach((shard, at) => parts.set(partName.shard(at), shard))
  chunks.forEach((chunk, at) => parts.set(partName.chunk(at), chunk))
  parts.set(partName.vocabulary, terms)

  const head: SearchHead = {
    format: searchFormat,
    fields: searchFields.map((field) => field.name),
    versions: versions.map((version, at) => ({ ...version, items: ranges(heldBy[at]) })),
    count: items.length,
    statuses,
    statusCodes,
    shards: firstTerms,
    chunkSize,
  }
  const partsSize = [...parts.values()].reduce((total, part) => total + JSON.stringify(part).length, 0)
  // Inline, the vocabulary is left out: it is the shards' terms, all at hand.
  parts.delete(partName.vocabulary)
  if (partsSize < inlineBelow) return { head: { ...head, inline: Object.fromEntries(parts) }, parts: new Map() }
  parts.set(partName.vocabulary, terms)
  return { head, parts }
}
