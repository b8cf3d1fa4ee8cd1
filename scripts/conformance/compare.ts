/**
 * Align docutils' outline (expected) with Strata's (actual) and score it.
 *
 * Alignment is a Myers diff (`diff`'s `diffArrays`) over each block's full
 * key (type, depth, text and attributes; never the line), so a matched block
 * is identical in everything compared. Inside each changed stretch, removed
 * and added blocks are paired (first by type and depth, then by type, then by
 * position) so a report reads "expected paragraph … got literal_block …"
 * rather than as two unrelated lines.
 *
 * The score counts every difference: `matched / (expected + extra)`. It equals
 * the share of docutils blocks matched when Strata adds nothing, and it is
 * 100 only when the outlines are identical, so surplus blocks cannot hide.
 */
import { diffArrays } from 'diff'
import { blockKey, type OutlineBlock } from './outline.ts'

/** One difference between the outlines. */
export interface Difference {
  /** `changed`: a block differs; `missing`: docutils has it, we do not; `extra`: the reverse. */
  kind: 'changed' | 'missing' | 'extra'
  expected?: OutlineBlock
  actual?: OutlineBlock
  /** Index into the expected outline (for `extra`, where it would go). */
  index: number
}

/** Comparison of one file's outlines. */
export interface Comparison {
  /** Number of docutils blocks. */
  expected: number
  /** Number of Strata blocks. */
  actual: number
  /** Docutils blocks matched exactly. */
  matched: number
  /** Strata blocks with no docutils counterpart (including the `actual` side of changes). */
  extra: number
  /** Share of docutils blocks matched, in percent. */
  share: number
  /** `matched / (expected + extra)` in percent: 100 only when identical. */
  score: number
  differences: Difference[]
}

/**
 * Compare two outlines.
 *
 * @param expected
 *   docutils' blocks.
 * @param actual
 *   Strata's blocks.
 * @returns
 *   Counts, scores and every difference in document order.
 */
export function compareOutlines(expected: readonly OutlineBlock[], actual: readonly OutlineBlock[]): Comparison {
  const expectedKeys = expected.map(blockKey)
  const actualKeys = actual.map(blockKey)
  const runs = gatherStretches(toRuns(diffArrays(expectedKeys, actualKeys)), expectedKeys, actualKeys)
  const differences: Difference[] = []
  let e = 0
  let a = 0
  let matched = 0
  let pendingRemoved: number[] = []
  let pendingAdded: number[] = []

  const flush = () => {
    differences.push(...pairUp(e - pendingRemoved.length, pendingRemoved, pendingAdded, expected, actual))
    pendingRemoved = []
    pendingAdded = []
  }

  for (const run of runs) {
    if (run.kind === 'removed') {
      for (let i = 0; i < run.count; i++) pendingRemoved.push(e++)
    } else if (run.kind === 'added') {
      for (let i = 0; i < run.count; i++) pendingAdded.push(a++)
    } else {
      flush()
      matched += run.count
      e += run.count
      a += run.count
    }
  }
  flush()

  const extra = actual.length - matched
  const share = expected.length === 0 ? (actual.length === 0 ? 100 : 0) : (100 * matched) / expected.length
  const denominator = expected.length + extra
  const score = denominator === 0 ? 100 : (100 * matched) / denominator
  return { expected: expected.length, actual: actual.length, matched, extra, share, score, differences }
}

/** A run of the alignment: blocks kept, removed from docutils' or added by Strata. */
interface Run {
  kind: 'equal' | 'removed' | 'added'
  count: number
}

/**
 * Runs from `diffArrays`' changes.
 *
 * @returns
 *   Runs in order.
 */
function toRuns(changes: ReadonlyArray<{ added?: boolean; removed?: boolean; count?: number; value: readonly string[] }>): Run[] {
  return changes.map((change) => ({
    kind: change.removed ? 'removed' : change.added ? 'added' : 'equal',
    count: change.count ?? change.value.length,
  }))
}

