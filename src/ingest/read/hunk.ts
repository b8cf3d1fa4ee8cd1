/**
 * Hunks: the header, and the body of an intact hunk. An intact hunk is read
 * by its counts, so a removed line `--- x` or an added `+++ y` inside it is
 * content, and whatever follows it (the `-- ` signature, notes) is not.
 * Mangled hunks (web archive text) are delimited in `mangled.ts`.
 */
import type { VFile } from 'vfile'
import type { Hunk, HunkLine } from '../types.ts'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'
import type { Line } from './lines.ts'
import { report } from './report.ts'
import { hunkHeader, isDiffStart, isSignature } from './syntax.ts'

const { rules } = diagnosticRules.ingest

/** A hunk's header fields, before its lines are read. */
export type HunkHead = Omit<Hunk, 'lines'>

/** What reading a hunk body gives: its lines and the index after it. */
export interface HunkBody {
  lines: HunkLine[]
  next: number
}

/**
 * Parse an `@@ -a,b +c,d @@ section` line; omitted counts are 1.
 *
 * @param line
 *   The header line.
 * @returns
 *   The header fields, or `null` when the line is not a hunk header.
 */
export function parseHunkHeader(line: Line): HunkHead | null {
  const match = hunkHeader.exec(line.text)
  if (!match) return null
  return {
    header: line.text,
    oldStart: Number(match[1]),
    oldLines: match[2] === undefined ? 1 : Number(match[2]),
    newStart: Number(match[3]),
    newLines: match[4] === undefined ? 1 : Number(match[4]),
    section: match[5] ?? '',
    place: { line: line.line, column: 1 },
  }
}

/**
 * Make a hunk line.
 *
 * @param op
 *   The operation (for mangled text, the reader's guess).
 * @param line
 *   The patch line.
 * @param hasOp
 *   Whether the text starts with an op character to strip (an archive's
 *   context line lost its leading space, so it has none).
 * @returns
 *   The hunk line.
 */
export function hunkLine(op: HunkLine['op'], line: Line, hasOp: boolean): HunkLine {
  return { op, text: hasOp ? line.text.slice(1) : line.text, raw: line.text, line: line.line }
}

/**
 * Read the body of an intact hunk: exactly as many lines as the header counts.
 *
 * An empty line counts as an empty context line (a mailer that strips trailing
 * whitespace turns ` ` into ``; `git apply` accepts it too). A `\ No newline at
 * end of file` marker sets `noNewline` on the line before it.
 *
 * @param file
 *   The patch file, for diagnostics.
 * @param lines
 *   All lines of the diff.
 * @param head
 *   The parsed header; its line is at `index`.
 * @param index
 *   Index of the header in `lines`.
 * @returns
 *   The hunk lines and the index of the first line after the hunk.
 */
export function readIntactHunk(file: VFile, lines: readonly Line[], head: HunkHead, index: number): HunkBody {
  let oldLeft = head.oldLines
  let newLeft = head.newLines
  let next = index + 1
  const out: HunkLine[] = []
  while (oldLeft > 0 || newLeft > 0) {
    const line = lines[next]
    if (!line) break
    const op = line.text === '' ? ' ' : line.text[0]
    if (op === '\\' && out.length > 0) {
      out[out.length - 1].noNewline = true
      next++
      continue
    }
    if (op === ' ' && oldLeft > 0 && newLeft > 0) {
      oldLeft--
      newLeft--
    } else if (op === '-' && oldLeft > 0) oldLeft--
    else if (op === '+' && newLeft > 0) newLeft--
    else break
    out.push(hunkLine(op, line, line.text !== ''))
    next++
  }
  if (lines[next]?.text.startsWith('\\') && out.length > 0) {
    out[out.length - 1].noNewline = true
    next++
  }
  if (oldLeft > 0 || newLeft > 0) {
    reportTruncated(file, head, lines[next]?.line ?? null, head.oldLines - oldLeft, head.newLines - newLeft)
  } else if (/^[ +-]/.test(lines[next]?.text ?? '') && !isSignature(lines[next].text) && !isDiffStart(lines, next)) {
    report(
      file,
      `Line ${lines[next].line} looks like a hunk line, but hunk \`${head.header}\` already has its ${head.oldLines} old and ${head.newLines} new lines: are the header counts too small?`,
      lines[next].line,
      rules.hunkOverflow,
    )
  }
  return { lines: out, next }
}

/**
 * Report a hunk that ends before its header counts are met.
 *
 * @param file
 *   The patch file.
 * @param head
 *   The hunk's header.
 * @param stopLine
 *   The line that does not belong to the hunk, or `null` at the end of the file.
 * @param oldSeen
 *   Old-side lines read.
 * @param newSeen
 *   New-side lines read.
 */
export function reportTruncated(
  file: VFile,
  head: HunkHead,
  stopLine: number | null,
  oldSeen: number,
  newSeen: number,
): void {
  const where = stopLine === null ? 'at the end of the file' : `at line ${stopLine}`
  report(
    file,
    `Hunk \`${head.header}\` is truncated: its header promises ${head.oldLines} old and ${head.newLines} new lines, but it stops ${where} after ${oldSeen} old and ${newSeen} new`,
    head.place.line,
    rules.hunkTruncated,
    true,
  )
}
