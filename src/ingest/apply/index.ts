import path from 'node:path'
import type { VFile } from 'vfile'
import type { FilePatch, Patch } from '../types.ts'
import { applyFilePatch, type ApplyOptions } from './apply-file.ts'
import type { FileReport } from './report.ts'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'

const { rules: applyRules, source: applySource } = diagnosticRules.apply

export type { ApplyOptions } from './apply-file.ts'
export type { FileReport, HunkReport, InferredLine } from './report.ts'
export { gitBlobId } from './text.ts'

export interface DocumentResult {
  text: string
  reports: FileReport[]
}

/** Whether a path in a patch names the base file (`Documentation/mm/highmem.rst` names `…/linux/Documentation/mm/highmem.rst`). */
function names(patchPath: string | null, basePath: string): boolean {
  if (!patchPath) return false
  const base = basePath.split(path.sep).join('/')
  return base === patchPath || base.endsWith('/' + patchPath) || patchPath.endsWith('/' + base)
}

/**
 * Apply a patch, or a series in order, to one document.
 *
 * The file patches that name the base are applied; a series that touches a
 * single file applies to the base whatever its name, so a document can be
 * patched from a copy anywhere.
 *
 * @returns
 *   The patched document, or `undefined` when something did not apply
 *   (the reasons are messages on `file`).
 */
export function applyToDocument(
  base: string,
  basePath: string,
  patches: readonly Patch[],
  file: VFile,
  options: ApplyOptions = {},
): DocumentResult | undefined {
  const all = patches.flatMap((patch) => patch.files)
  let chosen = all.filter((filePatch) => names(filePatch.newPath, basePath) || names(filePatch.oldPath, basePath))
  if (chosen.length === 0 && new Set(all.map(pathOf)).size === 1) chosen = all
  if (chosen.length === 0) {
    const message = file.message(
      `the patch touches ${[...new Set(all.map(pathOf))].map((name) => `\`${name}\``).join(', ') || 'no file'} but not \`${basePath}\`; use --tree DIR to apply it to a tree`,
      { place: all[0]?.place ?? { line: 1, column: 1 }, ruleId: applyRules.noFileForBase, source: applySource },
    )
    message.fatal = true
    return undefined
  }
  // Un-applying a series takes its patches back last first.
  const order = options.reverse ? [...chosen].reverse() : chosen
  let text = base
  const reports: FileReport[] = []
  for (const filePatch of order) {
    const result = applyFilePatch(text, basePath, filePatch, file, options)
    if (!result) return undefined
    text = result.text
    reports.push(result.report)
  }
  return { text, reports }
}

export interface TreeResult {
  /** New contents by path relative to the tree; `null` for a file the patch deletes. */
  files: Map<string, string | null>
  reports: FileReport[]
}

/**
 * Apply a patch, or a series in order, to a tree of files.
 *
 * @param read
 *   Reads a file of the tree by relative path; `undefined` when it does not exist.
 * @returns
 *   Every changed file's new contents, or `undefined` when something did not apply.
 */
export function applyToTree(
  read: (relative: string) => string | undefined,
  patches: readonly Patch[],
  file: VFile,
  options: ApplyOptions = {},
): TreeResult | undefined {
  const files = new Map<string, string | null>()
  const reports: FileReport[] = []
  const current = (relative: string) => (files.has(relative) ? files.get(relative) ?? undefined : read(relative))
  const all = patches.flatMap((patch) => patch.files)
  let failed = false
  for (const filePatch of options.reverse ? [...all].reverse() : all) {
    const from = options.reverse ? filePatch.newPath : filePatch.oldPath
    const to = options.reverse ? filePatch.oldPath : filePatch.newPath
    const base = from === null ? '' : current(from)
    if (base === undefined) {
      const message = file.message(`\`${from}\` does not exist in the tree`, {
        place: filePatch.place,
        ruleId: applyRules.missingFile,
        source: applySource,
      })
      message.fatal = true
      failed = true
      continue
    }
    const result = applyFilePatch(base, from ?? to ?? '', filePatch, file, options)
    if (!result) {
      failed = true
      continue
    }
    if (filePatch.copy && options.reverse && from !== null && to !== null) {
      // Undoing a copy removes the copy; what it undoes to must be its source as the tree has it.
      if (result.text !== current(to)) {
        const message = file.message(`\`${from}\` does not reverse to \`${to}\`, the file it was copied from`, { place: filePatch.place, ruleId: applyRules.copyMismatch, source: applySource })
        message.fatal = true
        failed = true
        continue
      }
      files.set(from, null)
      reports.push(result.report)
      continue
    }
    // A rename moves the file; a copy leaves its source in place.
    if (from !== null && from !== to && !filePatch.copy) files.set(from, null)
    if (to !== null) files.set(to, result.text)
    reports.push(result.report)
  }
  if (!failed) failed = !pathsFit(files, all, file)
  return failed ? undefined : { files, reports }
}

/**
 * A tree cannot hold `a.rst` and `a.rst/b.rst` at once: a patch that leaves
 * one path as a folder on the way to another (or deletes a file where it
 * writes a folder) is refused before anything is written, as git apply does.
 * Sorted, a path that is a folder of another comes right before one of its
 * own, so one pass finds every case.
 */
function pathsFit(files: Map<string, string | null>, all: readonly FilePatch[], file: VFile): boolean {
  const paths = [...files.keys()].sort()
  for (let index = 0; index + 1 < paths.length; index++) {
    const [outer, inner] = [paths[index], paths[index + 1]]
    if (!inner.startsWith(outer + '/')) continue
    const culprit = all.find((filePatch) => filePatch.newPath === inner || filePatch.oldPath === inner) ?? all[0]
    const message = file.message(`\`${outer}\` and \`${inner}\`: the patch leaves one path as a folder of the other`, { place: culprit?.place, ruleId: applyRules.pathConflict, source: applySource })
    message.fatal = true
    return false
  }
  return true
}

function pathOf(filePatch: FilePatch): string {
  return filePatch.newPath ?? filePatch.oldPath ?? ''
}
