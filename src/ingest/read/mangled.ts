/**
 * Hunks in web archive text, where every line lost its leading whitespace.
 *
 * A context line then has no op character, and one whose text starts with `+`
 * or `-` (a grid table border `+---+`, a `----` underline, a `- ` bullet) looks
 * exactly like an added or removed line. The header counts still say how many
 * old (context + removed) and new (context + added) lines the hunk has, so the
 * reader tries every place the hunk could end (and, at the end of the text,
 * whether one or two blank context lines were dropped), keeps those where some
 * reading of the ambiguous lines meets both counts, and prefers an end after
 * which only blank lines, the signature or the next header follow, then the
 * reading that looks most like git's output (`guess.ts`), then the one that
 * reads the fewest `+`/`-` lines as context. Ops stay a best guess; `raw` is
 * kept as written for the applier, which checks against the base.
 */
import type { VFile } from 'vfile'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'
import { guessOps, type Guess, type Kind } from './guess.ts'
import { reportTruncated, type HunkBody, type HunkHead } from './hunk.ts'
import { isBlank, type Line } from './lines.ts'
import { report } from './report.ts'
import { gitDiffHeader, hunkHeader, isFileHeaderPair, isSignature } from './syntax.ts'

const { rules } = diagnosticRules.ingest

/**
 * How many blank context lines an archive may have dropped at a hunk's end:
 * reST separates blocks with one blank line, rarely two.
 */
const maxPadding = 2

/** What a dropped blank line costs against a reading git would not have written. */
const paddingCost = 0.5

/** One way the hunk can end, with its best reading. */
interface Ending {
  end: number
  /** Blank context lines assumed lost after `end`. */
  padding: number
  /** `+`/`-` lines read as context. */
  reread: number
  /** 0: only blank lines follow; 1: the signature follows; 2: other text follows. */
  tail: number
  guess: Guess
}

/**
 * Read the body of a mangled hunk.
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
 *   The hunk lines (ops guessed) and the index of the first line after the hunk.
 */
export function readMangledHunk(file: VFile, lines: readonly Line[], head: HunkHead, index: number): HunkBody {
  let stop = index + 1
  while (stop < lines.length && !isHardStop(lines, stop, head)) stop++
  const region = lines.slice(index + 1, stop)
  const kinds = region.map(kindOf)
  const atEnd = stop === lines.length
  const endings = findEndings(region, kinds, head, 0, atEnd)
  // The archive may also have dropped blank context lines at the very end.
  const contentEnd = firstQuietTail(region, atEnd)
  for (let padding = 1; padding <= maxPadding; padding++) {
    const padded = findEndings(region.slice(0, contentEnd), kinds, head, padding, true)
    const tail = tailOf(region, contentEnd, atEnd)
    endings.push(...padded.filter((ending) => ending.end === contentEnd).map((ending) => ({ ...ending, tail })))
  }
  endings.sort(
    (a, b) =>
      a.tail - b.tail ||
      a.guess.penalty + paddingCost * a.padding - (b.guess.penalty + paddingCost * b.padding) ||
      a.reread - b.reread ||
      b.end - a.end,
  )
  const best = endings[0]
  if (best && best.padding > 0) {
    report(
      file,
      `Hunk \`${head.header}\` is ${best.padding} context line(s) short at its end; assumed the archive dropped blank lines there`,
      head.place.line,
      rules.hunkPadded,
    )
  }
  if (best && best.tail === 2) {
    report(
      file,
      `The end of hunk \`${head.header}\` is a guess: no reading of its lines meets the counts and leaves only blank lines, the signature or the next header after it`,
      head.place.line,
      rules.hunkUncertain,
    )
  }
  if (best) return { lines: best.guess.lines, next: index + 1 + best.end }

  const literal = guessOps(region, kinds, contentEnd, { plus: 0, minus: 0 }, head).lines
  const oldSeen = literal.filter((line) => line.op !== '+').length
  const newSeen = literal.filter((line) => line.op !== '-').length
  reportTruncated(file, head, region[contentEnd]?.line ?? null, oldSeen, newSeen)
  return { lines: literal, next: index + 1 + contentEnd }
}

