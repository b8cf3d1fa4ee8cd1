import type { VFile } from 'vfile'
import type { FilePatch, Hunk } from '../types.ts'
import { placeExact, placeMangled, sidesOf, type Mismatch, type Placement, type ResolvedLine } from './locate.ts'
import type { FileReport, HunkReport, InferredLine } from './report.ts'
import { rebuildBlock, type RebuiltLine } from './rebuild/block.ts'
import { indexSource } from './rebuild/spacing.ts'
import { render, rootOf, type Alternatives } from './rebuild/types.ts'
import { searchBlob, type SearchBounds, type SearchResult } from './rebuild/search.ts'
import { searchReport } from './rebuild/search-report.ts'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'
import { blobMatches, dominantEol, gitBlobId, splitLines, type Line } from './text.ts'

const { rules: applyRules, source: applySource } = diagnosticRules.apply

export interface ApplyOptions {
  /** Un-apply: the patch's new side is looked for and its old side put back. */
  reverse?: boolean
  /** Bounds on the blob search over a mangled patch's open choices (default: `defaultBounds`). */
  search?: Partial<SearchBounds>
}

export interface FileResult {
  text: string
  report: FileReport
}

/** An output line: fixed, or rebuilt with open choices. */
interface OutLine {
  line: Line | RebuiltLine
  hunk?: number
  patchLine?: number
}

/**
 * Apply one file's hunks to a base document.
 *
 * Intact hunks apply as `git apply` applies them; hunks a web archive mangled
 * are matched with whitespace folded and their added lines rebuilt from the
 * document's structure (see `rebuild/`). Problems are reported on `file` (the
 * patch) as located messages.
 *
 * @param base
 *   The document to change.
 * @param basePath
 *   Its path, for messages.
 * @param patch
 *   The file patch.
 * @param file
 *   The patch file; messages go there.
 * @returns
 *   The result and its report, or `undefined` when a hunk does not apply.
 */
