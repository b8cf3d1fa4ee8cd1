/**
 * The few line shapes that every reader must recognise the same way: where a
 * diff starts, what a hunk header is, what ends a mail. Kept in one place so
 * detection, the body splitter and the diff reader never disagree.
 */
import type { Line } from './lines.ts'

/** `@@ -a,b +c,d @@ section`; counts may be omitted (they default to 1). */
export const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(?: ?(.*))?$/

/**
 * An mbox `From ` line: sender, then an asctime date (`From <sha> Mon Sep 17
 * 00:00:00 2001`, `From mboxrd@z Thu Jan  1 00:00:00 1970`). The date shape
 * keeps a sentence that starts with "From " from splitting a message.
 */
export const mboxSeparator = /^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{1,2}:\d{2}/

/** Header lines a web archive page prints between the subject and the body. */
export const archiveHeader = /^(From|Date|To|Cc|Subject|Message-I[dD]|In-Reply-To):\s*(.*)$/

/** `diff --git a/x b/y`. */
export const gitDiffHeader = /^diff --git /

/**
 * Whether a new file's diff starts at `lines[index]`: `diff --git`, an `Index:`
 * line, a `diff -u …` command line, or a `--- x` line directly followed by `+++ y`.
 *
 * @param lines
 *   The lines.
 * @param index
 *   Index to test.
 * @returns
 *   Whether a file diff starts there.
 */
export function isDiffStart(lines: readonly Line[], index: number): boolean {
  const text = lines[index]?.text
  if (text === undefined) return false
  if (gitDiffHeader.test(text) || /^Index: \S/.test(text) || /^diff -\S* \S/.test(text)) return true
  return isFileHeaderPair(lines, index)
}

/**
 * Whether `lines[index]` is `--- old` and the next line `+++ new`.
 *
 * @param lines
 *   The lines.
 * @param index
 *   Index of the `---` line.
 * @returns
 *   Whether the two lines name a file pair.
 */
export function isFileHeaderPair(lines: readonly Line[], index: number): boolean {
  return /^--- \S/.test(lines[index]?.text ?? '') && /^\+\+\+ \S/.test(lines[index + 1]?.text ?? '')
}

/**
 * Whether a line is the `-- ` signature separator (a web archive drops the space).
 *
 * @param text
 *   The line's text.
 * @returns
 *   Whether it separates a signature.
 */
export function isSignature(text: string): boolean {
  return text === '-- ' || text === '--'
}

/**
 * Whether a line is the `---` that separates the commit message from the rest.
 *
 * @param text
 *   The line's text.
 * @returns
 *   Whether it is the separator.
 */
export function isMessageSeparator(text: string): boolean {
  return /^---\s*$/.test(text)
}
