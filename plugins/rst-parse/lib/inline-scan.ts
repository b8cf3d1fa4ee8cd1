/**
 * The inline scanner's shared state and helpers: the text being scanned,
 * its mapping back to source points, and small node builders used by
 * `inline.ts` (markup) and `inline-plain.ts` (text, references, footnotes).
 */
import type { PhrasingContent, Text } from 'mdast'
import type { Position } from 'unist'
import type { Context } from './context.ts'
import { pointAt, type Ln } from './lines.ts'

/** A text to scan, with the mapping from its indices to source points. */
export interface InlineText {
  text: string
  /** Start index in `text` of each line. */
  starts: number[]
  lines: Ln[]
}

/** The scanner's working state. */
export interface Scan {
  ctx: Context
  it: InlineText
  text: string
  /** `escaped[i]` is 1 when `text[i]` follows an escaping backslash. */
  escaped: Uint8Array
  ends: Map<string, Int32Array>
  out: PhrasingContent[]
  /** Keep line breaks inside inline literals (a `parsed-literal` shows its text as laid out). */
  preserve?: boolean
  /** Where the text after the last construct starts (see `before` in inline.ts). */
  rest: number
}

/** Source position of `text[from..to)`. */
export function positionOf(ctx: Context, it: InlineText, from: number, to: number): Position {
  return { start: pointOf(ctx, it, from), end: pointOf(ctx, it, to) }
}

/** Source point of `text[index]`. */
function pointOf(ctx: Context, it: InlineText, index: number): Position['start'] {
  let lo = 0
  let hi = it.starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (it.starts[mid] <= index) lo = mid
    else hi = mid - 1
  }
  const ln = it.lines[lo]
  return pointAt(ctx.source, ln.l, ln.c + Math.min(index - it.starts[lo], ln.t.length))
}

/** Fold runs of whitespace to one space. */
export function normalizeWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}

/** A text node for `text[from..to)` showing `value`. */
export function textNode(s: Scan, value: string, from: number, to: number): Text {
  return { type: 'text', value, position: positionOf(s.ctx, s.it, from, to) }
}

