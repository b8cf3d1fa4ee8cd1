/**
 * The shape every benchmark suite shares, so `npm run bench` can grow (site
 * builds, search, page weight) by adding a suite, not by editing the runner: a suite is
 * a name and a function from a context to result rows.
 */

import type { Workspace } from './workspace.ts'

/**
 * Unit of a figure. `MB/s` uses 10^6 bytes of UTF-8 input; `MB` and `kB` are
 * 10^6 and 10^3 bytes (memory, file sizes); `s` and `ms` are wall time.
 */
export type Unit = 'MB/s' | 'ms' | 's' | 'x' | 'MB' | 'kB' | 'count'

/** One measured figure (a row of the table). */
export interface BenchRow {
  /** Suite the row belongs to (`parse`, `docutils`, `pathological`, …). */
  suite: string
  /** What was measured. */
  name: string
  unit: Unit
  /** Median over runs (for MB/s: of per-run throughput). */
  median: number
  min: number
  max: number
  /** Number of runs the figures come from. */
  runs: number
  /** Bytes of input per run, when meaningful. */
  bytes?: number
  /** Set when the figure could not be measured (then the numbers are 0). */
  error?: string
  /** Free-form remark shown after the table. */
  note?: string
}

/** What a suite receives. */
export interface BenchContext {
  /** One run, small inputs: the CI smoke test. */
  quick: boolean
  /** Runs per figure. */
  runs: number
  /** reST files of the corpus, with their text. */
  corpus: ReadonlyArray<{ path: string; text: string }>
  /** Interpreter with docutils. */
  python: string
  /** Progress (stderr, or nothing when quiet). */
  log: (message: string) => void
  /** Rows measured by earlier suites (for ratios). */
  previous: readonly BenchRow[]
  /** Corpus sizes, generated corpora and built sites of the site suites. */
  workspace: Workspace
}

/** A benchmark suite. */
export interface Suite {
  name: string
  run: (context: BenchContext) => Promise<BenchRow[]>
}

/**
 * A row for a figure that could not be measured.
 *
 * @returns
 *   Row with zeros and the error.
 */
export function failedRow(suite: string, name: string, unit: Unit, error: unknown): BenchRow {
  const message = error instanceof Error ? error.message : String(error)
  return { suite, name, unit, median: 0, min: 0, max: 0, runs: 0, error: message.split('\n')[0] }
}
