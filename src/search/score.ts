import lunr from 'lunr'

/**
 * lunr's scoring (`lunr.Index#query`, lunr 2.3) over term postings instead
 * of lunr's in-memory index, so that a query needs only the postings of its
 * own terms (see `format.ts`). The rules are lunr's, clause by clause:
 * presence (`+` required in any of the clause's fields, `-` prohibited),
 * field scopes, boosts, and a score per item that sums, over its fields,
 * the dot product of the field's query vector with the item's weights,
 * divided by the query vector's length. One departure: a required clause
 * that the pipeline turns into no term at all (`+the`) is ignored, where
 * lunr throws.
 */

/** A clause as lunr's parser leaves it (the published types leave out `presence`). */
export interface Clause {
  term: string
  fields: string[]
  boost: number
  editDistance?: number
  usePipeline: boolean
  presence: number
}

/** What scoring reads: how a term expands, and the postings of an expanded term. */
export interface TermSource {
  /** The field names, in posting order. */
  fields: readonly string[]
  /** How many items there are (a negated query matches them all). */
  count: number
  /** The terms of the index a clause's term stands for (itself, or its wildcard or fuzzy expansions). */
  expand(clause: Clause, term: string): string[]
  /** `[gap, weight × 1000, …]` of an expanded term in a field (see `TermShard`). */
  postings(term: string, field: number): readonly number[]
}

const { REQUIRED, PROHIBITED } = (lunr.Query as unknown as { presence: Record<string, number> }).presence

/**
 * The terms of a clause: the pipeline's output for its term, or the term
 * itself where the pipeline is off (terms with wildcards).
 *
 * @param pipeline The search pipeline.
 * @param clause The clause.
 * @returns The terms.
 */
export function clauseTerms(pipeline: lunr.Pipeline, clause: Clause): string[] {
  return clause.usePipeline ? ((pipeline as unknown as { runString(text: string, metadata: object): string[] }).runString(clause.term, { fields: clause.fields })) : [clause.term]
}

/** What scoring gives: the matching items, and each item's score (`scores[ref]`). */
export interface Scored {
  refs: number[]
  scores: Float64Array
}

/** Which items a set of clauses allows, per field: `undefined` until a clause says. */
type PerField = Array<Set<number> | undefined>

/**
 * Score a parsed query.
 *
 * @param clauses The query's clauses (parsed and tamed).
 * @param pipeline The search pipeline.
 * @param source The postings.
 * @returns The matching items, in no particular order, and the scores of all items by number.
 */
export function scoreClauses(clauses: readonly Clause[], pipeline: lunr.Pipeline, source: TermSource): Scored {
  const fieldAt = new Map(source.fields.map((field, at) => [field, at]))
  /** Per field, the query vector: term → summed boost. */
  const queryVectors = source.fields.map(() => new Map<string, number>())
  const required: PerField = source.fields.map(() => undefined)
  const prohibited: PerField = source.fields.map(() => undefined)
  /** `null` stands for lunr's complete set: no required clause has spoken for the field yet. */
  const requiredOf: Array<Set<number> | null | undefined> = source.fields.map(() => undefined)

  for (const clause of clauses) {
    const fields = clause.fields.map((field) => fieldAt.get(field)).filter((at): at is number => at !== undefined)
    const clauseMatches = new Set<number>()
    let emptied = false
    for (const term of clauseTerms(pipeline, clause)) {
      const expanded = source.expand(clause, term)
      if (expanded.length === 0 && clause.presence === REQUIRED) {
        for (const field of fields) requiredOf[field] = new Set()
        emptied = true
        break
      }
      for (const each of expanded) {
        for (const field of fields) {
          if (clause.presence === REQUIRED) {
            forEachPosting(source.postings(each, field), (ref) => clauseMatches.add(ref))
            if (requiredOf[field] === undefined) requiredOf[field] = null
          }
          if (clause.presence === PROHIBITED) {
            const set = (prohibited[field] ??= new Set())
            forEachPosting(source.postings(each, field), (ref) => set.add(ref))
            continue
          }
          const vector = queryVectors[field]
          vector.set(each, (vector.get(each) ?? 0) + clause.boost)
        }
      }
    }
    if (clause.presence === REQUIRED && !emptied) {
      for (const field of fields) {
        const current = requiredOf[field]
        if (current === undefined) continue // the clause had no terms (lunr throws here)
        requiredOf[field] = current === null ? new Set(clauseMatches) : intersect(current, clauseMatches)
      }
    }
  }
  requiredOf.forEach((set, field) => (required[field] = set ?? undefined))

  // Flat arrays, not a Map: a common word matches most items.
  const scores = new Float64Array(source.count)
  const touched = new Uint8Array(source.count)
  const matched: number[] = []
  const touch = (ref: number) => {
    if (touched[ref]) return
    touched[ref] = 1
    matched.push(ref)
  }
  const negated = clauses.length > 0 && clauses.every((clause) => clause.presence === PROHIBITED)
  if (negated) for (let ref = 0; ref < source.count; ref++) touch(ref)
  queryVectors.forEach((vector, field) => {
    let squares = 0
    for (const boost of vector.values()) squares += boost * boost
    const length = Math.sqrt(squares)
    if (!length) return
    for (const [term, boost] of vector) {
      const factor = boost / length / 1000
      // The hot loop of a query (a common word has postings in most items): no callback.
      const postings = source.postings(term, field)
      let ref = 0
      for (let at = 0; at < postings.length; at += 2) {
        ref += postings[at]
        if (!touched[ref]) {
          touched[ref] = 1
          matched.push(ref)
        }
        scores[ref] += factor * postings[at + 1]
      }
    }
  })
  const limits = [...required, ...prohibited.map((set) => set && { has: (ref: number) => !set.has(ref) })].filter((set) => set !== undefined)
  const refs = limits.length === 0 ? matched : matched.filter((ref) => limits.every((set) => set.has(ref)))
  return { refs, scores }
}

/** Call `visit(item, weight)` for each posting of a gap-coded list. */
function forEachPosting(postings: readonly number[], visit: (ref: number, weight: number) => void): void {
  let ref = 0
  for (let at = 0; at < postings.length; at += 2) {
    ref += postings[at]
    visit(ref, postings[at + 1])
  }
}

function intersect(a: ReadonlySet<number>, b: ReadonlySet<number>): Set<number> {
  const result = new Set<number>()
  for (const each of a) if (b.has(each)) result.add(each)
  return result
}
