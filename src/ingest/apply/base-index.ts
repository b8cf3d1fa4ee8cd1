import { foldWhitespace, type Line } from './text.ts'

/**
 * A base document's lines, indexed once per file so that placing a hunk
 * looks only where its rarest fixed line stands, instead of trying every
 * line of the file for every hunk (which made a patch of many hunks cost
 * hunks × lines).
 */
export interface BaseIndex {
  /** Each line's text without a trailing CR. */
  exact: string[]
  /** Each line folded as a web archive folds it. */
  folded: string[]
  /** Where each exact text stands, in order. */
  byExact: Map<string, number[]>
  /** Where each folded text stands, in order. */
  byFolded: Map<string, number[]>
}

const indexes = new WeakMap<readonly Line[], BaseIndex>()

/** The index of a base's lines (made once per lines array). */
export function indexBase(base: readonly Line[]): BaseIndex {
  let index = indexes.get(base)
  if (index) return index
  const exact = base.map((line) => (line.text.endsWith('\r') ? line.text.slice(0, -1) : line.text))
  const folded = exact.map(foldWhitespace)
  index = { exact, folded, byExact: positions(exact), byFolded: positions(folded) }
  indexes.set(base, index)
  return index
}

function positions(texts: readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>()
  texts.forEach((text, position) => {
    const list = map.get(text)
    if (list) list.push(position)
    else map.set(text, [position])
  })
  return map
}

/** A line of the hunk that must stand at a fixed distance from its start, and the places it stands in the base. */
export interface Anchor {
  offset: number
  places: readonly number[]
}

/** Of several anchors, the one with the fewest places (the fewest starts to try). */
export function rarest(anchors: readonly Anchor[]): Anchor | undefined {
  let best: Anchor | undefined
  for (const anchor of anchors) if (!best || anchor.places.length < best.places.length) best = anchor
  return best
}

/**
 * Candidate starts, nearest to the expected one first, as `git apply`
 * searches; with an anchor, only the starts where the anchor line fits.
 *
 * @param expected
 *   The start the header states (0-based, with the drift so far).
 * @param min
 *   The first start allowed (after the previous hunk).
 * @param max
 *   The last start allowed.
 */
export function* nearestFirst(expected: number, min: number, max: number, anchor?: Anchor): Generator<number> {
  const clamped = Math.min(Math.max(expected, min), max)
  if (!anchor) {
    if (clamped >= min && clamped <= max) yield clamped
    for (let distance = 1; clamped - distance >= min || clamped + distance <= max; distance++) {
      if (clamped - distance >= min) yield clamped - distance
      if (clamped + distance <= max) yield clamped + distance
    }
    return
  }
  // The anchor's places, as starts, walked outward from the clamped start;
  // on a tie the earlier start comes first, as above.
  const starts = anchor.places.map((place) => place - anchor.offset)
  let after = lowerBound(starts, clamped)
  let before = after - 1
  while (before >= 0 || after < starts.length) {
    const below = before >= 0 && starts[before] >= min ? starts[before] : undefined
    const above = after < starts.length && starts[after] <= max ? starts[after] : undefined
    if (below === undefined && above === undefined) return
    if (above !== undefined && (below === undefined || above - clamped < clamped - below)) {
      yield above
      after++
    } else {
      yield below!
      before--
    }
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (sorted[middle] < value) low = middle + 1
    else high = middle
  }
  return low
}
