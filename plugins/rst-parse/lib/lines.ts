/**
 * Source lines as docutils sees them: split on any newline, tabs expanded to
 * 8-column stops, vertical tab and form feed turned into spaces, trailing
 * whitespace stripped (`docutils.statemachine.string2lines`). Block parsing
 * works on these expanded lines; positions are mapped back to the raw source
 * (a tab is one source column but up to eight expanded ones) only when a node
 * is emitted, so positions always point into the original string.
 */
import type { Point } from 'unist'

/** One physical line of the source. */
export interface SourceLine {
  /** The expanded, right-stripped text. */
  text: string
  /** The raw text (without the newline). */
  raw: string
  /** Offset of the line's first character in the source. */
  offset: number
  /** Expanded column → raw column, only for lines where they differ. */
  map?: Int32Array
}

/** The whole source, split once per parse. */
export interface Source {
  value: string
  lines: SourceLine[]
}

/**
 * A line as a block parser sees it: the text after the enclosing construct's
 * indentation was removed, with where that text starts in the source.
 */
export interface Ln {
  /** Text (expanded, dedented; `''` for a blank line). */
  t: string
  /** Zero-based index into `Source.lines`. */
  l: number
  /** Expanded column where `t` starts. */
  c: number
  /**
   * Cached count of leading spaces of `t` (see {@link lnIndent}): deep
   * nesting re-examines the same lines at every level, and rescanning long
   * indentation each time made nesting quadratic.
   */
  ind?: number
}

/** Leading spaces of a line view, computed once and carried to its dedented copies. */
export function lnIndent(ln: Ln): number {
  if (ln.ind === undefined) ln.ind = indentOf(ln.t)
  return ln.ind
}

/** A line view with `n` columns of its indentation removed. */
function cut(ln: Ln, n: number): Ln {
  const ind = lnIndent(ln)
  return { t: ln.t.slice(n), l: ln.l, c: ln.c + n, ind: Math.max(0, ind - n) }
}

/**
 * Split a document into lines.
 *
 * @param value
 *   The document.
 * @returns
 *   The source with its lines.
 */
export function splitSource(value: string): Source {
  const lines: SourceLine[] = []
  let start = 0
  const length = value.length
  while (start <= length) {
    let end = start
    while (end < length && value.charCodeAt(end) !== 10 && value.charCodeAt(end) !== 13) end++
    const raw = value.slice(start, end)
    lines.push(expandLine(raw, start))
    if (end >= length) break
    start = end + (value.charCodeAt(end) === 13 && value.charCodeAt(end + 1) === 10 ? 2 : 1)
  }
  return { value, lines }
}

/**
 * Expand one raw line.
 *
 * @param raw
 *   The line without its newline.
 * @param offset
 *   Where it starts in the source.
 * @returns
 *   The line.
 */
function expandLine(raw: string, offset: number): SourceLine {
  if (!/[\t\v\f\ufeff]/.test(raw)) return { text: raw.trimEnd(), raw, offset }
  let text = ''
  const map: number[] = []
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]
    if (ch === '\t') {
      const n = 8 - (text.length % 8)
      for (let k = 0; k < n; k++) map.push(i)
      text += ' '.repeat(n)
    } else if (ch === '\ufeff') {
      // A byte-order mark is not text (docutils drops it).
      continue
    } else {
      map.push(i)
      text += ch === '\v' || ch === '\f' ? ' ' : ch
    }
  }
  map.push(raw.length)
  return { text: text.trimEnd(), raw, offset, map: Int32Array.from(map) }
}

/**
 * The unist point of an expanded column on a line.
 *
 * @param source
 *   The source.
 * @param line
 *   Zero-based line index.
 * @param column
 *   Zero-based expanded column (may be past the end of the line).
 * @returns
 *   A point (1-based line and column, 0-based offset) into the raw source.
 */
