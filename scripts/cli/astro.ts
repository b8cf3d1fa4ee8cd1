import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { StrataOptions } from '../../src/site/integration/index.ts'
import type { AstroRun } from '../astro.ts'
import { stringOption, type Io, type ParsedArgs } from './command.ts'
import { contentFolder } from './content-options.ts'

/** The project root: Astro runs here, whatever folder the reader is in. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url))

/**
 * V8 flags for Astro's process. A build keeps the whole content store in
 * memory and allocates short-lived strings for every page; with V8's default
 * 16 MB young generation, objects still in use are copied over and over, and
 * the garbage collector took 13 % of a 1,000-document build. A 64 MB young
 * generation cut page rendering from 64 s to 54 s there
 * (scripts/bench/README.md), for at most 150 MB more memory.
 */
const nodeFlags = ['--max-semi-space-size=64']

/** The integration's options from the content flags (`--content`, `--corpus`, `--kernel-tree`). */
export function strataOptions(args: ParsedArgs): StrataOptions {
  const corpus = stringOption(args, 'corpus')
  const kernelTree = stringOption(args, 'kernel-tree')
  return {
    content: contentFolder(args),
    ...(corpus ? { corpus: path.resolve(corpus) } : {}),
    ...(kernelTree ? { kernelTree: path.resolve(kernelTree) } : {}),
  }
}

/**
 * Run Astro on the project (`scripts/astro.ts`, through Astro's API) in a
 * process of its own, for the V8 flags above. Astro narrates on stdout;
 * Strata's stdout carries data only, so its narration goes to stderr.
 *
 * @returns
 *   Its exit code.
 */
export function runAstro(run: AstroRun, io: Io): Promise<number> {
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [...nodeFlags, path.join(projectRoot, 'scripts/bin/run-ts.mjs'), path.join(projectRoot, 'scripts/astro.ts'), JSON.stringify(run)], {
      cwd: projectRoot,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk) => io.stderr.write(chunk))
    child.stderr.on('data', (chunk) => io.stderr.write(chunk))
    child.on('close', (status) => resolve(status ?? 1))
  })
}
