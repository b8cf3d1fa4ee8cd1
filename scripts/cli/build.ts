import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { withBuildLock } from '../lib/build-lock.ts'
import { booleanOption, stringOption, type Command } from './command.ts'
import { contentFolder, contentOptions, contentUsage } from './content-options.ts'

const usage = `usage: strata build [options]

Build the site from the content manifest into a folder (default: dist/).
The build goes to a temporary folder first and replaces the old site only
when it succeeded: a failed build leaves the previous site as it was.

options:
  --out DIR          where the site goes (default: dist)
${contentUsage}
  -q, --quiet        errors only on stderr

View the result with \`npm run preview\` (or any static file server on DIR).`

const projectRoot = fileURLToPath(new URL('../../', import.meta.url))

/**
 * V8 flags for the build process. A build keeps the whole content store in
 * memory and allocates short-lived strings for every page; with V8's default
 * 16 MB young generation, objects still in use are copied over and over, and
 * the garbage collector took 13 % of a 1,000-document build. A 64 MB young
 * generation cut page rendering from 64 s to 54 s there
 * (scripts/bench/README.md), for at most 150 MB more memory.
 */
const nodeFlags = ['--max-semi-space-size=64']

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
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      STRATA_CACHE_DIR: cache,
      STRATA_CONTENT: contentFolder(args),
      ...(stringOption(args, 'corpus') ? { STRATA_CORPUS: path.resolve(stringOption(args, 'corpus')!) } : {}),
      ...(stringOption(args, 'kernel-tree') ? { STRATA_KERNEL_TREE: path.resolve(stringOption(args, 'kernel-tree')!) } : {}),
    }
    const started = Date.now()
    // Astro narrates on stdout; Strata's stdout carries data only, so its
    // narration goes to stderr.
    const code = await withBuildLock(projectRoot, () => new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        [...nodeFlags, path.join(projectRoot, 'node_modules/astro/astro.js'), 'build', '--root', projectRoot, '--outDir', staging, ...(quiet ? ['--silent'] : [])],
        { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      child.stdout.on('data', (chunk) => io.stderr.write(chunk))
      child.stderr.on('data', (chunk) => io.stderr.write(chunk))
      child.on('close', (status) => resolve(status ?? 1))
    }))
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
