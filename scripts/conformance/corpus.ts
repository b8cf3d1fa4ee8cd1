/**
 * Find the reST files of a corpus: every `*.rst` below a directory, sorted so
 * reports are stable from run to run.
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Project root (two levels above this module). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url))

/** Default corpus: the shared kernel documents beside the checkout. */
export const defaultCorpus = path.resolve(projectRoot, '../shared/corpus')

/**
 * Every `.rst` file below `directory`, sorted.
 *
 * @param directory
 *   Corpus directory.
 * @returns
 *   Absolute paths.
 */
export async function findRstFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.rst'))
    .map((entry) => path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))
    .sort()
}
