import lunr from 'lunr'

/**
 * Identifier-aware tokens for the search index and for queries. Kernel API
 * names are snake_case identifiers, and lunr's defaults treat them as English
 * words: the stemmer turns `kmap_atomic` into `kmap_atom`, and `kmap` does not
 * find `kmap_local_page` at all. The same pipeline runs when the index is
 * built and when a query is read, so whatever one side produces the other
 * side produces too.
 *
 * lunr serialises a pipeline as the labels of its functions and looks them up
 * again in `lunr.Pipeline.registeredFunctions` when an index is loaded, so the
 * functions are registered under stable labels before any index is built or
 * loaded (`searchPipeline()` does it, once per copy of lunr).
 */

/** The labels stored in serialised indexes; changing one breaks old index files. */
export const identifierLabel = 'strataIdentifiers'
export const stemmerLabel = 'strataStemmer'

/** Characters that separate words inside one whitespace-separated lunr token (`()`, `.`, `=`, `,`…). */
const nonWord = /[^\p{L}\p{N}_]+/u

/**
 * The terms one piece of text gives: each identifier whole, and, when it is
 * snake_case, each of its parts too (`kmap_local_page()` gives
 * `kmap_local_page`, `kmap`, `local`, `page`). Text is lowercased first, as
 * lunr's tokenizer does. Duplicates are dropped, the order is the text's.
 *
 * @param text A lunr token's string, or any text.
 * @returns The terms, possibly none.
 */
export function identifierTerms(text: string): string[] {
  const terms: string[] = []
  for (const piece of text.toLowerCase().split(nonWord)) {
    if (!/[\p{L}\p{N}]/u.test(piece)) continue
    terms.push(piece)
    if (piece.includes('_')) terms.push(...piece.split('_').filter(Boolean))
  }
  return [...new Set(terms)]
}

/**
 * The one term a version id is indexed as, and what `version:<id>` in a
 * query is rewritten to: lowercase letters and digits only (`kmap-notes-v1`
 * becomes `kmapnotesv1`, `v6.1` becomes `v61`). Indexed as words, the id
 * `kmap-notes-v1` would make every record of that version match `kmap`.
 * Wildcards (`v6*`) are kept.
 *
 * @param id A version id, or what follows `version:` in a query.
 * @returns The term.
 */
export function versionTerm(id: string): string {
  return id.toLowerCase().replace(/[^\p{L}\p{N}*]+/gu, '')
}

/** Whether a term is a code identifier the stemmer must leave alone (`kmap_atomic`, `v6`, `x86`). */
export function isIdentifier(term: string): boolean {
  return /[_\p{N}]/u.test(term)
}

/**
 * The pipeline function that replaces a token by its identifier terms. It
 * also does the work of lunr's trimmer (punctuation around words), so the
 * trimmer is not in the pipeline.
 */
const identifiers: lunr.PipelineFunction = (token) =>
  identifierTerms(token.toString()).map((term) => token.clone(() => term))

/**
 * lunr's English stemmer, except for identifiers: `mappings` still finds
 * `mapping`, but `kmap_atomic` stays `kmap_atomic`. The parts of an
 * identifier are stemmed like words, so `atomic` in a query finds
 * `kmap_atomic` through its part.
 */
const stemmer: lunr.PipelineFunction = (token) =>
  isIdentifier(token.toString()) ? token : (lunr.stemmer(token) as lunr.Token)

/** lunr keeps its function registry on the module; the types leave it out. */
const registry = () => (lunr.Pipeline as unknown as { registeredFunctions: Record<string, unknown> }).registeredFunctions

/**
 * The pipeline functions, in order, registered with lunr under their labels
 * (registering is idempotent, so calling this from the builder and from the
 * loader is fine). Used for both `builder.pipeline` and `builder.searchPipeline`.
 *
 * @returns The functions to add to a pipeline.
 */
export function searchPipeline(): lunr.PipelineFunction[] {
  const registered = registry()
  if (!(identifierLabel in registered)) lunr.Pipeline.registerFunction(identifiers, identifierLabel)
  if (!(stemmerLabel in registered)) lunr.Pipeline.registerFunction(stemmer, stemmerLabel)
  return [
    registered[identifierLabel] as lunr.PipelineFunction,
    lunr.stopWordFilter,
    registered[stemmerLabel] as lunr.PipelineFunction,
  ]
}

/**
 * The terms a query word becomes, exactly as the index would store them (for
 * tests and for the fallback search of words).
 *
 * @param text A word or identifier.
 * @returns The indexed terms it matches.
 */
export function queryTerms(text: string): string[] {
  const pipeline = new lunr.Pipeline()
  pipeline.add(...searchPipeline())
  return pipeline.runString(text) as unknown as string[]
}
