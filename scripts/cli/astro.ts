import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
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

/**
 * The environment through which `astro.config.mjs` receives the content
 * flags (`--content`, `--corpus`, `--kernel-tree`).
 */
export function astroEnvironment(args: ParsedArgs, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    STRATA_CONTENT: contentFolder(args),
    ...(stringOption(args, 'corpus') ? { STRATA_CORPUS: path.resolve(stringOption(args, 'corpus')!) } : {}),
    ...(stringOption(args, 'kernel-tree') ? { STRATA_KERNEL_TREE: path.resolve(stringOption(args, 'kernel-tree')!) } : {}),
    ...extra,
  }
}

/**
 * Run an Astro command on the project. Astro narrates on stdout; Strata's
 * stdout carries data only, so its narration goes to stderr.
 *
 * @returns
 *   Its exit code.
 */
export function runAstro(astroArgs: readonly string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [...nodeFlags, path.join(projectRoot, 'node_modules/astro/astro.js'), ...astroArgs, '--root', projectRoot], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk) => io.stderr.write(chunk))
    child.stderr.on('data', (chunk) => io.stderr.write(chunk))
    child.on('close', (status) => resolve(status ?? 1))
  })
}
