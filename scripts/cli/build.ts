import { existsSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
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

View the result with \`npm run preview\` (or any static file server on DIR).`

export const buildCommand: Command = {
  name: 'build',
  summary: 'build the versioned site into dist/ (atomically)',
  usage,
  options: { ...contentOptions, out: { type: 'string' } },
  async run(args, io) {
    const quiet = booleanOption(args, 'quiet')
    const out = path.resolve(stringOption(args, 'out') ?? path.join(projectRoot, 'dist'))
    const staging = path.join(path.dirname(out), `.${path.basename(out)}.building-${process.pid}`)
    const cache = `${staging}.cache`
    const env = astroEnvironment(args, { STRATA_CACHE_DIR: cache })
    const started = Date.now()
    const code = await withBuildLock(projectRoot, () => runAstro(['build', '--outDir', staging, ...(quiet ? ['--silent'] : [])], env, io))
    await rm(cache, { recursive: true, force: true })
    if (code !== 0 || !existsSync(path.join(staging, 'index.html'))) {
      await rm(staging, { recursive: true, force: true })
      io.stderr.write(`strata build: the build failed; ${path.relative(process.cwd(), out) || out} was left as it was\n`)
      return 1
    }
    const old = `${staging}.old`
    if (existsSync(out)) await rename(out, old)
    await rename(staging, out)
    await rm(old, { recursive: true, force: true })
    if (!quiet) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      io.stderr.write(`Built the site into ${path.relative(process.cwd(), out) || out} in ${seconds} s. View it with \`npm run preview\` (http://localhost:4321/).\n`)
    }
    return 0
  },
}
