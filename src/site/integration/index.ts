import type { AstroIntegration } from 'astro'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { dataStoreFromFile } from './data-store-module.ts'

/** The integration's options, checked when the config is read (paths relative to the project root). */
const optionsSchema = z
  .object({
    /** The content folder holding `manifest.json`. */
    content: z.string().min(1),
    /** A kernel tree to read base documents from instead of the manifest's `corpus`. */
    corpus: z.string().min(1).optional(),
    /** A kernel checkout for `kernel-doc` directives. */
    kernelTree: z.string().min(1).optional(),
  })
  .strict()

export type StrataOptions = z.input<typeof optionsSchema>

/** The options as the loader and the pages read them: absolute paths, and where the build's own files go. */
export interface ResolvedStrataOptions extends z.output<typeof optionsSchema> {
  /**
   * Where the loader writes the search indexes and the search route reads them (in Astro's cache folder).
   * Files, not the data store or memory: the indexes are built in a worker thread while the loader goes
   * on, the loader runs in Vite's module graph where no integration hook can hand it over, and the store
   * would carry every index (about 45 MB at 1,000 documents) through Astro's serialised data layer.
   */
  searchDir: string
  /** Where the loader leaves the located messages of content that cannot be built, for `strata build` to print (in Astro's cache folder). */
  diagnosticsFile: string
}

const virtualConfig = 'virtual:strata/config'

/**
 * Strata as an Astro integration: resolves its options, hands them to the
 * loader and pages through a virtual module, and injects the site's routes.
 * The hooks only connect things; each step is an imported function.
 */
export default function strata(input: StrataOptions): AstroIntegration {
  const parsed = optionsSchema.safeParse(input ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `\`${issue.path.join('.') || 'options'}\`: ${issue.message}`)
    throw new TypeError(`strata(): ${problems.join('; ')} (\`content\` is the folder holding manifest.json)`)
  }
  const options = parsed.data
  return {
    name: 'strata',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig, injectRoute }) => {
        const root = fileURLToPath(config.root)
        const resolved: ResolvedStrataOptions = {
          content: path.resolve(root, options.content),
          searchDir: fileURLToPath(new URL('strata-search/', config.cacheDir)),
          diagnosticsFile: fileURLToPath(new URL('strata-diagnostics.json', config.cacheDir)),
          ...(options.corpus ? { corpus: path.resolve(root, options.corpus) } : {}),
          ...(options.kernelTree ? { kernelTree: path.resolve(root, options.kernelTree) } : {}),
        }
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'strata:config',
                resolveId: (id: string) => (id === virtualConfig ? '\0' + virtualConfig : undefined),
                load: (id: string) => (id === '\0' + virtualConfig ? `export default ${JSON.stringify(resolved)}` : undefined),
              },
              // Where Astro keeps the store: `.astro/` in dev, the cache folder in a build.
              dataStoreFromFile(new URL('data-store.json', command === 'dev' ? new URL('.astro/', config.root) : config.cacheDir)),
            ],
          },
        })
        for (const [pattern, entrypoint] of routes) injectRoute({ pattern, entrypoint: fileURLToPath(new URL(entrypoint, routesFolder)) })
      },
    },
  }
}

/** The site's pages, found from this module, not from the project using it. */
const routesFolder = new URL('../../routes/', import.meta.url)

/** The site's routes and the file that renders each. */
const routes: Array<[string, string]> = [
  ['/', 'home.astro'],
  ['/docs/[...path]', 'doc.astro'],
  ['/source/[...path]', 'source.astro'],
  ['/api/[...path]', 'api.astro'],
  ['/compare/[...path]', 'compare.astro'],
  ['/patch/[...path]', 'patch.astro'],
  ['/data/[...path]', 'data.ts'],
  ['/deprecations', 'deprecations.astro'],
  ['/deprecations.json', 'deprecations-json.ts'],
  ['/search/[key].json', 'search-index.ts'],
  ['/simulator', 'simulator.astro'],
  ['/404', 'not-found.astro'],
]
