import { existsSync } from 'node:fs'
import { cp, readFile, rename, rm, rmdir } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { loadManifest } from '../../src/versions/load.ts'
import { withBuildLock } from '../../src/lib/build-lock.ts'
import { describeFolderProblem, makeWritableFolder } from '../../src/lib/folders.ts'
import { deserialiseMessages } from '../../src/lib/messages.ts'
import { diagnosticRules } from '../../src/schema/diagnostic-rules.ts'
import { booleanOption, stringOption, type Command, type Io, type ParsedArgs } from './command.ts'
import { astroEnvironment, projectRoot, runAstro } from './astro.ts'
import { contentFolder, contentOptions, contentUsage } from './content-options.ts'
import { printDiagnostics } from './diagnostics.ts'

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
    const shownOut = stringOption(args, 'out') ?? (path.relative(process.cwd(), out) || out)
    const failed = () => {
      io.stderr.write(`strata build: the build failed; ${shownOut} was left as it was\n`)
      return 1
    }
    // What can be checked before Astro starts is checked here, so its
    // diagnostics never reach the reader wrapped in Astro's error frame.
    const early = await checkBeforeBuilding(args, out, shownOut)
    if (early.length > 0) {
      printDiagnostics(early, io, { quiet })
      return failed()
    }
    const staging = stagingFolder(out)
    const cache = `${staging}.cache`
    const diagnosticsFile = path.join(cache, 'strata-diagnostics.json')
    await rm(staging, { recursive: true, force: true })
    const env = astroEnvironment(args, { STRATA_CACHE_DIR: cache })
    const started = Date.now()
    // Once the loader has left its messages, what Astro prints is its frame around them.
    const astroIo = { ...io, stderr: { write: (chunk: string | Uint8Array) => existsSync(diagnosticsFile) || io.stderr.write(chunk) } } as Io
    const code = await withBuildLock(projectRoot, () => runAstro(['build', '--outDir', staging, ...(quiet ? ['--silent'] : [])], env, astroIo))
    const contentFiles = code === 0 ? [] : deserialiseMessages(await readJson(diagnosticsFile))
    await rm(cache, { recursive: true, force: true })
    if (code !== 0 || !existsSync(path.join(staging, 'index.html'))) {
      await rm(staging, { recursive: true, force: true })
      await removeIfEmpty(path.dirname(staging))
      printDiagnostics(contentFiles, io, { quiet })
      return failed()
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
 * The problems a build would meet before any page: a manifest that does not
 * load (its located messages) and an output folder whose parent cannot be
 * made or written.
 *
 * @returns
 *   Files carrying the messages; none when the build may start.
 */
async function checkBeforeBuilding(args: ParsedArgs, out: string, shownOut: string): Promise<VFile[]> {
  const { file, manifest } = await loadManifest({
    content: contentFolder(args),
    corpus: stringOption(args, 'corpus'),
    kernelTree: stringOption(args, 'kernel-tree'),
  })
  if (!manifest) return [file]
  const problem = await makeWritableFolder(path.dirname(out))
  if (!problem) return []
  const output = new VFile({ path: shownOut })
  output.message(describeFolderProblem(problem), { ruleId: diagnosticRules.build.rules.unwritableOutput, source: diagnosticRules.build.source }).fatal = true
  return [output]
}

/** A JSON file's data, or `undefined` when there is none. */
async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'))
  } catch {
    return undefined
  }
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
  // The parent was made (one level at a time) by `checkBeforeBuilding`.
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
