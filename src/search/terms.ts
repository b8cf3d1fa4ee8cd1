import lunr from 'lunr'
import { partName, shardOf, type SearchHead, type TermShard, type Vocabulary } from './format.ts'
import type { PartCache } from './parts.ts'
import type { Clause } from './score.ts'

/**
 * The terms of an index in parts: how a query term expands and where its
 * postings are, from the shards a page has. A word lives in one shard, a
 * prefix (`pag*`) in the shards its range spans; other wildcards and fuzzy
 * terms expand against the whole vocabulary, as lunr expands them, and then
 * need the shards of what they matched. What is missing is noted in
 * `needs`, for the caller to fetch before asking again.
 */

/**
 * At most this many term shards per wildcard or fuzzy term: `*` alone would
 * otherwise fetch the whole index. The first shards are kept, so the cut is
 * the same on every run.
 */
export const maxShards = 16

/** Parts of lunr's TokenSet the type definitions leave out. */
const TokenSet = lunr.TokenSet as unknown as {
  fromArray(terms: readonly string[]): lunr.TokenSet
  fromClause(clause: { term: string; editDistance?: number }): lunr.TokenSet
}

/** A term expanded: the index's terms it stands for, and whether `maxShards` cut them. */
interface Expansion {
  terms: string[]
  capped: boolean
}

export interface TermLookup {
  /** The terms of the index a clause's term stands for; none while parts are missing. */
  expand(clause: Clause, term: string): string[]
  /** `[gap, weight × 1000, …]` of an index term in a field; empty while its shard is missing. */
  postings(term: string, field: number): readonly number[]
  /** The parts `expand` found missing since this was last cleared. */
  needs: Set<string>
  /** Whether an expansion was cut to `maxShards` shards since this was last set to false. */
  capped: boolean
}

/**
 * @param head The index's head.
 * @param parts Its parts.
 * @returns The lookup.
 */
export function termLookup(head: SearchHead, parts: PartCache): TermLookup {
  const shard = (n: number) => parts.get(partName.shard(n)) as TermShard | undefined
  const shardOfTerm = (term: string) => shardOf(head.shards, term)
  /** Term shards as maps, made on first use. */
  const maps = new Map<number, Map<string, number[][]>>()
  const termsOf = (n: number) => {
    let map = maps.get(n)
    const data = shard(n)
    if (!map && data) maps.set(n, (map = new Map(data.terms.map((term, at) => [term, data.postings[at]]))))
    return map
  }
  let tokenSet: lunr.TokenSet | undefined
  /** Every term as a lunr TokenSet; inline, the shards' terms are the vocabulary. */
  const vocabulary = () => {
    const terms = head.inline ? head.shards.flatMap((_, n) => shard(n)?.terms ?? []) : (parts.get(partName.vocabulary) as Vocabulary | undefined)
    if (!tokenSet && terms) tokenSet = TokenSet.fromArray(terms)
    return tokenSet
  }
  /** Expansions by edit distance and term, once complete. */
  const expansions = new Map<string, Expansion>()

  const lookup: TermLookup = {
    needs: new Set(),
    capped: false,
    expand(clause, term) {
      const cacheKey = `${clause.editDistance ?? ''}:${term}`
      let result = expansions.get(cacheKey)
      if (!result) {
        const star = term.indexOf('*')
        const fuzzy = clause.editDistance !== undefined
        if (star === -1 && !fuzzy) result = word(term)
        else if (star === term.length - 1 && star > 0 && !fuzzy) result = prefix(term.slice(0, -1))
        else result = general({ ...clause, term })
        if (result) expansions.set(cacheKey, result)
      }
      if (result?.capped) lookup.capped = true
      return result?.terms ?? []
    },
    postings: (term, field) => termsOf(shardOfTerm(term))?.get(term)?.[field] ?? [],
  }

  /** A plain word: itself, if its shard has it. */
  const word = (term: string): Expansion | undefined => {
    const n = shardOfTerm(term)
    const terms = termsOf(n)
    if (!terms) lookup.needs.add(partName.shard(n))
    return terms && { terms: terms.has(term) ? [term] : [], capped: false }
  }

  /** `prefix*`: the terms starting with it, from the shards its range spans. */
  const prefix = (start: string): Expansion | undefined => {
    const first = shardOfTerm(start)
    const end = shardOfTerm(`${start}\uffff`)
    const spanned = Array.from({ length: Math.min(end, first + maxShards - 1) - first + 1 }, (_, at) => first + at)
    for (const n of spanned) if (!shard(n)) lookup.needs.add(partName.shard(n))
    if (!spanned.every((n) => shard(n))) return undefined
    return { terms: spanned.flatMap((n) => shard(n)!.terms.filter((each) => each.startsWith(start))), capped: end > spanned[spanned.length - 1] }
  }

  /** Any other wildcard, or a fuzzy term: lunr's expansion against every term, kept to the first `maxShards` shards. */
  const general = (clause: { term: string; editDistance?: number }): Expansion | undefined => {
    const all = vocabulary()
    if (!all) {
      lookup.needs.add(partName.vocabulary)
      return undefined
    }
    const terms = all.intersect(TokenSet.fromClause(clause)).toArray().sort()
    const shards = [...new Set(terms.map(shardOfTerm))].sort((a, b) => a - b)
    const kept = new Set(shards.slice(0, maxShards))
    const missing = [...kept].filter((n) => !shard(n))
    for (const n of missing) lookup.needs.add(partName.shard(n))
    if (missing.length > 0) return undefined
    return { terms: terms.filter((term) => kept.has(shardOfTerm(term))), capped: shards.length > maxShards }
  }

  return lookup
}
