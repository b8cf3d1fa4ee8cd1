/**
 * Run `docutils_outline.py` with an interpreter that has docutils (Debian's
 * `/usr/bin/python3` by default: the pyenv `python3` on PATH has none) and
 * read its JSON. One process handles every file, so interpreter start-up is
 * paid once per run. `-B`: the driver imports its sibling module, and no
 * `__pycache__` should appear in the checkout.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { FileOutline } from './outline.ts'

/** Default interpreter: Debian's, where `python3-docutils` installs. */
export const defaultPython = '/usr/bin/python3'

/** The driver script, beside this module. */
export const outlineScript = fileURLToPath(new URL('./docutils_outline.py', import.meta.url))

/** What the driver prints. */
export interface DocutilsReport {
  docutils: string
  files: FileOutline[]
}

/**
 * Run a command and collect stdout, with room for large outlines.
 *
 * @returns
 *   stdout, or a rejection carrying stderr.
 */
function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { maxBuffer: 1 << 30, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args[0] ?? ''} failed: ${stderr.trim() || error.message}`))
      else resolve(stdout)
    })
    if (input !== undefined) child.stdin?.end(input)
  })
}

/**
 * Whether `python` can import docutils.
 *
 * @param python
 *   Interpreter path (default `/usr/bin/python3`).
 * @returns
 *   `{ok: true, version}` or `{ok: false, reason}` saying what to install.
 */
export async function docutilsAvailable(
  python: string = defaultPython,
): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  try {
    const version = (await run(python, ['-c', 'import docutils; print(docutils.__version__)'])).trim()
    return { ok: true, version }
  } catch (error) {
    return {
      ok: false,
      reason: `${python} cannot import docutils (apt-get install python3-docutils): ${(error as Error).message.split('\n').at(-1)}`,
    }
  }
}

/**
 * docutils' outlines of `files`.
 *
 * @param files
 *   Paths of reST files.
 * @param python
 *   Interpreter path.
 * @returns
 *   The driver's report (per-file errors inside, never a rejection for one bad file).
 */
export async function docutilsOutlines(files: readonly string[], python: string = defaultPython): Promise<DocutilsReport> {
  if (files.length === 0) return { docutils: '', files: [] }
  return JSON.parse(await run(python, ['-B', outlineScript, ...files])) as DocutilsReport
}

/**
 * docutils' outline of a string (for tests and one-off checks).
 *
 * @param text
 *   reST source.
 * @param python
 *   Interpreter path.
 * @returns
 *   The outline of the text.
 */
export async function docutilsOutlineOfText(text: string, python: string = defaultPython): Promise<FileOutline> {
  const report = JSON.parse(await run(python, ['-B', outlineScript, '-'], text)) as DocutilsReport
  return report.files[0]
}
