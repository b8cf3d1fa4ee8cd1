import lunr from 'lunr'
import { versionKey } from '../lib/urls.ts'
import type { SerializedSearchIndex, StoredItem } from './build.ts'
import { identifierTerms, searchPipeline, versionTerm } from './tokens.ts'

/**
 * Running a query against a loaded index, in the browser (the search island
 * imports this module lazily, with lunr) and in tests. Whatever the reader
 * types, `runSearch` answers with results and at most a short message; it
 * never throws.
 */

/** A result: what the store keeps, plus where it came from. */
export interface SearchResult extends StoredItem {
  ref: string
  score: number
  /** `versionKey(document, version)`, what the version filter compares. */
  key: string
}

export interface SearchOptions {
  /** Leave deprecated APIs out. Default `false`. */
  hideDeprecated?: boolean
  /** A version key (`versionKey(document, id)`), or `all` / undefined for every version. */
  version?: string
  /** At most this many results. Default 50. */
  limit?: number
}

export interface SearchOutcome {
  results: SearchResult[]
  /** Set when the query could not be read as written (shown in a status line). */
  message?: string
}

/** A loaded index with its store. */
export interface LoadedSearchIndex {
  index: lunr.Index
  store: StoredItem[]
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
 * Load a serialised index (registering the pipeline it names first). Throws
 * on a file of another format, which the island reports as "unavailable".
 *
 * @param json The JSON written by `buildSearchIndex`.
 * @returns The index and its store.
 */
export function loadSearchIndex(json: SerializedSearchIndex): LoadedSearchIndex {
  if (json?.format !== 1) throw new Error(`Unknown search index format: ${String(json?.format)} (expected 1); rebuild the site`)
  searchPipeline()
  return { index: lunr.Index.load(json.index), store: json.store }
}

/**
 * Search. Field queries (`status:deprecated`, `name:kmap*`), wildcards,
 * boosts and presence (`+kmap -atomic`) use lunr's query syntax. A query
 * lunr cannot read (`kmap:`, `foo^`, `~`) is searched as its plain words,
 * with a message saying so. Deprecated results come after the others,
 * keeping the score order within each group, as rustdoc does.
 *
 * @param index The loaded lunr index.
 * @param store Its store (refs are positions in it).
 * @param rawQuery What the reader typed.
 * @param options Filters and limit.
 * @returns The results and an optional message.
 */
export function runSearch(
  index: lunr.Index,
  store: readonly StoredItem[],
  rawQuery: string,
  options: SearchOptions = {},
): SearchOutcome {
  const query = String(rawQuery).slice(0, maxQueryLength).trim()
  if (!query) return { results: [] }
  let matches: lunr.Index.Result[]
  let message: string | undefined
  // lunr's query lexer splits at `-`, so `version:kmap-notes-v1` is made one term first.
  const parsable = query.replace(/\bversion:(\S+)/g, (_match, id: string) => `version:${versionTerm(id)}`)
  try {
    matches = index.query((into) => {
      new lunrParser.QueryParser(parsable, into).parse()
      tame(into)
    })
  } catch (error) {
    const words = identifierTerms(query)
    const shown = (query.length > 40 ? `${query.slice(0, 39)}…` : query).replace(/`/g, "'")
    const unreadable = error instanceof lunr.QueryParseError ? 'Could not read' : 'Could not search for'
    message = words.length
      ? `${unreadable} \`${shown}\` as a query; showing results for its words`
      : `${unreadable} \`${shown}\` as a query; try words or API names`
    try {
      matches = words.length ? index.query((into) => void into.term(words, {})) : []
    } catch {
      matches = []
    }
  }
  const results = arrange(matches, store, query, options)
  return message ? { results, message } : { results }
}

/**
 * Adjust a parsed query before lunr runs it. Words without a field leave
 * out the `version` field. And to bound the cost: drop repeated and surplus
 * clauses, clamp edit distances and drop wildcards beyond the first few (the
 * query still means roughly what was typed).
 *
 * @param query The parsed query, changed in place.
 */
function tame(query: lunr.Query): void {
  const seen = new Set<string>()
  query.clauses = query.clauses.filter((clause) => {
    // A word without a field does not match the version term (`kmap*` would match every `kmap-notes-v1` record).
    if (clause.fields === query.allFields) clause.fields = clause.fields.filter((field) => field !== 'version')
    let wildcards = 0
    clause.term = clause.term.replace(/\*+/g, () => (++wildcards <= maxWildcards ? '*' : ''))
    // Only set when present: lunr reads a clause with an `editDistance` as fuzzy, wildcards and all.
    if ('editDistance' in clause) clause.editDistance = Math.min(clause.editDistance, maxEditDistance(clause.term))
    const key = JSON.stringify(clause)
    if (seen.has(key) || seen.size >= maxClauses) return false
    seen.add(key)
    return true
  })
}

/**
 * From lunr's matches to results: look up the store, apply the filters,
 * then order in four groups, each kept in score order: current APIs named
 * exactly what was typed (`kmap_local_page()` finds `kmap_local_page`
 * first), other current results, then the same two groups for deprecated
 * APIs, which always come last, as in rustdoc. Then cut to the limit.
 *
 * @param matches lunr's matches, best first.
 * @param store The store.
 * @param query The query as typed (trimmed).
 * @param options Filters and limit.
 * @returns The results.
 */
function arrange(
  matches: lunr.Index.Result[],
  store: readonly StoredItem[],
  query: string,
  options: SearchOptions,
): SearchResult[] {
  const version = options.version && options.version !== 'all' ? options.version : undefined
  const exact = query.toLowerCase().replace(/\(\s*\)$/, '')
  const results: Array<SearchResult & { group: number }> = []
  for (const match of matches) {
    const item = Object.hasOwn(store, match.ref) ? store[Number(match.ref)] : undefined
    if (!item) continue
    const key = versionKey(item.document, item.version)
    if (version && key !== version) continue
    if (options.hideDeprecated && item.status === 'deprecated') continue
    const group = (item.status === 'deprecated' ? 2 : 0) + (item.name.toLowerCase() === exact ? 0 : 1)
    results.push({ ...item, ref: match.ref, score: match.score, key, group })
  }
  // Array#sort is stable, so lunr's score order holds within each group.
  return results
    .sort((a, b) => a.group - b.group)
    .slice(0, options.limit ?? 50)
    .map(({ group: _group, ...result }) => result)
}
