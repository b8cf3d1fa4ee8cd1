import { existsSync } from 'node:fs'
import { cp, mkdir, rename, rm, rmdir } from 'node:fs/promises'
import path from 'node:path'
import { withBuildLock } from '../lib/build-lock.ts'
import { booleanOption, stringOption, type Command } from './command.ts'
import { astroEnvironment, projectRoot, runAstro } from './astro.ts'
import { contentOptions, contentUsage } from './content-options.ts'

const usage = `usage: strata build [options]

Build the site from the content manifest into a folder (default: dist/).
The build goes to a temporary folder first and replaces the old site only
when it succeeded: a failed build leaves the previous site as it was.

options:
  --out DIR          where the site goes (default: dist)
${contentUsage}
  -q, --quiet        errors only on stderr

View the result with \`npm run preview\` (dist/), or \`node scripts/serve.mjs DIR\` for another folder.`

export const buildCommand: Command = {
  name: 'build',
  summary: 'build the versioned site into dist/ (atomically)',
  usage,
  options: { ...contentOptions, out: { type: 'string' } },
  async run(args, io) {
    const quiet = booleanOption(args, 'quiet')
    const out = path.resolve(stringOption(args, 'out') ?? path.join(projectRoot, 'dist'))
    // Astro builds inside the project (see `stagingFolder`); the site then
    // replaces `out` in one rename on out's own file system.
    const staging = stagingFolder(out)
    const cache = `${staging}.cache`
    await rm(staging, { recursive: true, force: true })
    const env = astroEnvironment(args, { STRATA_CACHE_DIR: cache })
    const started = Date.now()
    const code = await withBuildLock(projectRoot, () => runAstro(['build', '--outDir', staging, ...(quiet ? ['--silent'] : [])], env, io))
    await rm(cache, { recursive: true, force: true })
    if (code !== 0 || !existsSync(path.join(staging, 'index.html'))) {
      await rm(staging, { recursive: true, force: true })
      await removeIfEmpty(path.dirname(staging))
      io.stderr.write(`strata build: the build failed; ${path.relative(process.cwd(), out) || out} was left as it was\n`)
      return 1
    }
    await replaceFolder(staging, out)
    await removeIfEmpty(path.dirname(staging))
    if (!quiet) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      io.stderr.write(`Built the site into ${path.relative(process.cwd(), out) || out} in ${seconds} s. View it with \`${viewCommand(out)}\` (http://localhost:4321/).\n`)
    }
    return 0
  },
}

/** The command that serves a built site: Astro's preview serves only dist/. */
function viewCommand(out: string): string {
  if (out === path.join(projectRoot, 'dist')) return 'npm run preview'
  const quote = (value: string) => (/^[\w./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`)
  return `node ${quote(path.relative(process.cwd(), path.join(projectRoot, 'scripts/serve.mjs')) || 'scripts/serve.mjs')} ${quote(path.relative(process.cwd(), out) || '.')}`
}

/**
 * Where Astro builds: a folder inside the project. When the output is outside
 * Astro's working folder, Astro 5 renders through the project's `.astro/` and
 * then copies everything in it into the site (`getOutDirWithinCwd`), which
 * published `content-modules.mjs` and, after a dev server had run, its whole
 * content store; and the server chunks it writes beside an output elsewhere
 * cannot import the project's packages. Inside the project, neither happens.
 */
function stagingFolder(out: string): string {
  return path.join(projectRoot, '.strata-staging', `${path.basename(out)}-${process.pid}`)
}

/**
 * Put a finished site at `out`, replacing what was there. The last step is
 * one rename on out's file system, so a reader sees the old site or the new
 * one, never a mix; across file systems the site is copied beside `out`
 * first.
 */
async function replaceFolder(built: string, out: string): Promise<void> {
  const beside = path.join(path.dirname(out), `.${path.basename(out)}.building-${process.pid}`)
  const old = `${beside}.old`
  // Left by a build that died here under the same pid: a rename cannot land on them.
  await Promise.all([beside, old].map((folder) => rm(folder, { recursive: true, force: true })))
  await mkdir(path.dirname(out), { recursive: true })
  try {
    await rename(built, beside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await cp(built, beside, { recursive: true })
    await rm(built, { recursive: true, force: true })
  }
  if (existsSync(out)) await rename(out, old)
  await rename(beside, out)
  await rm(old, { recursive: true, force: true })
}

/** Remove a folder if nothing is in it (another build may still be using it). */
async function removeIfEmpty(folder: string): Promise<void> {
  await rmdir(folder).catch(() => undefined)
}