export function pointAt(source: Source, line: number, column: number): Point {
  const lines = source.lines
  const ln = lines[Math.max(0, Math.min(line, lines.length - 1))]
  let raw = column
  if (ln.map) raw = column < ln.map.length ? ln.map[column] : ln.raw.length
  raw = Math.max(0, Math.min(raw, ln.raw.length))
  return { line: Math.min(line, lines.length - 1) + 1, column: raw + 1, offset: ln.offset + raw }
}

/** Number of leading spaces. */
export function indentOf(text: string): number {
  let i = 0
  while (i < text.length && text.charCodeAt(i) === 32) i++
  return i
}

/**
 * docutils' `get_known_indented`: a list item whose marker line has text: the
 * body's indentation is the marker's width; the block ends at the first
 * non-blank line indented less than that.
 *
 * @param lines
 *   Lines of the enclosing block.
 * @param start
 *   The marker line.
 * @param indent
 *   Width of the marker with its spaces.
 * @returns
 *   The block, every line losing `indent` columns.
 */
export function knownIndentedBlock(lines: Ln[], start: number, indent: number): IndentedBlock {
  let end = start + 1
  let blankFinish = true
  while (end < lines.length) {
    const t = lines[end].t
    if (t !== '' && lnIndent(lines[end]) < indent) {
      blankFinish = lines[end - 1].t === ''
      break
    }
    end++
  }
  const out: Ln[] = []
  for (let i = start; i < end; i++) {
    const ln = lines[i]
    if (i === start) out.push({ t: ln.t.slice(indent), l: ln.l, c: ln.c + indent })
    else out.push(ln.t === '' ? ln : cut(ln, indent))
  }
  while (out.length > 0 && out[out.length - 1].t === '') out.pop()
  return { lines: out, end, blankFinish, indent }
}

/** Result of {@link indentedBlock}. */
export interface IndentedBlock {
  /** The lines, dedented (first line by `first`, the rest by their common indent). */
  lines: Ln[]
  /** Index of the first line after the block. */
  end: number
  /** Whether the block ended with a blank line (or at the end of input). */
  blankFinish: boolean
  /** The indentation removed from lines after the first. */
  indent: number
}

/**
 * docutils' `StringList.get_indented`: the block of lines starting at `start`
 * that ends at the first non-blank line with no indentation.
 *
 * @param lines
 *   Lines of the enclosing block.
 * @param start
 *   Where the block starts.
 * @param first
 *   When given, the first line belongs to the block whatever its indent and
 *   loses `first` columns (list item bodies: the width of the marker).
 * @param untilBlank
 *   Stop at the first blank line.
 * @returns
 *   The block.
 */
export function indentedBlock(
  lines: Ln[],
  start: number,
  first?: number,
  untilBlank = false,
): IndentedBlock {
  let end = start
  if (first !== undefined) end++
  let indent = -1
  let blankFinish = true
  while (end < lines.length) {
    const t = lines[end].t
    if (t !== '' && t.charCodeAt(0) !== 32) {
      blankFinish = end > start && lines[end - 1].t === ''
      break
    }
    if (t === '') {
      if (untilBlank) break
    } else {
      const n = lnIndent(lines[end])
      indent = indent < 0 ? n : Math.min(indent, n)
    }
    end++
  }
  if (indent < 0) indent = 0
  const out: Ln[] = []
  for (let i = start; i < end; i++) {
    const ln = lines[i]
    if (i === start && first !== undefined) {
      const t = ln.t.slice(first)
      // The first line loses its marker; leading spaces past it are kept
      // stripped so the body starts where its text starts.
      const pad = indentOf(t)
      out.push({ t: t.slice(pad), l: ln.l, c: ln.c + first + pad })
    } else if (ln.t === '') out.push(ln)
    else out.push(cut(ln, indent))
  }
  // Trailing blank lines are not part of the block's content.
  while (out.length > 0 && out[out.length - 1].t === '') out.pop()
  return { lines: out, end, blankFinish, indent }
}
