import type { Hunk } from '../types.ts'
import { indexBase, nearestFirst, rarest } from './base-index.ts'
import { foldedMatcher, type LineMatcher } from './match.ts'
import type { Line } from './text.ts'

/** What one hunk line turned out to be, once the hunk was placed on the base. */
export interface ResolvedLine {
  op: ' ' | '+' | '-'
  /** The line's text as the patch gives it (for a mangled patch: whitespace folded). */
  text: string
  /** 1-based line in the patch file. */
  patchLine: number
  /** For context and removed lines: the 0-based index of the base line it stands for. */
  baseIndex?: number
  noNewline?: boolean
}

export interface Placement {
  /** 0-based index in the base of the hunk's first old-side line (or the insertion point). */
  start: number
  /** Number of base lines the hunk replaces. */
  length: number
  lines: ResolvedLine[]
}

/** Why a hunk could not be placed: the first line that did not match where it was expected. */
export interface Mismatch {
  kind: 'mismatch' | 'ambiguous'
  /** The hunk line that did not match (its patch line and text). */
  patchLine: number
  expected: string
  /** 0-based base index where it was expected. */
  baseIndex: number
  /** For `ambiguous`: the 0-based starts that all fit. */
  candidates?: number[]
}

/** The sides of a hunk, swapped for `--reverse`. */
export interface Sides {
  oldStart: number
  oldLines: number
  newStart: number
  newLines: number
  reverse: boolean
}

export function sidesOf(hunk: Hunk, reverse: boolean): Sides {
  return reverse
    ? { oldStart: hunk.newStart, oldLines: hunk.newLines, newStart: hunk.oldStart, newLines: hunk.oldLines, reverse }
    : { oldStart: hunk.oldStart, oldLines: hunk.oldLines, newStart: hunk.newStart, newLines: hunk.newLines, reverse }
}

/**
 * A way of placing a hunk on the base, searching starts nearest the stated one
 * first: byte for byte (`placeExact`) or with whitespace folded
 * (`placeMangled`); the applier picks one per file.
 *
 * @param delta
 *   How far the hunks before this one landed from their stated lines.
 * @param min
 *   The first start allowed (after the previous hunk).
 */
export type Placer = (hunk: Hunk, sides: Sides, base: readonly Line[], delta: number, min: number) => Placement | Mismatch

/** 0-based index where a hunk's old side should start, from its header. */
function expectedStart(sides: Sides, delta: number): number {
  // A hunk with no old lines names the line *after which* it inserts.
  return (sides.oldLines === 0 ? sides.oldStart : sides.oldStart - 1) + delta
}

const stripCr = (text: string) => (text.endsWith('\r') ? text.slice(0, -1) : text)

/**
 * Place an intact hunk as `git apply` does: its context and removed lines must
 * be in the base byte for byte, at the stated line or the nearest offset.
 */
export const placeExact: Placer = (hunk, sides, base, delta, min) => {
  const lines: ResolvedLine[] = hunk.lines.map((line) => ({
    op: sides.reverse && line.op !== ' ' ? (line.op === '+' ? '-' : '+') : line.op,
    text: stripCr(line.text),
    patchLine: line.line,
    noNewline: line.noNewline,
  }))
  const old = lines.filter((line) => line.op !== '+')
  const expected = expectedStart(sides, delta)
  const { exact, byExact } = indexBase(base)
  const fits = (start: number) => old.every((line, index) => exact[start + index] === line.text)
  const anchor = rarest(old.map((line, offset) => ({ offset, places: byExact.get(line.text) ?? [] })))
  for (const start of nearestFirst(expected, min, base.length - old.length, anchor)) {
    if (fits(start)) {
      let index = start
      for (const line of lines) if (line.op !== '+') line.baseIndex = index++
      return { start, length: old.length, lines }
    }
  }
  return firstMismatch(old, base, expected)
}

function firstMismatch(old: ResolvedLine[], base: readonly Line[], expected: number): Mismatch {
  const at = Math.max(0, Math.min(expected, base.length))
  for (const [index, line] of old.entries()) {
    const baseLine = base[at + index]
    if (!baseLine || stripCr(baseLine.text) !== line.text) {
      return { kind: 'mismatch', patchLine: line.patchLine, expected: line.text, baseIndex: at + index }
    }
  }
  const first = old[0]
  return { kind: 'mismatch', patchLine: first?.patchLine ?? 0, expected: first?.text ?? '', baseIndex: at }
}

/** A mangled line's possible readings: a line that starts with `+`/`-` may be context that lost its space. */
interface Reading {
  op: ' ' | '+' | '-'
  text: string
  /** Matches a folded base line. */
  matcher: LineMatcher
  /** The folded text, when nothing else matches (no masked address). */
  exact?: string
}

function readingsOf(raw: string, reverse: boolean): Reading[] {
  const context: Reading = { op: ' ', text: raw, ...readingMatcher(raw) }
  const first = raw[0]
  if (first !== '+' && first !== '-') return [context]
  const op = (first === '+') !== reverse ? '+' : '-'
  return [{ op, text: raw.slice(1), ...readingMatcher(raw.slice(1)) }, context]
}

function readingMatcher(text: string): Pick<Reading, 'matcher' | 'exact'> {
  const { matches, exact } = foldedMatcher(text)
  return exact === undefined ? { matcher: matches } : { matcher: matches, exact }
}

