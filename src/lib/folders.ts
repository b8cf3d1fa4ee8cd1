import { constants } from 'node:fs'
import { access, lstat, mkdir, stat } from 'node:fs/promises'
import path from 'node:path'

/** Why an output folder cannot be used: the OS error code and the path it is about. */
export interface FolderProblem {
  code: string
  path: string
}

/** What each OS error means for someone who asked for output there. */
const meanings: Record<string, string> = {
  EEXIST: 'a file is in the way',
  ENOTDIR: 'a file is in the way',
  EISDIR: 'a folder is in the way',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'cannot be created there',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
}

/** `cannot create \`/proc/nope\`: cannot be created there (ENOENT)` */
export function describeFolderProblem(problem: FolderProblem, action = 'create'): string {
  const meaning = meanings[problem.code]
  return `cannot ${action} \`${problem.path}\`: ${meaning ? `${meaning} (${problem.code})` : problem.code}`
}

/** The code of an OS error, or `undefined` for anything else. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined
}

/**
 * Create a folder and its missing parents one level at a time, and check the
 * folder can be written. Node's `mkdir({recursive: true})` loops forever
 * where a parent can be neither found nor made (under `/proc`); here each
 * level is tried once, so the work is bounded by the path's depth and the
 * first level that fails is the one reported.
 *
 * @param folder
 *   Absolute path of the folder.
 * @returns
 *   Nothing when the folder exists and is writable, else the problem.
 */
export async function makeWritableFolder(folder: string): Promise<FolderProblem | undefined> {
  const levels: string[] = []
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    levels.unshift(current)
    if (path.dirname(current) === current) break
  }
  for (const level of levels) {
    // `lstat` first: a level that exists is not made again, and a file in
    // the way is named rather than the folder below it.
    const stats = await lstat(level).catch((error: unknown) => errorCode(error) ?? 'EIO')
    if (typeof stats !== 'string') {
      if (stats.isDirectory()) continue
      if (stats.isSymbolicLink()) {
        // A link to a folder is a folder for whoever named this path.
        const followed = await stat(level).catch(() => undefined)
        if (followed?.isDirectory()) continue
      }
      return { code: 'ENOTDIR', path: level }
    }
    if (stats !== 'ENOENT') return { code: stats, path: level }
    try {
      await mkdir(level)
    } catch (error) {
      const code = errorCode(error) ?? 'EIO'
      if (code !== 'EEXIST') return { code, path: level }
    }
  }
  const writable = await access(folder, constants.W_OK).then(
    () => undefined,
    (error: unknown) => errorCode(error) ?? 'EACCES',
  )
  return writable ? { code: writable, path: folder } : undefined
}
