/**
 * The blob search: where the rebuild rules leave choices open (indentation
 * among open blocks, tabs or spaces, brace depth in a literal block, one space
 * or two after a sentence), the patch's `index abc..def` line names the blob
 * of the right result, so the choices are searched for the combination git
 * hashed. A SHA-1 cannot be matched in parts, so every candidate is hashed
 * whole; candidates are tried nearest the rules' preference first (all
 * preferred, then one place changed, then two …) and the search stops at a
 * bound on count and time, keeping the preference.
 */
import { createHash } from 'node:crypto'
import { rootOf, type Alternatives } from './types.ts'

export interface SearchBounds {
  /** The most candidates hashed (default 512). */
  maxVariants: number
  /** The most time spent, in milliseconds (default 2,000). */
  maxMilliseconds: number
}

/**
 * Each candidate is the whole document hashed, so the count bounds the cost
 * per byte: 512 candidates hash each byte 512 times, about 0.4 s per MB,
 * where 100,000 could cost a patch that matches nothing 70 s per MB. Near
 * the preference is where the blob is: on the bench's 89 mangled edits of the
 * corpus every match came within 5 candidates, and 512 holds every way of
 * changing two places among thirty.
 */
export const defaultBounds: SearchBounds = { maxVariants: 512, maxMilliseconds: 2_000 }

/**
 * How the search ended: `matched` (a combination is the blob), `exhausted`
 * (every combination tried, none is), `count-bound` / `time-bound` (stopped
 * at a bound), `no-blob` (the patch names none), `nothing-open` (no choice to make).
 */
export type SearchOutcome = 'matched' | 'exhausted' | 'count-bound' | 'time-bound' | 'no-blob' | 'nothing-open'

export interface SearchResult {
  outcome: SearchOutcome
  /** Candidates hashed. */
  tried: number
  /** The option taken at a place (its root decides): the match, else the preference. */
  pick: (alternatives: Alternatives) => number
  /** Places whose choice the blob confirmed (every open place, on a match). */
  settled: ReadonlySet<Alternatives>
  /** Of those, the places where the blob overruled the preference. */
  changed: ReadonlySet<Alternatives>
}

/** One place of the document: fixed bytes, or a choice among byte strings. */
type Segment = Buffer | { root: number; options: Buffer[] }

/**
 * Search the open choices of a rebuilt document for the blob it should be.
 *
 * @param parts
 *   The document in order: fixed text and open places.
 * @param expected
 *   The blob id from the patch's `index` line (abbreviated), or `null`.
 * @param bounds
 *   Limits on the search (optional).
 * @returns
 *   The outcome and the choice at every place.
 */
export function searchBlob(parts: ReadonlyArray<string | Alternatives>, expected: string | null, bounds: Readonly<Partial<SearchBounds>> = {}): SearchResult {
  const limits = { ...defaultBounds, ...bounds }
  const roots: Alternatives[] = []
  const rootIndex = new Map<Alternatives, number>()
  const segments: Segment[] = []
  let fixed = ''
  for (const part of parts) {
    if (typeof part === 'string') {
      fixed += part
      continue
    }
    const root = rootOf(part)
    if (!rootIndex.has(root)) {
      rootIndex.set(root, roots.length)
      roots.push(root)
    }
    if (fixed) segments.push(Buffer.from(fixed, 'utf8'))
    fixed = ''
    segments.push({ root: rootIndex.get(root)!, options: part.options.map((option) => Buffer.from(option, 'utf8')) })
  }
  if (fixed) segments.push(Buffer.from(fixed, 'utf8'))

  const choice = new Array<number>(roots.length).fill(0)
  const pick = (alternatives: Alternatives) => choice[rootIndex.get(rootOf(alternatives)) ?? -1] ?? 0
  const none = new Set<Alternatives>()
  const usable = expected !== null && expected.length >= 7 && !/^0+$/.test(expected)
  if (!usable) return { outcome: 'no-blob', tried: 0, pick, settled: none, changed: none }
  if (roots.length === 0) return { outcome: 'nothing-open', tried: 0, pick, settled: none, changed: none }

  const target = expected.toLowerCase()
  const matches = () => {
    let length = 0
    for (const segment of segments) length += Buffer.isBuffer(segment) ? segment.length : segment.options[choice[segment.root]]?.length ?? segment.options[0].length
    const hash = createHash('sha1').update(`blob ${length}\0`)
    for (const segment of segments) hash.update(Buffer.isBuffer(segment) ? segment : segment.options[choice[segment.root]] ?? segment.options[0])
    return hash.digest('hex').startsWith(target)
  }

  const started = performance.now()
  let tried = 0
  let stop: SearchOutcome | undefined
  const sizes = roots.map((root) => root.options.length)
  /** Try every way of changing `count` places, from `from` on; true once a candidate matched. */
  const vary = (count: number, from: number): boolean => {
    if (count === 0) {
      if (tried >= limits.maxVariants) stop = 'count-bound'
      else if (tried % 256 === 0 && performance.now() - started > limits.maxMilliseconds) stop = 'time-bound'
      if (stop) return false
      tried++
      return matches()
    }
    for (let index = from; index <= roots.length - count && !stop; index++) {
      for (let option = 1; option < sizes[index] && !stop; option++) {
        choice[index] = option
        if (vary(count - 1, index + 1)) return true
      }
      choice[index] = 0
    }
    return false
  }
  for (let count = 0; count <= roots.length && !stop; count++) {
    if (vary(count, 0)) {
      const changed = new Set(roots.filter((_, index) => choice[index] !== 0))
      return { outcome: 'matched', tried, pick, settled: new Set(roots), changed }
    }
  }
  choice.fill(0)
  return { outcome: stop ?? 'exhausted', tried, pick, settled: none, changed: none }
}
