/**
 * `bench/results.json` (gitignored): the figures of the last run with enough
 * about the machine to tell two runs apart. Its shape is what the smoke test
 * checks, so it changes only on purpose.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg, platform } from 'node:os'
import path from 'node:path'
import type { BenchRow } from './suite.ts'

/** Contents of the results file. */
export interface BenchResults {
  /** Format version of this file. */
  version: 1
  date: string
  quick: boolean
  runs: number
  node: string
  platform: string
  cpu: string
  /** 1-minute load average when the run ended: a busy machine explains odd figures. */
  load: number
  /** Site sizes measured (`1`, `shared`, `100`, `1000`). */
  sizes: string[]
  /** Corpus files and total bytes measured. */
  corpus: { files: number; bytes: number }
  rows: BenchRow[]
}

/**
 * Assemble the results of a run.
 *
 * @returns
 *   Results object.
 */
export function makeResults(rows: BenchRow[], settings: { quick: boolean; runs: number; sizes: readonly string[]; files: number; bytes: number }): BenchResults {
  return {
    version: 1,
    date: new Date().toISOString(),
    quick: settings.quick,
    runs: settings.runs,
    sizes: [...settings.sizes],
    node: process.version,
    platform: platform(),
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    load: loadavg()[0],
    corpus: { files: settings.files, bytes: settings.bytes },
    rows,
  }
}

/**
 * Write results as JSON, creating the directory.
 *
 * @param file
 *   Destination path.
 * @param results
 *   Results.
 */
export async function writeResults(file: string, results: BenchResults): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`)
}
