/**
 * Astro's build or dev server on the project, with Strata's options handed
 * to the integration through Astro's API (`build()`/`dev()` and an inline
 * config), not through the environment. `strata build` and `strata dev` run
 * it in a process of its own (scripts/cli/astro.ts says why); so can a
 * benchmark or a profile:
 *
 *   node scripts/bin/run-ts.mjs scripts/astro.ts '{"command":"build","strata":{"content":"DIR"},"outDir":"/tmp/site"}'
 *
 * Exit code 1 when Astro fails; the error goes to stderr as Astro's CLI
 * would give it: its stack, or its message alone when it has no stack (a
 * content error's lines already carry their places).
 */
import { build, dev } from 'astro'
import { fileURLToPath } from 'node:url'
import { siteConfig } from '../astro.config.mjs'
import type { StrataOptions } from '../src/site/integration/index.ts'

/** What to run: `strata build` and `strata dev` give this as JSON, the one argument. */
export interface AstroRun {
  command: 'build' | 'dev'
  /** The integration's options (paths absolute, or relative to the project). */
  strata: StrataOptions
  /** `build`: where the site goes (default: Astro's, `dist/`). */
  outDir?: string
  /** Astro's cache folder (default: Astro's, `node_modules/.astro/`). */
  cacheDir?: string
  /** `dev`: the port and host to serve on (default: Astro's). */
  port?: number
  host?: string
  /** Errors only. */
  silent?: boolean
}

const projectRoot = fileURLToPath(new URL('../', import.meta.url))

async function run(request: AstroRun): Promise<void> {
  const config = {
    ...siteConfig(request.strata),
    root: projectRoot,
    // The config is the one above, astro.config.mjs's own function: reading the
    // file as well would add its default integration a second time.
    configFile: false as const,
    ...(request.cacheDir ? { cacheDir: request.cacheDir } : {}),
    ...(request.silent ? { logLevel: 'silent' as const } : {}),
  }
  if (request.command === 'build') {
    await build({ ...config, ...(request.outDir ? { outDir: request.outDir } : {}) })
    return
  }
  const server = { ...(request.port === undefined ? {} : { port: request.port }), ...(request.host ? { host: request.host } : {}) }
  await dev({ ...config, server })
  // As `astro dev`: serve until the process is stopped.
  await new Promise(() => {})
}

try {
  await run(JSON.parse(process.argv[2] ?? '') as AstroRun)
} catch (error) {
  const { stack, message } = error instanceof Error ? error : { stack: undefined, message: String(error) }
  // As `astro` does: exit at once, whatever servers or watchers are still open.
  process.stderr.write(`${stack || message}\n`, () => process.exit(1))
}
