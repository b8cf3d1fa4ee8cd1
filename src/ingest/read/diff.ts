/**
 * The diff part of a patch: file headers (git's extended headers included) and
 * their hunks, with the place of every file and hunk in the patch file.
 *
 * jsdiff's `parsePatch` is not used here: it throws on anything after the last
 * hunk (the `-- ` signature of every mailed patch), drops git's extended headers
 * (`index`, modes, renames) and the section text, trims names, keeps no line
 * numbers, and cannot read hunks whose context lost its leading space. The
 * tests use it as an independent check of the intact hunks read here.
 */
import type { VFile } from 'vfile'
import type { FilePatch } from '../types.ts'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'
import { parseHunkHeader, readIntactHunk } from './hunk.ts'
import type { Line } from './lines.ts'
import { readMangledHunk } from './mangled.ts'
import { gitHeaderPaths, headerName, stripPrefixes, unquotePath } from './paths.ts'
import { report } from './report.ts'
import { gitDiffHeader, isFileHeaderPair } from './syntax.ts'

const { rules } = diagnosticRules.ingest

/** A file being read, and whether it may have no hunks (binary, rename, mode change). */
interface Draft {
  file: FilePatch
  mayBeEmpty: boolean
}

/**
 * Read the file diffs of a patch.
 *
 * Lines that belong to no file or hunk (notes, the signature, an archive's
 * footer) are skipped.
 *
 * @param file
 *   The patch file, for diagnostics.
 * @param lines
 *   The lines from the first file diff on.
 * @param mangled
 *   Whether the text lost its leading whitespace (web archive).
 * @returns
 *   The file patches.
 */
export function readDiff(file: VFile, lines: readonly Line[], mangled: boolean): FilePatch[] {
  const drafts: Draft[] = []
  let pending: Line | null = null
  let index = 0
  while (index < lines.length) {
    const line = lines[index]
    const current = drafts[drafts.length - 1]
    if (gitDiffHeader.test(line.text)) {
      const draft = newDraft(line, mangled, gitHeaderPaths(line.text.slice('diff --git '.length)))
      drafts.push(draft)
      index = readExtendedHeaders(lines, index + 1, draft)
    } else if (/^(?:Index: |diff -)/.test(line.text)) {
      pending = line
      index++
    } else if (isFileHeaderPair(lines, index)) {
      const draft = newDraft(pending ?? line, mangled, [null, null])
      setNames(draft, lines[index], lines[index + 1])
      drafts.push(draft)
      pending = null
      index += 2
    } else if (line.text.startsWith('@@')) {
      const head = parseHunkHeader(line)
      if (!head) {
        report(file, `Cannot read hunk header \`${line.text}\`: expected \`@@ -a,b +c,d @@\``, line.line, rules.badHunkHeader, true)
        index++
        continue
      }
      // A bare hunk with no file header still reads, as `patch` accepts it.
      const target = current ?? newDraft(line, mangled, [null, null])
      if (!current) drafts.push(target)
      const body = (mangled ? readMangledHunk : readIntactHunk)(file, lines, head, index)
      target.file.hunks.push({ ...head, lines: body.lines })
      index = Math.max(body.next, index + 1)
    } else index++
  }
  for (const { file: patch, mayBeEmpty } of drafts) {
    if (patch.hunks.length === 0 && !mayBeEmpty) {
      report(
        file,
        `File diff for \`${patch.newPath ?? patch.oldPath}\` has no hunk`,
        patch.place.line,
        rules.fileWithoutHunks,
      )
    }
  }
  return drafts.map((draft) => draft.file)
}

/**
 * Start a file patch.
 *
 * @param line
 *   The line that starts it.
 * @param mangled
 *   Whether the text is mangled.
 * @param paths
 *   Paths known so far.
 * @returns
 *   The draft.
 */
function newDraft(line: Line, mangled: boolean, paths: [string | null, string | null]): Draft {
  return {
    file: {
      oldPath: paths[0],
      newPath: paths[1],
      oldBlob: null,
      newBlob: null,
      mode: null,
      mangled,
      hunks: [],
      place: { line: line.line, column: 1 },
    },
    mayBeEmpty: false,
  }
}

/**
 * Read git's extended header lines after `diff --git`, up to and including the
 * `---`/`+++` pair.
 *
 * @param lines
 *   The lines.
 * @param start
 *   Index after the `diff --git` line.
 * @param draft
 *   The file being read; filled in.
 * @returns
 *   Index of the first line after the headers.
 */
function readExtendedHeaders(lines: readonly Line[], start: number, draft: Draft): number {
  const patch = draft.file
  let index = start
  for (; index < lines.length; index++) {
    const text = lines[index].text
    let match: RegExpExecArray | null
    if ((match = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: (\d+))?\s*$/.exec(text))) {
      patch.oldBlob = match[1]
      patch.newBlob = match[2]
      patch.mode = match[3] ?? patch.mode
    } else if ((match = /^new file mode (\d+)/.exec(text))) {
      patch.oldPath = null
      patch.mode = match[1]
      draft.mayBeEmpty = true
    } else if ((match = /^deleted file mode (\d+)/.exec(text))) {
      patch.newPath = null
      patch.mode = match[1]
      draft.mayBeEmpty = true
    } else if ((match = /^(old|new) mode (\d+)/.exec(text))) {
      if (match[1] === 'new' || patch.mode === null) patch.mode = match[2]
      draft.mayBeEmpty = true
    } else if ((match = /^(rename|copy) (from|to) (.+)$/.exec(text))) {
      if (match[1] === 'copy') patch.copy = true
      if (match[2] === 'from') patch.oldPath = unquotePath(match[3])
      else patch.newPath = unquotePath(match[3])
      draft.mayBeEmpty = true
    } else if (/^(?:(?:dis)?similarity index |Binary files |GIT binary patch)/.test(text)) {
      draft.mayBeEmpty = true
    } else if (isFileHeaderPair(lines, index)) {
      setNames(draft, lines[index], lines[index + 1])
      return index + 2
    } else break
  }
  return index
}

/**
 * Take the paths from a `---`/`+++` pair.
 *
 * @param draft
 *   The file being read.
 * @param oldLine
 *   The `---` line.
 * @param newLine
 *   The `+++` line.
 */
function setNames(draft: Draft, oldLine: Line, newLine: Line): void {
  const [oldPath, newPath] = stripPrefixes(headerName(oldLine.text.slice(4)), headerName(newLine.text.slice(4)))
  draft.file.oldPath = oldPath
  draft.file.newPath = newPath
}
