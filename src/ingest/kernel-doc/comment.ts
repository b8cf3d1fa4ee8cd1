/**
 * The lines of one kernel-doc comment with their ` * ` prefixes stripped, the
 * way `scripts/kernel-doc` strips them (`\s*\* ?`): the star and one space go,
 * deeper indentation stays, because it is reST (literal blocks, lists).
 */
import type { CommentSpan } from './text.ts'
import { pointAt } from './text.ts'

/** One content line of a comment. */
export interface CommentLine {
  /** The text after the prefix (may start with spaces when indented). */
  text: string
  /** 1-based line in the file. */
  line: number
  /** 1-based column where `text` starts. */
  column: number
}

/**
 * Split a `/** … *\/` comment into content lines.
 *
 * The text on the `/**` line and before `*\/` counts as content, so that
 * one-line comments (`/** @member: what it holds *\/`) read like long ones.
 *
 * @param text
 *   The whole file.
 * @param span
 *   The comment's offsets.
 * @param lineStarts
 *   Line start offsets of `text`.
 * @returns
 *   Its content lines, first to last.
 */
export function commentLines(text: string, span: CommentSpan, lineStarts: readonly number[]): CommentLine[] {
  const closed = text.startsWith('*/', span.end - 2) && span.end - 2 >= span.start + 3
  const inner = text.slice(span.start + 3, closed ? span.end - 2 : span.end)
  const first = pointAt(lineStarts, span.start + 3)
  return inner.split('\n').map((raw, index) => {
    const line = first.line + index
    const base = index === 0 ? first.column - 1 : 0
    const prefix = index === 0 ? /^ ?/.exec(raw)! : /^\s*\* ?/.exec(raw) ?? /^\s*/.exec(raw)!
    const body = raw.slice(prefix[0].length).replace(/\s+$/, '')
    return { text: body, line, column: base + prefix[0].length + 1 }
  })
}
