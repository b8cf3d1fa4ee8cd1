/**
 * Timing and summary statistics: median with min and max, because one slow
 * run (GC, a busy CI core) should show in the range, not move the figure.
 */
import { performance } from 'node:perf_hooks'

/** Median, minimum and maximum of samples. */
export interface Summary {
  median: number
  min: number
  max: number
  runs: number
}

/**
 * Summarise samples.
 *
 * @param samples
 *   At least one number.
 * @returns
 *   Median (mean of the middle two for an even count), min, max, count.
 */
export function summarise(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length }
}

/**
 * Milliseconds `fn` takes (awaited).
 *
 * @returns
 *   Elapsed milliseconds.
 */
export async function time(fn: () => unknown): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/**
 * Milliseconds per call of `fn`, calling it until at least `minimum` ms have
 * passed (at least once). A pass over a small corpus takes a few tens of
 * milliseconds, where one garbage collection or a timer tick moves a single
 * measurement by a fifth.
 *
 * @returns
 *   The mean time of one call.
 */
export async function timeRepeated(fn: () => unknown, minimum: number): Promise<number> {
  const start = performance.now()
  let calls = 0
  let elapsed = 0
  do {
    await fn()
    calls++
    elapsed = performance.now() - start
  } while (elapsed < minimum)
  return elapsed / calls
}

/**
 * Throughput samples in MB/s (10^6 bytes) from per-run milliseconds.
 *
 * @returns
 *   MB/s per run.
 */
export function throughput(bytes: number, milliseconds: readonly number[]): number[] {
  return milliseconds.map((ms) => bytes / 1e6 / (Math.max(ms, 1e-3) / 1000))
}
