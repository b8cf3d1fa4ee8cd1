/**
 * Guess the ops of a mangled hunk once its end is known. The end fixes how many
 * `+` and `-` lines must be read as context; which ones is chosen by how git
 * shapes a hunk: context at both ends (three lines by default, fewer at the top
 * of the file), and in each run of changes the removed lines before the added.
 */
import type { HunkLine } from '../types.ts'
import { hunkLine, type HunkHead } from './hunk.ts'
import type { Line } from './lines.ts'

export type Kind = 'context' | 'plus' | 'minus' | 'marker'

/** Context lines git puts around a change unless told otherwise (`-U3`). */
const defaultContext = 3

/** Above this many ways to choose, the choice is greedy instead of exhaustive. */
const maxChoices = 4096

/** A guess: the hunk lines and how little they look like git's output. */
export interface Guess {
  lines: HunkLine[]
  penalty: number
}

/**
 * Choose which `+`/`-` lines of the first `end` lines are context.
 *
 * @param region
 *   The lines after the header.
 * @param kinds
 *   Their kinds.
 * @param end
 *   Number of region lines in the hunk.
 * @param asContext
 *   How many `plus` and how many `minus` lines must be read as context.
 * @param head
 *   The hunk header (its start line tells whether the hunk is at the top of the file).
 * @param padding
 *   Blank context lines to add at the end, for an archive that dropped them
 *   (default `0`); they are numbered after the last line read.
 * @returns
 *   The best guess.
 */
export function guessOps(
  region: readonly Line[],
  kinds: readonly Kind[],
  end: number,
  asContext: { plus: number; minus: number },
  head: HunkHead,
  padding = 0,
): Guess {
  const plus = indexesOf(kinds, end, 'plus')
  const minus = indexesOf(kinds, end, 'minus')
  let best: Guess | undefined
  if (binomial(plus.length, asContext.plus) * binomial(minus.length, asContext.minus) <= maxChoices) {
    for (const plusSet of combinations(plus, asContext.plus)) {
      for (const minusSet of combinations(minus, asContext.minus)) {
        const guess = build(region, kinds, end, new Set([...plusSet, ...minusSet]), head, padding)
        if (!best || guess.penalty < best.penalty) best = guess
      }
    }
  }
  if (best) return best
  const chosen = new Set<number>()
  for (const [indexes, count] of [[plus, asContext.plus], [minus, asContext.minus]] as const) {
    ;[...indexes]
      .sort((a, b) => neighbourScore(region, kinds, b, end) - neighbourScore(region, kinds, a, end) || a - b)
      .slice(0, count)
      .forEach((index) => chosen.add(index))
  }
  return build(region, kinds, end, chosen, head, padding)
}

/**
 * Make the hunk lines for a choice and score its shape.
 *
 * @param region
 *   The lines after the header.
 * @param kinds
 *   Their kinds.
 * @param end
 *   Number of region lines in the hunk.
 * @param asContext
 *   Indexes of `+`/`-` lines read as context.
 * @param head
 *   The hunk header.
 * @param padding
 *   Blank context lines to add at the end.
 * @returns
 *   The guess.
 */
function build(
  region: readonly Line[],
  kinds: readonly Kind[],
  end: number,
  asContext: Set<number>,
  head: HunkHead,
  padding: number,
): Guess {
  const lines: HunkLine[] = []
  for (let index = 0; index < end; index++) {
    const line = region[index]
    const kind = kinds[index]
    if (kind === 'marker') {
      if (lines.length > 0) lines[lines.length - 1].noNewline = true
    } else if (kind === 'context' || asContext.has(index)) {
      // A line that kept its leading space (intact text read as mangled) still has its op.
      lines.push(hunkLine(' ', line, line.text.startsWith(' ')))
    } else lines.push(hunkLine(kind === 'plus' ? '+' : '-', line, true))
  }
  // Lines the archive lost have no line of their own: number them after the last one kept.
  const after = lines.at(-1)?.line ?? head.place.line
  for (let extra = 1; extra <= padding; extra++) lines.push({ op: ' ', text: '', raw: '', line: after + extra })
  return { lines, penalty: shapePenalty(lines, head) }
}

/**
 * How far a hunk is from git's shape: leading context other than three lines
 * (or fewer at the top of the file), trailing context other than three (fewer
 * costs less: the file may end there), a removed line after an added one
 * within a run of changes, and, a little, each run of changes after the first.
 *
 * @param lines
 *   The hunk lines.
 * @param head
 *   The hunk header.
 * @returns
 *   The penalty; 0 for a hunk git could have written.
 */
function shapePenalty(lines: readonly HunkLine[], head: HunkHead): number {
  const first = lines.findIndex((line) => line.op !== ' ')
  // A hunk without a change is never written.
  if (first < 0) return 100
  let last = lines.length - 1
  while (lines[last].op === ' ') last--
  const trailing = lines.length - 1 - last
  const expectedLeading = Math.min(defaultContext, Math.max(0, head.oldStart - 1))
  let penalty = Math.abs(first - expectedLeading)
  penalty += trailing > defaultContext ? trailing - defaultContext : (defaultContext - trailing) / 2
  for (let index = first + 1; index <= last; index++) {
    if (lines[index].op === '-' && lines[index - 1].op === '+') penalty += 2
    // A diff keeps a change together where it can: each extra run of changes costs a little.
    if (lines[index].op !== ' ' && lines[index - 1].op === ' ') penalty += 0.25
  }
  return penalty
}

/**
 * Greedy fallback: how much a `+`/`-` line looks like context by its
 * neighbours and by looking like a table border or an underline.
 *
 * @param region
 *   The lines after the header.
 * @param kinds
 *   Their kinds.
 * @param index
 *   The line.
 * @param end
 *   Number of region lines in the hunk.
 * @returns
 *   A score; higher is more likely context.
 */
function neighbourScore(region: readonly Line[], kinds: readonly Kind[], index: number, end: number): number {
  const before = index === 0 || kinds[index - 1] === 'context'
  const after = index === end - 1 || kinds[index + 1] === 'context'
  const structural = /^(?:[-=+~^"]{3,}|\+(?:[-=]+\+)+)\s*$/.test(region[index].text)
  return Number(before) + Number(after) + (structural ? 0.5 : 0)
}

/**
 * Indexes of one kind among the first `end` lines.
 *
 * @param kinds
 *   The kinds.
 * @param end
 *   How many to look at.
 * @param kind
 *   The kind.
 * @returns
 *   The indexes.
 */
function indexesOf(kinds: readonly Kind[], end: number, kind: Kind): number[] {
  const indexes: number[] = []
  for (let index = 0; index < end; index++) if (kinds[index] === kind) indexes.push(index)
  return indexes
}

/**
 * All ways to pick `count` items, in order.
 *
 * @param items
 *   The items.
 * @param count
 *   How many to pick.
 * @returns
 *   The picks.
 */
function* combinations(items: readonly number[], count: number, from = 0): Generator<number[]> {
  if (count === 0) {
    yield []
    return
  }
  for (let index = from; index <= items.length - count; index++) {
    for (const rest of combinations(items, count - 1, index + 1)) yield [items[index], ...rest]
  }
}

/**
 * `n` choose `k`.
 *
 * @param n
 *   Items.
 * @param k
 *   Picks.
 * @returns
 *   The number of ways.
 */
function binomial(n: number, k: number): number {
  let result = 1
  for (let index = 0; index < k; index++) result = (result * (n - index)) / (index + 1)
  return result
}
