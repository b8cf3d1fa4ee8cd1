/**
 * Lines with their place in the patch file: every reader works on these, so a
 * diagnostic or a `HunkLine.line` always points back at the file.
 */

/** One line of text (without its line ending) and its 1-based line in the file. */
export interface Line {
  text: string
  line: number
}

/**
 * Split text into lines.
 *
 * Only `\n` ends a line: a `\r` before it stays part of the text, because in a
 * diff it may be content (a CRLF file). Call `normalizeNewlines` first when the
 * whole text uses CRLF as its line ending.
 *
 * @param text
 *   The text.
 * @param firstLine
 *   Line number of the first line in the file (default `1`).
 * @returns
 *   The lines; a final line ending does not make an empty last line.
 */
export function toLines(text: string, firstLine = 1): Line[] {
  const parts = text.split('\n')
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
  return parts.map((part, index) => ({ text: part, line: firstLine + index }))
}

/**
 * Turn CRLF line endings into LF when every line ending is CRLF.
 *
 * A mail on the wire uses CRLF throughout, and then the `\r` is transport, not
 * content. When only some lines carry one (a diff of a CRLF file inside an LF
 * patch), the `\r`s are content and stay, as `git am` keeps them.
 *
 * @param text
 *   The text.
 * @returns
 *   The text with LF endings, or the text unchanged.
 */
export function normalizeNewlines(text: string): string {
  const lf = (text.match(/\n/g) ?? []).length
  const crlf = (text.match(/\r\n/g) ?? []).length
  return lf > 0 && lf === crlf ? text.replace(/\r\n/g, '\n') : text
}

/**
 * Whether a line is blank (empty or whitespace only).
 *
 * @param line
 *   The line.
 * @returns
 *   Whether it is blank.
 */
export function isBlank(line: Line | undefined): boolean {
  return line !== undefined && line.text.trim() === ''
}