/**
 * Whether a line certainly starts something new: the next hunk or file.
 * `Index:` and `diff -u` lines are left out because in archive text a context
 * line of a document about patches can look like them; for the same reason an
 * `@@` line that would start before this hunk ends is the document's text
 * (hunks of a file come in order and never overlap).
 *
 * @param lines
 *   The lines.
 * @param index
 *   Index to test.
 * @param head
 *   The hunk being read.
 * @returns
 *   Whether the region of the hunk before it ends there.
 */
function isHardStop(lines: readonly Line[], index: number, head: HunkHead): boolean {
  const text = lines[index].text
  const header = hunkHeader.exec(text)
  if (header) return Number(header[1]) >= head.oldStart + head.oldLines
  return gitDiffHeader.test(text) || isFileHeaderPair(lines, index)
}

/**
 * What a line of archive text can be.
 *
 * @param line
 *   The line.
 * @returns
 *   Its kind; `plus` and `minus` lines may still be context.
 */
function kindOf(line: Line): Kind {
  const first = line.text[0]
  return first === '+' ? 'plus' : first === '-' ? 'minus' : first === '\\' ? 'marker' : 'context'
}

/**
 * Every place the hunk can end so that its lines meet both counts, best first.
 *
 * With `n` counted lines of which `c` are context, `c + removed = oldLines`
 * and `c + added = newLines`, so `c = oldLines + newLines - n`: the end fixes
 * how many `+`/`-` lines must be read as context, and it works when neither
 * number is negative.
 *
 * @param region
 *   The lines after the header, up to the next header.
 * @param kinds
 *   Their kinds.
 * @param head
 *   The hunk header.
 * @param padding
 *   Blank context lines assumed lost after the region (they count towards both counts).
 * @param atEnd
 *   Whether the region runs to the end of the file (a signature may follow).
 * @returns
 *   The possible endings.
 */
function findEndings(
  region: readonly Line[],
  kinds: readonly Kind[],
  head: HunkHead,
  padding: number,
  atEnd: boolean,
): Ending[] {
  const oldLines = head.oldLines - padding
  const newLines = head.newLines - padding
  const endings: Ending[] = []
  let plus = 0
  let minus = 0
  let counted = 0
  for (let end = 0; end <= region.length; end++) {
    if (end > 0) {
      const kind = kinds[end - 1]
      if (kind === 'plus') plus++
      if (kind === 'minus') minus++
      if (kind !== 'marker') counted++
    }
    // A `\ No newline` marker belongs to the line before it.
    if (end > 0 && kinds[end] === 'marker') continue
    const context = oldLines + newLines - counted
    const removed = oldLines - context
    const added = newLines - context
    if (context < 0 || removed < 0 || added < 0 || removed > minus || added > plus) continue
    const asContext = { plus: plus - added, minus: minus - removed }
    const tail = tailOf(region, end, atEnd)
    // An ending followed by other text is kept only as a last resort.
    if (tail === 2 && padding > 0) continue
    endings.push({
      end,
      padding,
      reread: asContext.plus + asContext.minus,
      tail,
      guess: guessOps(region, kinds, end, asContext, head, padding),
    })
  }
  return endings
}

/**
 * Classify what follows an ending.
 *
 * @param region
 *   The region.
 * @param end
 *   The ending.
 * @param atEnd
 *   Whether the region runs to the end of the file.
 * @returns
 *   0 when only blank lines follow, 1 when the signature follows, 2 otherwise.
 */
function tailOf(region: readonly Line[], end: number, atEnd: boolean): number {
  let index = end
  while (index < region.length && isBlank(region[index])) index++
  if (index === region.length) return 0
  return atEnd && isSignature(region[index].text) ? 1 : 2
}

/**
 * The first index after which only blank lines or the closing signature follow.
 *
 * @param region
 *   The region.
 * @param atEnd
 *   Whether the region runs to the end of the file.
 * @returns
 *   The index.
 */
function firstQuietTail(region: readonly Line[], atEnd: boolean): number {
  for (let end = 0; end < region.length; end++) if (tailOf(region, end, atEnd) < 2) return end
  return region.length
}