export function applyFilePatch(
  base: string,
  basePath: string,
  patch: FilePatch,
  file: VFile,
  options: ApplyOptions = {},
): FileResult | undefined {
  const reverse = Boolean(options.reverse)
  const lines = splitLines(base)
  const placements = placeAll(lines, basePath, patch, file, reverse)
  if (!placements) return undefined

  const removed = new Set<number>()
  for (const { placement } of placements) {
    for (const line of placement.lines) if (line.op === '-') removed.add(line.baseIndex!)
  }
  const surviving = new Set<number>()
  for (let index = 0; index < lines.length; index++) if (!removed.has(index)) surviving.add(index)
  const source = indexSource(lines, surviving)
  const eol = dominantEol(lines)

  const out: OutLine[] = []
  // The new document's text so far, kept beside `out` so that each block of
  // added lines sees what precedes it without the whole output being
  // rendered again (which made a patch of many hunks quadratic).
  const rendered: string[] = []
  const emit = (entry: OutLine, alreadyRendered = false) => {
    out.push(entry)
    if (!alreadyRendered) rendered.push(textOf(entry.line))
  }
  let cursor = 0
  for (const [number, { placement }] of placements.entries()) {
    for (; cursor < placement.start; cursor++) emit({ line: lines[cursor] })
    let pending: ResolvedLine[] = []
    const flush = (nextBase: number) => {
      if (pending.length === 0) return
      const following = lines.slice(nextBase, nextBase + 40).map((line) => line.text)
      const rebuilt = patch.mangled
        ? rebuildBlock(pending, rendered, following, source, eol)
        : pending.map((line): Line => ({ text: line.text, eol: line.noNewline ? '' : eol }))
      // `rebuildBlock` appends its lines to `rendered` itself.
      rebuilt.forEach((line, index) => emit({ line, hunk: number, patchLine: pending[index].patchLine }, patch.mangled))
      pending = []
    }
    for (const line of placement.lines) {
      if (line.op === '+') {
        pending.push(line)
        continue
      }
      flush(line.baseIndex!)
      if (line.op === ' ') emit({ line: lines[line.baseIndex!] })
    }
    flush(placement.start + placement.length)
    cursor = placement.start + placement.length
  }
  for (; cursor < lines.length; cursor++) emit({ line: lines[cursor] })

  const expected = reverse ? patch.oldBlob : patch.newBlob
  const settled = searchBlob(
    out.flatMap((entry) => ('template' in entry.line ? [...entry.line.template, entry.line.eol] : [entry.line.text + entry.line.eol])),
    patch.mangled ? expected : null,
    options.search,
  )
  const text = out.map((entry) => renderLine(entry.line, settled.pick)).join('')
  const actual = gitBlobId(text)
  const verified = blobMatches(actual, expected)
  const preimage = reverse ? patch.newBlob : patch.oldBlob
  const baseMatches = preimage && !/^0+$/.test(preimage) ? blobMatches(gitBlobId(base), preimage) : null
  const path = (reverse ? patch.oldPath : patch.newPath) ?? patch.oldPath ?? patch.newPath ?? basePath

  if (baseMatches === false) {
    file.info(`\`${basePath}\` is not blob ${preimage}, the ${reverse ? 'result' : 'preimage'} this patch names; applied by context`, {
      place: patch.place,
      ruleId: applyRules.baseNotPreimage,
      source: applySource,
    })
  }
  if (patch.mangled && expected && !/^0+$/.test(expected) && !verified) {
    const searched = settled.outcome === 'count-bound' || settled.outcome === 'time-bound'
      ? `; the blob search stopped at its bound after ${settled.tried} candidates`
      : settled.outcome === 'exhausted' ? `; none of the ${settled.tried} candidates the rules allow is that blob` : ''
    file.message(
      `rebuilt \`${path}\` is blob ${actual.slice(0, 12)}, not ${expected} as the patch's index line says: some inferred whitespace differs (see --report)${searched}`,
      { place: patch.place, ruleId: applyRules.blobMismatch, source: applySource },
    )
  }

  // Each hunk's rebuilt lines, found in one pass (not one pass per hunk).
  const byHunk = new Map<number, Array<{ entry: OutLine; position: number }>>()
  out.forEach((entry, position) => {
    if (entry.hunk === undefined || !('template' in entry.line)) return
    const list = byHunk.get(entry.hunk) ?? []
    if (list.length === 0) byHunk.set(entry.hunk, list)
    list.push({ entry, position })
  })
  return {
    text,
    report: {
      path,
      oldPath: patch.oldPath,
      newPath: patch.newPath,
      reverse,
      mangled: patch.mangled,
      blob: { expected, actual, verified, baseMatches },
      search: searchReport(out, settled),
      hunks: placements.map(({ hunk, placement, offset }, index) =>
        hunkReport(index, hunk, placement, offset, byHunk.get(index) ?? [], settled),
      ),
    },
  }
}

interface Placed {
  hunk: Hunk
  placement: Placement
  offset: number
}

/** Place every hunk, in order and without overlap; report each one that does not fit. */
function placeAll(lines: Line[], basePath: string, patch: FilePatch, file: VFile, reverse: boolean): Placed[] | undefined {
  const placed: Placed[] = []
  let delta = 0
  let min = 0
  let failed = false
  for (const [index, hunk] of patch.hunks.entries()) {
    const sides = sidesOf(hunk, reverse)
    const place = patch.mangled ? placeMangled : placeExact
    const short = shortOf(hunk, sides, patch.mangled)
    if (short) {
      // A truncated hunk: find where what it has stands, and name the line it
      // would have needed next.
      failed = true
      const partial = place(hunk, { ...sides, oldLines: short.old, newLines: short.new }, lines, delta, min)
      if ('kind' in partial) reportFailure(file, basePath, index, hunk, partial, lines)
      else reportTruncated(file, basePath, index, hunk, partial.start + short.old, sides.oldLines, short.old, lines)
      continue
    }
    const result = place(hunk, sides, lines, delta, min)
    if ('kind' in result) {
      failed = true
      reportFailure(file, basePath, index, hunk, result, lines)
      continue
    }
    const stated = sides.oldLines === 0 ? sides.oldStart : sides.oldStart - 1
    delta = result.start - stated
    min = result.start + result.length
    placed.push({ hunk, placement: result, offset: delta })
  }
  return failed ? undefined : placed
}

