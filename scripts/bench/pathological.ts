/**
 * Parse time of each pathological input (`inputs.ts`), 1 MB each (20 kB in
 * quick mode), each case in its own process with a time limit, so a parser
 * that goes quadratic shows as a timeout row rather than a hung benchmark.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { pathologicalInputs } from './inputs.ts'
import { loadParserModule } from './parse.ts'
import { summarise } from './stats.ts'
import { failedRow, type BenchRow, type Suite } from './suite.ts'

const execFileAsync = promisify(execFile)
const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url))
const child = fileURLToPath(new URL('./pathological-child.ts', import.meta.url))

/** Input size per case: 1 MB, or 20 kB for `--quick`. */
export function pathologicalSize(quick: boolean): number {
  return quick ? 20_000 : 1_000_000
}

/** Pathological inputs, parse time each. */
export const pathologicalSuite: Suite = {
  name: 'pathological',
  async run(context) {
    const size = pathologicalSize(context.quick)
    const limit = context.quick ? 60_000 : 180_000
    const rows: BenchRow[] = []
    try {
      await loadParserModule() // one clear error instead of one per child
    } catch (error) {
      return Object.keys(pathologicalInputs).map((name) => failedRow('pathological', `parse ${name}`, 'ms', error))
    }
    for (const name of Object.keys(pathologicalInputs)) {
      context.log(`pathological: ${name}`)
      try {
        const { stdout } = await execFileAsync(process.execPath, [runTs, child, name, String(size), String(context.runs)], {
          timeout: limit,
          killSignal: 'SIGKILL',
          maxBuffer: 1 << 20,
        })
        const { bytes, milliseconds } = JSON.parse(stdout) as { bytes: number; milliseconds: number[] }
        rows.push({ suite: 'pathological', name: `parse ${name}`, unit: 'ms', ...summarise(milliseconds), bytes })
      } catch (error) {
        const failure = error as { killed?: boolean; stderr?: string; message: string }
        const reason = failure.killed
          ? `no result within ${limit / 1000} s`
          : (failure.stderr?.trim().split('\n').find((line) => /error/i.test(line)) ?? failure.message)
        rows.push(failedRow('pathological', `parse ${name}`, 'ms', reason))
      }
    }
    return rows
  },
}
