import { lstat, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { errorCode, makeWritableFolder, type FolderProblem } from './folders.ts'

/**
 * Write files so that a reader never sees half of them: every folder is
 * created and checked first, each file goes to a temporary sibling, and the
 * files are renamed into place only after every one was written, so a
 * failure leaves the old files untouched.
 *
 * @param files
 *   Contents by absolute path; `null` deletes the file.
 * @returns
 *   Nothing once written, or the first OS problem (code and path); nothing
 *   was replaced then.
 */
export async function writeAtomically(files: ReadonlyMap<string, string | null>): Promise<(FolderProblem & { action: string }) | undefined> {
  const folders = new Set([...files].filter(([, contents]) => contents !== null).map(([target]) => path.dirname(target)))
  for (const folder of [...folders].sort()) {
    const problem = await makeWritableFolder(folder)
    if (problem) return { ...problem, action: 'create' }
  }
  const staged: Array<[temporary: string, target: string]> = []
  for (const [target, contents] of files) {
    if (contents === null) continue
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.strata-${process.pid}.tmp`)
    try {
      await writeFile(temporary, contents)
    } catch (error) {
      await discard([temporary, ...staged.map(([each]) => each)])
      return { code: errorCode(error) ?? 'EIO', path: target, action: 'write' }
    }
    staged.push([temporary, target])
  }
  // A folder in a file's place would fail its rename after others were done.
  for (const [, target] of staged) {
    if ((await lstat(target).catch(() => undefined))?.isDirectory()) {
      await discard(staged.map(([each]) => each))
      return { code: 'EISDIR', path: target, action: 'write' }
    }
  }
  for (const [temporary, target] of staged) await rename(temporary, target)
  for (const [target, contents] of files) {
    // ENOTDIR: a parent is a file now, so the file to delete is not there.
    if (contents === null) await rm(target, { force: true }).catch((error: unknown) => {
      if (errorCode(error) !== 'ENOTDIR') throw error
    })
  }
  return undefined
}

/**
 * Remove temporary files, whatever stands in the way: one that could not be
 * written may not be there, or may have a name the system refuses to look
 * at (ENAMETOOLONG), and the problem to report is the write's, not this.
 */
async function discard(temporaries: readonly string[]): Promise<void> {
  await Promise.all(temporaries.map((each) => rm(each, { force: true }).catch(() => undefined)))
}