/**
 * The old and new lines a hunk really has, when fewer than its header
 * promises (the patch was cut short); `undefined` for a whole hunk. A mangled
 * hunk's `+`/`-` lines may be context, so only a hunk with fewer lines than
 * either side needs counts as short there.
 */
function shortOf(hunk: Hunk, sides: { oldLines: number; newLines: number; reverse: boolean }, mangled: boolean) {
  const added = sides.reverse ? '-' : '+'
  const removed = sides.reverse ? '+' : '-'
  const old = hunk.lines.filter((line) => line.op !== added).length
  const now = hunk.lines.filter((line) => line.op !== removed).length
  const isShort = mangled ? hunk.lines.length < Math.max(sides.oldLines, sides.newLines) : old < sides.oldLines || now < sides.newLines
  return isShort ? { old, new: now } : undefined
}

function reportTruncated(file: VFile, basePath: string, index: number, hunk: Hunk, missing: number, promised: number, had: number, lines: Line[]) {
  const header = hunk.header.replace(/^(@@[^@]*@@).*$/, '$1')
  const expected = lines[missing]?.text ?? ''
  const message = file.message(
    `hunk ${index + 1} (${header}) does not apply: expected ${JSON.stringify(expected)} near ${basePath}:${missing + 1}, but the patch ends after ${had} of its ${promised} old lines (truncated?)`,
    { place: { line: hunk.lines.at(-1)?.line ?? hunk.place.line, column: 1 }, ruleId: applyRules.hunkMismatch, source: applySource },
  )
  message.fatal = true
  message.note = 'The patch was cut short: fetch it again whole (for example the raw message from the archive).'
}

function reportFailure(file: VFile, basePath: string, index: number, hunk: Hunk, mismatch: Mismatch, lines: Line[]) {
  const header = hunk.header.replace(/^(@@[^@]*@@).*$/, '$1')
  const near = (baseIndex: number) => `${basePath}:${baseIndex + 1}`
  const found = lines[mismatch.baseIndex]
  const reason =
    mismatch.kind === 'ambiguous'
      ? `hunk ${index + 1} (${header}) is ambiguous: it fits at ${mismatch.candidates!.map(near).join(' and ')}; refusing to guess`
      : `hunk ${index + 1} (${header}) does not apply: expected ${JSON.stringify(mismatch.expected)} near ${near(mismatch.baseIndex)}` +
        (found ? `, found ${JSON.stringify(found.text)}` : ', past the end of the file')
  const message = file.message(reason, {
    place: { line: mismatch.patchLine, column: 1 },
    ruleId: mismatch.kind === 'ambiguous' ? applyRules.hunkAmbiguous : applyRules.hunkMismatch,
    source: applySource,
  })
  message.fatal = true
  message.note = 'Is the base the version the patch was made against? Check the `index` line of the patch against `git hash-object BASE`.'
}

const textOf = (line: Line | RebuiltLine) => ('template' in line ? render(line.template) : line.text)
const renderLine = (line: Line | RebuiltLine, pick: (alternatives: Alternatives) => number) =>
  'template' in line ? render(line.template, pick) + line.eol : line.text + line.eol

function hunkReport(
  index: number,
  hunk: Hunk,
  placement: Placement,
  offset: number,
  rebuilt: ReadonlyArray<{ entry: OutLine; position: number }>,
  settled: SearchResult,
): HunkReport {
  const count = (op: string) => placement.lines.filter((line) => line.op === op).length
  const inferred: InferredLine[] = []
  rebuilt.forEach(({ entry, position }) => {
    if (!('template' in entry.line)) return
    const line = entry.line
    const settledByBlob = line.template.some((part) => typeof part !== 'string' && settled.settled.has(rootOf(part)))
    inferred.push({
      line: position + 1,
      patchLine: entry.patchLine!,
      text: render(line.template, settled.pick),
      ...line.inference,
      ...(settledByBlob ? { settledByBlob } : {}),
    })
  })
  return {
    hunk: index + 1,
    header: hunk.header,
    patchLine: hunk.place.line,
    appliedAt: placement.start + 1,
    offset,
    context: count(' '),
    added: count('+'),
    removed: count('-'),
    contextWithSign: placement.lines.filter((line) => line.op === ' ' && /^[+-]/.test(line.text)).length,
    rebuilt: inferred.length,
    inferred,
  }
}
