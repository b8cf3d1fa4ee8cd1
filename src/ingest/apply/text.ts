import { createHash } from 'node:crypto'

/** A line of a document with its ending kept, so that rebuilding is byte-exact. */
export interface Line {
  /** The text without its line ending. */
  text: string
  /** `\n`, `\r\n`, or `''` for a last line without one. */
  eol: string
}

/**
 * Split a document into lines, keeping each line's ending.
 *
 * @param value
 *   The document.
 * @returns
 *   Its lines; an empty document has none.
 */
export function splitLines(value: string): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start < value.length) {
    const end = value.indexOf('\n', start)
    if (end === -1) {
      lines.push({ text: value.slice(start), eol: '' })
      break
    }
    const crlf = end > start && value.charCodeAt(end - 1) === 13
    lines.push({ text: value.slice(start, crlf ? end - 1 : end), eol: crlf ? '\r\n' : '\n' })
    start = end + 1
  }
  return lines
}

/** The line ending most of the document uses; added lines take it. */
export function dominantEol(lines: readonly Line[]): string {
  let crlf = 0
  let lf = 0
  for (const line of lines) {
    if (line.eol === '\r\n') crlf++
    else if (line.eol === '\n') lf++
  }
  return crlf > lf ? '\r\n' : '\n'
}

/**
 * The id git gives a file's content (`git hash-object`), so a result can be
 * checked against the blob that a patch's `index` line names.
 */
export function gitBlobId(value: string): string {
  const body = Buffer.from(value, 'utf8')
  return createHash('sha1')
    .update(`blob ${body.length}\0`)
    .update(body)
    .digest('hex')
}

/** Whether a full blob id matches an abbreviated one from an `index` line. */
export function blobMatches(full: string, abbreviated: string | null): boolean {
  return Boolean(abbreviated) && abbreviated!.length >= 7 && full.startsWith(abbreviated!.toLowerCase())
}

/** Width of a run of leading whitespace, tabs expanded to 8 columns as docutils and git do. */
export function columnWidth(whitespace: string): number {
  let column = 0
  for (const char of whitespace) column = char === '\t' ? column + 8 - (column % 8) : column + 1
  return column
}

/** The leading whitespace of a line. */
export function leadingWhitespace(text: string): string {
  return /^[ \t]*/.exec(text)![0]
}

/** Fold whitespace as a web archive does: trimmed, every run one space. */
export function foldWhitespace(text: string): string {
  return text.trim().replace(/\s+/g, ' ')
}
