import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Write files so that a reader never sees half of them: each goes to a
 * temporary sibling first and is renamed into place only after every one was
 * written, so a failure leaves the old files untouched.
 *
 * @param files
 *   Contents by absolute path; `null` deletes the file.
 */
export async function writeAtomically(files: ReadonlyMap<string, string | null>): Promise<void> {
  const staged: Array<[temporary: string, target: string]> = []
  try {
    for (const [target, contents] of files) {
      if (contents === null) continue
      await mkdir(path.dirname(target), { recursive: true })
      const temporary = path.join(path.dirname(target), `.${path.basename(target)}.strata-${process.pid}.tmp`)
      await writeFile(temporary, contents)
      staged.push([temporary, target])
    }
  } catch (error) {
    await Promise.all(staged.map(([temporary]) => rm(temporary, { force: true })))
    throw error
  }
  for (const [temporary, target] of staged) await rename(temporary, target)
  for (const [target, contents] of files) if (contents === null) await rm(target, { force: true })
}
