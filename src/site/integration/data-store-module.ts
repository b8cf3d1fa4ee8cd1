import { existsSync } from 'node:fs'
import type { ViteUserConfig } from 'astro'

/** A Vite plugin, as Astro's config takes it (Vite is Astro's, not a dependency of ours). */
type VitePlugin = Extract<NonNullable<ViteUserConfig['plugins']>[number], { name: string }>

/** The id Astro 5 resolves `astro:data-layer-content` (the content data store) to. */
const dataStoreModule = '\0astro:data-layer-content'

/**
 * Let the server bundle read Astro's content data store from its file when it
 * runs, instead of carrying it as an object literal (Astro 5's `dataToEsm`).
 *
 * Why: the store holds every version's rendered HTML, source and records: at
 * a thousand documents, 58 MB of JSON. As an object literal its syntax tree
 * grows with the store: Rollup spent 23 s of a 122 s build parsing it, and
 * V8 another 6 s compiling the chunk before the first page rendered, with
 * the peak memory to match. Read and `JSON.parse`d from the file, the module
 * stays a few bytes. (Astro later moved to `JSON.parse("…")` upstream for the
 * same reason, withastro/astro#17430; Astro 6+ needs Node 22.)
 *
 * Reading at run time is sound because Strata's output is static: the server
 * bundle runs only while the build prerenders the pages, when the store
 * exists (the sync that wrote it is the build's first step), or in dev. The
 * module's value is unchanged (the same devalue-flattened array), so
 * `ImmutableDataStore.fromModule` reads it as before.
 *
 * Kept although the id is Astro's private one, for the measured reason above
 * (scripts/bench/README.md: Vite 22.9 → 4.6 s at 1,000 documents). Nothing
 * depends on it for correctness: should an upgrade rename the module, this
 * plugin matches nothing and Astro's own module serves the same data,
 * slower. Drop it with the move to Astro 6, which parses the store itself.
 *
 * @param file
 *   The data store file of this command (`cacheDir` in a build, `.astro` in dev).
 */
export function dataStoreFromFile(file: URL): VitePlugin {
  return {
    name: 'strata:data-store-from-file',
    load: {
      // Before Astro's own content plugin, which would otherwise answer first.
      order: 'pre',
      handler(id) {
        // No store yet (no sync has run): Astro answers with its empty map.
        if (id !== dataStoreModule || !existsSync(file)) return undefined
        return {
          code: `import { readFileSync } from 'node:fs'\nexport default JSON.parse(readFileSync(new URL(${JSON.stringify(file.href)}), 'utf8'))\n`,
          map: { mappings: '' },
        }
      },
    },
  }
}