/**
 * Bring a removed and an added run together when a run of equal blocks
 * separates them and could as well sit after both. A minimal diff of
 * `b b a` against `b' b a` may keep the first `b` and drop the second; the
 * same counts keep the second, and then `b` → `b'` reads as one change
 * instead of an extra block here and a missing one there.
 *
 * @param runs
 *   Runs from the diff.
 * @returns
 *   Runs with such removed/added pairs adjacent (matched counts unchanged).
 */
function gatherStretches(runs: Run[], expectedKeys: readonly string[], actualKeys: readonly string[]): Run[] {
  const result = runs.map((run) => ({ ...run }))
  let e = 0
  let a = 0
  for (let i = 0; i + 2 < result.length; i++) {
    const [first, equal, last] = [result[i], result[i + 1], result[i + 2]]
    const opposite =
      equal.kind === 'equal' &&
      ((first.kind === 'added' && last.kind === 'removed') || (first.kind === 'removed' && last.kind === 'added'))
    if (opposite) {
      // Where the equal run starts on the side `last` belongs to.
      const start = last.kind === 'removed' ? e + (first.kind === 'removed' ? first.count : 0) : a + (first.kind === 'added' ? first.count : 0)
      const keys = last.kind === 'removed' ? expectedKeys : actualKeys
      let slides = true
      for (let t = 0; t < equal.count && slides; t++) slides = keys[start + t] === keys[start + t + last.count]
      if (slides) {
        result[i + 1] = last
        result[i + 2] = equal
      }
    }
    if (result[i].kind !== 'added') e += result[i].count
    if (result[i].kind !== 'removed') a += result[i].count
  }
  return result
}

/**
 * Pair the removed and added blocks of one changed stretch.
 *
 * @param start
 *   Index into `expected` where the stretch begins.
 * @param removed
 *   Indices into `expected`.
 * @param added
 *   Indices into `actual`.
 * @returns
 *   Differences ordered by position in the expected outline.
 */
function pairUp(
  start: number,
  removed: number[],
  added: number[],
  expected: readonly OutlineBlock[],
  actual: readonly OutlineBlock[],
): Difference[] {
  if (removed.length === 0 && added.length === 0) return []
  const pairs = new Map<number, number>()
  const usedAdded = new Set<number>()
  const passes: Array<(block: OutlineBlock) => string> = [
    (block) => `${block.type}|${block.depth}`,
    (block) => block.type,
  ]
  for (const key of passes) {
    const left = removed.filter((index) => !pairs.has(index))
    const right = added.filter((index) => !usedAdded.has(index))
    if (left.length === 0 || right.length === 0) break
    const alignment = diffArrays(
      left.map((index) => key(expected[index])),
      right.map((index) => key(actual[index])),
    )
    let l = 0
    let r = 0
    for (const part of alignment) {
      const count = part.count ?? part.value.length
      if (part.removed) l += count
      else if (part.added) r += count
      else {
        for (let i = 0; i < count; i++) {
          pairs.set(left[l], right[r])
          usedAdded.add(right[r])
          l++
          r++
        }
      }
    }
  }
  // What is left pairs by position: a block that changed type entirely.
  const leftoverRemoved = removed.filter((index) => !pairs.has(index))
  const leftoverAdded = added.filter((index) => !usedAdded.has(index))
  const positional = Math.min(leftoverRemoved.length, leftoverAdded.length)
  for (let i = 0; i < positional; i++) {
    pairs.set(leftoverRemoved[i], leftoverAdded[i])
    usedAdded.add(leftoverAdded[i])
  }

  // Document order: each extra block goes before the first changed block
  // whose Strata counterpart comes after it.
  const result: Difference[] = []
  const extras = added.filter((index) => !usedAdded.has(index))
  let nextExtra = 0
  for (const index of removed) {
    const partner = pairs.get(index)
    if (partner === undefined) {
      result.push({ kind: 'missing', expected: expected[index], index })
      continue
    }
    while (nextExtra < extras.length && extras[nextExtra] < partner) {
      result.push({ kind: 'extra', actual: actual[extras[nextExtra++]], index })
    }
    result.push({ kind: 'changed', expected: expected[index], actual: actual[partner], index })
  }
  while (nextExtra < extras.length) result.push({ kind: 'extra', actual: actual[extras[nextExtra++]], index: start + removed.length })
  return result
}
