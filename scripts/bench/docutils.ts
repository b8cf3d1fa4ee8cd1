/**
 * docutils' reST → HTML throughput on the same files, two ways:
 * - per process: `python3 -m docutils FILE /dev/null` once per file, as a
 *   build calling `rst2html` would (interpreter start-up and imports included);
 * - in process: `docutils_bench.py` renders every file in a loop inside one
 *   interpreter, which is docutils' own speed.
 * Plus the cost of one process on an empty document, which is the start-up
 * the per-process figure pays per file. Same settings both ways: quiet,
 * never halting, no file insertion, no raw.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { summarise, throughput, time } from './stats.ts'
import { failedRow, type BenchContext, type BenchRow, type Suite } from './suite.ts'

const execFileAsync = promisify(execFile)

/** The in-process timing script, beside this module. */
const benchScript = fileURLToPath(new URL('./docutils_bench.py', import.meta.url))

/** Options of `python3 -m docutils`, matching `docutils_bench.py`'s settings. */
const cliOptions = ['--writer=html5', '--report=5', '--halt=5', '--no-file-insertion', '--no-raw', '--no-datestamp']

/**
 * Render one file in a fresh interpreter.
 *
 * @returns
 *   Resolves when the process exits (rejects on failure).
 */
async function renderInProcess(python: string, file: string): Promise<void> {
  await execFileAsync(python, ['-m', 'docutils', ...cliOptions, file, '/dev/null'])
}

/** docutils' figures. */
export const docutilsSuite: Suite = {
  name: 'docutils',
  async run(context: BenchContext): Promise<BenchRow[]> {
    const bytes = context.corpus.reduce((total, file) => total + Buffer.byteLength(file.text), 0)
    const files = context.corpus.map((file) => file.path)
    const rows: BenchRow[] = []

    context.log('docutils: one process per file')
    try {
      const samples: number[] = []
      for (let run = 0; run < context.runs; run++) {
        samples.push(
          await time(async () => {
            for (const file of files) await renderInProcess(context.python, file)
          }),
        )
      }
      rows.push({ suite: 'docutils', name: 'render to HTML, process per file', unit: 'MB/s', ...summarise(throughput(bytes, samples)), bytes })
    } catch (error) {
      rows.push(failedRow('docutils', 'render to HTML, process per file', 'MB/s', error))
    }

    context.log('docutils: in one interpreter')
    try {
      const { stdout } = await execFileAsync(context.python, ['-B', benchScript, String(context.runs), ...files], { maxBuffer: 1 << 24 })
      const report = JSON.parse(stdout) as { docutils: string; import_ms: number; run_ms: number[] }
      rows.push({
        suite: 'docutils',
        name: 'render to HTML, in process',
        unit: 'MB/s',
        ...summarise(throughput(bytes, report.run_ms)),
        bytes,
        note: `docutils ${report.docutils}; importing docutils took ${report.import_ms.toFixed(0)} ms`,
      })
    } catch (error) {
      rows.push(failedRow('docutils', 'render to HTML, in process', 'MB/s', error))
    }

    context.log('docutils: start-up on an empty document')
    const directory = await mkdtemp(path.join(tmpdir(), 'strata-bench-'))
    try {
      const empty = path.join(directory, 'empty.rst')
      await writeFile(empty, '')
      const samples: number[] = []
      for (let run = 0; run < Math.max(context.runs, 3); run++) samples.push(await time(() => renderInProcess(context.python, empty)))
      rows.push({ suite: 'docutils', name: 'process start-up (empty document)', unit: 'ms', ...summarise(samples) })
    } catch (error) {
      rows.push(failedRow('docutils', 'process start-up (empty document)', 'ms', error))
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
    return rows
  },
}
