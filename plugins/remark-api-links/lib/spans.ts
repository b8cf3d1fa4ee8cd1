import type { Point, Position } from 'unist'
import { findMentions } from '../../remark-api-records/index.ts'

/** A stretch of text that names one or more APIs (`k[un]map_atomic()` names two). */
export interface ApiSpan {
  /** Offset of the first character in the text. */
  start: number
  /** Offset after the last character. */
  end: number
  /** The names it stands for, in the order the shorthand expands them. */
  names: string[]
}

// `findMentions` gives where a mention starts, not where it ends; these are the
// shapes it recognises (lib/mentions.ts), anchored, so the written form can be
// measured again: a C-domain role, a call with optional arguments and shorthand.
const roleAt = /^:c:[a-z]+:`[^`]*`/
const callAt = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[A-Za-z0-9_]+\][A-Za-z0-9_]*|\{[A-Za-z0-9_,]*\}[A-Za-z0-9_]*)*\((?:[A-Za-z0-9_ ,*]{0,40})\)/

/**
 * Find the APIs a piece of prose names, as spans of the text, using the same
 * recognition as the record extractor so that links and records agree.
 *
 * @param text
 *   The text of one `text` or `inlineCode` node.
 * @returns
 *   Non-overlapping spans, in order.
 */
export function apiSpans(text: string): ApiSpan[] {
  const spans: ApiSpan[] = []
  for (const mention of findMentions(text)) {
    const last = spans[spans.length - 1]
    if (last && last.start === mention.index) {
      if (!last.names.includes(mention.name)) last.names.push(mention.name)
      continue
    }
    if (last && mention.index < last.end) continue
    const rest = text.slice(mention.index)
    const written = roleAt.exec(rest)?.[0] ?? callAt.exec(rest)?.[0] ?? (rest.startsWith(mention.name) ? mention.name : undefined)
    if (!written) continue
    spans.push({ start: mention.index, end: mention.index + written.length, names: [mention.name] })
  }
  return spans
}

/**
 * Map offsets in a text node's value back to points in the source.
 *
 * The parser strips the indentation of continuation lines (list items, block
 * quotes) from a text's value, so the mapping assumes every continuation line
 * has the indentation of the last one and then checks itself against the
 * node's end point: if the value was changed in other ways (escapes, CRLF),
 * the check fails and no positions are given rather than wrong ones.
 *
 * @param value
 *   The node's value.
 * @param position
 *   The node's position (optional).
 * @returns
 *   A function from offset to point, or `undefined` when positions cannot be trusted.
 */
export function pointMapper(value: string, position: Position | undefined): ((index: number) => Point) | undefined {
  if (!position) return undefined
  const { start, end } = position
  const lines = value.split('\n')
  const lastLength = lines[lines.length - 1].length
  const indent = lines.length === 1 ? 0 : end.column - 1 - lastLength
  if (indent < 0) return undefined
  const lineStarts: number[] = []
  let offset = start.offset ?? 0
  for (const [index, line] of lines.entries()) {
    if (index > 0) offset += indent
    lineStarts.push(offset)
    offset += line.length + 1
  }
  const computedEnd = lineStarts[lineStarts.length - 1] + lastLength
  const endColumn = (lines.length === 1 ? start.column : 1 + indent) + lastLength
  if (end.line !== start.line + lines.length - 1 || end.column !== endColumn) return undefined
  if (start.offset !== undefined && end.offset !== undefined && computedEnd !== end.offset) return undefined
  const valueStarts: number[] = []
  let at = 0
  for (const line of lines) {
    valueStarts.push(at)
    at += line.length + 1
  }
  return (index) => {
    let line = valueStarts.length - 1
    while (line > 0 && valueStarts[line] > index) line--
    const within = index - valueStarts[line]
    const point: Point = { line: start.line + line, column: (line === 0 ? start.column : 1 + indent) + within }
    if (start.offset !== undefined) point.offset = lineStarts[line] + within
    return point
  }
}
