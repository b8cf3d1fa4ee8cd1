import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { buildSearchIndex, type SearchItem } from './build.ts'

/**
 * The site's search files, written once per content sync: one index per
 * version (`<key>.json`) and one across all versions (`all.json`), in a
 * folder the search route serves them from. Built off the main thread (see
 * `index-worker.mjs`): lunr's builder is the costliest step after parsing,
 * and page rendering has the main thread to itself.
 */

/** What one version's index is built from. */
export interface SearchInput {
  /** The version key (`mm~highmem@v6.1`), also the file's name. */
  key: string
  items: SearchItem[]
}

/** The key of the index across every version. */
export const allKey = 'all'

/**
 * @param dir The folder (emptied first, so no file of an earlier sync remains).
 * @param inputs Each version's items, in the site's order; `all.json` has them all, in that order.
 */
export async function writeSearchFiles(dir: string, inputs: readonly SearchInput[]): Promise<void> {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  for (const { key, items } of inputs) await writeFile(searchFile(dir, key), JSON.stringify(buildSearchIndex(items)))
  await writeFile(searchFile(dir, allKey), JSON.stringify(buildSearchIndex(inputs.flatMap(({ items }) => items))))
}

/** Where the index of a key is written. */
export function searchFile(dir: string, key: string): string {
  return path.join(dir, `${key}.json`)
}
