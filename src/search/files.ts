import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { SearchInput } from './build.ts'
import { partKey } from './format.ts'
import { buildSearchIndex } from './shards.ts'

/**
 * The site's search files, written once per content sync: one index per
 * version (`<key>.json`, one file: its parts are inline) and one across all
 * versions (`all.json` and its parts `all!<part>.json`, see `format.ts`), in
 * a folder the search route serves them from. Built off the main thread (see
 * `index-worker.mjs`): lunr's builder is the costliest step after parsing,
 * and page rendering has the main thread to itself.
 */

/** The key of the index across every version. */
export const allKey = 'all'

/**
 * @param dir The folder (emptied first, so no file of an earlier sync remains).
 * @param inputs Each version's items, in the site's order; the `all` index has them all, in that order.
 */
export async function writeSearchFiles(dir: string, inputs: readonly SearchInput[]): Promise<void> {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const write = async (key: string, versions: readonly SearchInput[]) => {
    const { head, parts } = buildSearchIndex(versions)
    await writeFile(searchFile(dir, key), JSON.stringify(head))
    for (const [name, part] of parts) await writeFile(searchFile(dir, partKey(key, name)), JSON.stringify(part))
  }
  for (const input of inputs) await write(input.key, [input])
  await write(allKey, inputs)
}

/** Where the file of a key (an index's head, or a part: `partKey`) is written. */
export function searchFile(dir: string, key: string): string {
  return path.join(dir, `${key}.json`)
}

/** The keys of every file written (what the search route serves), sorted. */
export async function searchFileKeys(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).sort()
}
