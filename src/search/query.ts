import lunr from 'lunr'
import { partKey, type SearchHead } from './format.ts'
import { openSearchIndex, type PartFetcher, type SearchIndex, type SearchOptions, type SearchResult } from './reader.ts'
import type { Clause } from './score.ts'
import { identifierTerms, versionTerm } from './tokens.ts'

/**
 * Reading what the reader typed and running it against an index, in the
 * browser (the search island imports this module lazily, with lunr) and in
 * tests. Whatever the reader types, `runSearch` answers with results and at
 * most a short message; it never throws on a query (only when a part of the
 * index cannot be fetched).
 */

// The island and the bench fetch parts by these names; one lazy chunk carries all three.
export { openSearchIndex, partKey }
export type { PartFetcher, SearchHead, SearchIndex, SearchOptions, SearchResult }

export interface SearchOutcome {
  results: SearchResult[]
  /** How many results there are before the cut to `limit`. */
  total: number
  /** Set when the query could not be read as written (shown in a status line). */
  message?: string
}

/** Longer queries are cut: nobody types more, and fuzzy terms get slow with length. */
const maxQueryLength = 200
/** More clauses than this are dropped; each wildcard clause can expand to every term. */
const maxClauses = 8
/** Each `*` multiplies the ways a term can match; two are enough for `*_atomic*`. */
const maxWildcards = 2

/**
 * The largest edit distance lunr may use for a term of this length: its
 * fuzzy automaton grows exponentially with the distance and with the term
 * (`kmap_local_page~2` takes ~80 ms, a 48-character term ~600 ms).
 */
const maxEditDistance = (term: string) => (term.length <= 12 ? 2 : 1)

/** Parts of lunr the type definitions leave out. */
const lunrParser = lunr as unknown as {
  QueryParser: new (query: string, into: lunr.Query) => { parse(): lunr.Query }
}

/**
 * Search. Field queries (`status:deprecated`, `name:kmap*`), wildcards,
 * boosts and presence (`+kmap -atomic`) use lunr's query syntax. A query
 * lunr cannot read (`kmap:`, `foo^`, `~`) is searched as its plain words,
 * with a message saying so. Deprecated results come after the others,
 * keeping the score order within each group, as rustdoc does.
 *
 * @param index The opened index (`openSearchIndex`).
 * @param rawQuery What the reader typed.
 * @param options Filters and limit.
 * @returns The results and an optional message.
 */
export async function runSearch(index: SearchIndex, rawQuery: string, options: SearchOptions = {}): Promise<SearchOutcome> {
  const query = String(rawQuery).slice(0, maxQueryLength).trim()
  if (!query) return { results: [], total: 0 }
  const exact = query.toLowerCase().replace(/\(\s*\)$/, '')
  // lunr's query lexer splits at `-`, so `version:kmap-notes-v1` is made one term first.
  const parsable = query.replace(/\bversion:(\S+)/g, (_match, id: string) => `version:${versionTerm(id)}`)
  const parsed = new lunr.Query(index.fields)
  try {
    new lunrParser.QueryParser(parsable, parsed).parse()
    tame(parsed)
  } catch (error) {
    const words = identifierTerms(query)
    const unreadable = error instanceof lunr.QueryParseError ? 'Could not read' : 'Could not search for'
    const message = words.length
      ? `${unreadable} \`${shown(query)}\` as a query; showing results for its words`
      : `${unreadable} \`${shown(query)}\` as a query; try words or API names`
    const plain = new lunr.Query(index.fields)
    if (words.length) plain.term(words, {})
    const { results, total } = await index.run(plain.clauses as unknown as Clause[], exact, options)
    return { results, total, message }
  }
  const { results, total, capped } = await index.run(parsed.clauses as unknown as Clause[], exact, options)
  if (!capped) return { results, total }
  return { results, total, message: `\`${shown(query)}\` matches more terms than one search loads; showing results for some of them` }
}

/** The query as a message quotes it: at most 40 characters, no backticks. */
function shown(query: string): string {
  return (query.length > 40 ? `${query.slice(0, 39)}…` : query).replace(/`/g, "'")
}

/**
 * Adjust a parsed query before lunr runs it. Words without a field leave
 * out the `version` field. And to bound the cost: fold repeated clauses
 * into one, drop surplus clauses, clamp edit distances and drop wildcards
 * beyond the first few (the query still means roughly what was typed).
 *
 * @param query The parsed query, changed in place.
 */
function tame(query: lunr.Query): void {
  const seen = new Map<string, lunr.Query.Clause>()
  query.clauses = query.clauses.filter((clause) => {
    // A word without a field does not match the version term (`kmap*` would match every `kmap-notes-v1` record).
    if (clause.fields === query.allFields) clause.fields = clause.fields.filter((field) => field !== 'version')
    let wildcards = 0
    clause.term = clause.term.replace(/\*+/g, () => (++wildcards <= maxWildcards ? '*' : ''))
    // Only set when present: lunr reads a clause with an `editDistance` as fuzzy, wildcards and all.
    if ('editDistance' in clause) clause.editDistance = Math.min(clause.editDistance, maxEditDistance(clause.term))
    // A repeated clause is one clause with the boosts summed, which is how lunr's query vector weighs it.
    const key = JSON.stringify({ ...clause, boost: undefined })
    const first = seen.get(key)
    if (first) first.boost = (first.boost ?? 1) + (clause.boost ?? 1)
    if (first || seen.size >= maxClauses) return false
    seen.set(key, clause)
    return true
  })
}