/**
 * The hunk's leading lines that can only be context stand at fixed
 * distances from its start: the rarest of them (in the base) picks the
 * starts worth trying.
 */
function mangledAnchor(readings: readonly Reading[][], byFolded: ReadonlyMap<string, number[]>) {
  const fixed: Array<{ offset: number; places: readonly number[] }> = []
  for (const [offset, options] of readings.entries()) {
    if (options.length !== 1) break
    const exact = options[0].exact
    if (exact !== undefined) fixed.push({ offset, places: byFolded.get(exact) ?? [] })
  }
  return rarest(fixed)
}

/**
 * Place a hunk whose whitespace a web archive destroyed. Context and removed
 * lines match the base with whitespace folded; which `+`/`-` lines are really
 * context is decided by the header's counts and the base. A hunk that fits in
 * two ways, or at two places when not at its stated line, is refused.
 */
export const placeMangled: Placer = (hunk, sides, base, delta, min) => {
  const readings = hunk.lines.map((line) => readingsOf(line.raw, sides.reverse))
  const expected = expectedStart(sides, delta)
  const { folded, byFolded } = indexBase(base)
  const found: Array<{ start: number; choice: Reading[] }> = []
  let ambiguousAt: number | undefined
  for (const start of nearestFirst(expected, min, base.length - sides.oldLines, mangledAnchor(readings, byFolded))) {
    const solutions = solve(readings, sides, folded, start)
    if (solutions.length > 1) {
      if (start === expected) {
        ambiguousAt = start
        break
      }
      found.push({ start, choice: solutions[0] }, { start, choice: solutions[1] })
    } else if (solutions.length === 1) {
      found.push({ start, choice: solutions[0] })
      if (start === expected) break
    }
    // The stated start, when allowed, is tried first: past it, two places
    // that fit settle the outcome (ambiguous), and looking further only costs.
    if (new Set(found.map((candidate) => candidate.start)).size > 1) break
  }
  const atExpected = found.find((candidate) => candidate.start === expected)
  const chosen = atExpected ?? (found.length === 1 ? found[0] : undefined)
  if (ambiguousAt !== undefined || (!chosen && found.length > 1)) {
    const first = hunk.lines[0]
    return {
      kind: 'ambiguous',
      patchLine: first?.line ?? 0,
      expected: first?.raw ?? '',
      baseIndex: ambiguousAt ?? found[0].start,
      candidates: [...new Set(ambiguousAt !== undefined ? [ambiguousAt] : found.map((candidate) => candidate.start))].sort((a, b) => a - b),
    }
  }
  if (!chosen) return mangledMismatch(readings, hunk, folded, expected)
  let index = chosen.start
  const lines = chosen.choice.map((reading, position): ResolvedLine => {
    const line: ResolvedLine = { op: reading.op, text: reading.text, patchLine: hunk.lines[position].line }
    if (reading.op !== '+') line.baseIndex = index++
    return line
  })
  return { start: chosen.start, length: sides.oldLines, lines }
}

/**
 * All ways (at most two: more only proves ambiguity) of reading the hunk so
 * that its old side matches the base at `start` and its counts add up.
 */
function solve(readings: Reading[][], sides: Sides, base: readonly string[], start: number): Reading[][] {
  const solutions: Reading[][] = []
  const choice: Reading[] = []
  const dead = new Set<string>()
  const walk = (index: number, oldSeen: number, newSeen: number): boolean => {
    if (oldSeen > sides.oldLines || newSeen > sides.newLines) return false
    if (index === readings.length) {
      if (oldSeen === sides.oldLines && newSeen === sides.newLines) solutions.push([...choice])
      return oldSeen === sides.oldLines && newSeen === sides.newLines
    }
    const key = `${index},${oldSeen},${newSeen}`
    if (dead.has(key)) return false
    let any = false
    for (const reading of readings[index]) {
      const usesOld = reading.op !== '+'
      if (usesOld) {
        const baseLine = base[start + oldSeen]
        if (baseLine === undefined || !reading.matcher(baseLine)) continue
      }
      choice.push(reading)
      any = walk(index + 1, oldSeen + (usesOld ? 1 : 0), newSeen + (reading.op !== '-' ? 1 : 0)) || any
      choice.pop()
      if (solutions.length > 1) return true
    }
    if (!any) dead.add(key)
    return any
  }
  walk(0, 0, 0)
  return solutions
}

function mangledMismatch(readings: Reading[][], hunk: Hunk, base: readonly string[], expected: number): Mismatch {
  // Report the first line whose every reading fails where the hunk was expected,
  // following the reading that matched so far.
  let oldSeen = 0
  const at = Math.max(0, Math.min(expected, base.length))
  for (const [index, options] of readings.entries()) {
    const baseLine = base[at + oldSeen]
    const oldReadings = options.filter((reading) => reading.op !== '+')
    if (oldReadings.length === 0) continue
    const fitting = baseLine !== undefined ? oldReadings.find((reading) => reading.matcher(baseLine)) : undefined
    if (fitting) {
      oldSeen++
      continue
    }
    if (options.some((reading) => reading.op === '+')) continue
    return { kind: 'mismatch', patchLine: hunk.lines[index].line, expected: options[0].text, baseIndex: at + oldSeen }
  }
  const first = hunk.lines[0]
  return { kind: 'mismatch', patchLine: first?.line ?? 0, expected: first?.raw ?? '', baseIndex: at }
}
