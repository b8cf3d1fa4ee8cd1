/**
 * Run a stage's inputs in a worker thread under a watchdog. The worker
 * publishes the index it is running in shared memory; when one index runs
 * past the hang limit, the worker is stopped, the input counted as a hang,
 * and a fresh worker goes on from the next index. A worker that dies counts
 * its input as a throw the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Stage } from './inputs.ts'
import { worseOf, type Finding, type StageReport, type WorkerMessage } from './report.ts'
import type { WorkerData } from './worker-main.ts'

export interface FuzzOptions {
  stage: Stage
  seed: number
  count: number
  /** `../shared`, where the corpus is read. */
  shared: string
  /**
   * An input that has used this much CPU is a hang (default 20 s); so is one
   * still running after ten times as long on the clock, when the machine is
   * too busy to give it the CPU.
   */
  hangMs?: number
  /** Inputs faster than this are never counted slow (default 100 ms): below it, timer and garbage-collector noise decide. */
  floorMs?: number
  /** CPU per MB above which an input is slow (default 1,000 ms: the linear budget). */
  msPerMb?: number
  /** Called after every batch of inputs. */
  onProgress?: (report: StageReport) => void
  /** Called on each finding as it comes (a long run shows them before it ends). */
  onFinding?: (finding: Finding) => void
}

/** Sandboxes in use, so that a run stopped by a signal can remove them (`removeSandboxes`). */
const sandboxes = new Set<string>()

/** Remove the sandboxes of runs still going (on SIGINT or SIGTERM). */
export function removeSandboxes(): void {
  for (const root of sandboxes) rmSync(root, { recursive: true, force: true })
  sandboxes.clear()
}

/** How often the watchdog looks. */
const pollMs = 250

/**
 * Fuzz one stage.
 *
 * @returns
 *   The stage's report: inputs run, bytes, time and findings.
 */
export async function fuzzStage(options: FuzzOptions): Promise<StageReport> {
  const hangMs = options.hangMs ?? 20_000
  const report: StageReport = { stage: options.stage, seed: options.seed, inputs: 0, bytes: 0, ms: 0, findings: [] }
  const root = mkdtempSync(path.join(tmpdir(), `strata-fuzz-${options.stage}-`))
  sandboxes.add(root)
  try {
    let next = 0
    while (next < options.count) next = await runWorker(options, { from: next, root, hangMs }, report)
  } finally {
    rmSync(root, { recursive: true, force: true })
    sandboxes.delete(root)
  }
  return report
}

/**
 * Run one worker from `from` until it finishes or must be stopped.
 *
 * @returns
 *   The index to go on from.
 */
function runWorker(options: FuzzOptions, run: { from: number; root: string; hangMs: number }, report: StageReport): Promise<number> {
  const state = new SharedArrayBuffer(8)
  const view = new Int32Array(state)
  view[0] = -1
  const workerData: WorkerData = { stage: options.stage, seed: options.seed, from: run.from, to: options.count, root: run.root, shared: options.shared, state, floorMs: options.floorMs ?? 100, msPerMb: options.msPerMb ?? 1000 }
  const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData })
  return new Promise<number>((resolve) => {
    let finished = false
    let watched = -1
    let since = Date.now()
    let sinceCpu = process.cpuUsage()
    const stop = (kind: Finding['kind'], detail: string) => {
      if (finished) return
      finished = true
      clearInterval(watchdog)
      const index = Atomics.load(view, 0)
      const stuck = Math.max(index, run.from)
      report.findings.push({ kind, index: stuck, detail })
      options.onFinding?.({ kind, index: stuck, detail })
      report.inputs = Math.max(report.inputs, stuck + 1)
      void worker.terminate().then(() => resolve(stuck + 1))
    }
    const watchdog = setInterval(() => {
      const index = Atomics.load(view, 0)
      if (index !== watched || Atomics.load(view, 1) === 0) {
        watched = index
        since = Date.now()
        sinceCpu = process.cpuUsage()
        return
      }
      // The process's CPU is the worker's: this thread only polls.
      const used = process.cpuUsage(sinceCpu)
      const cpu = (used.user + used.system) / 1000
      if (cpu > run.hangMs) stop('hang', `still running after ${(cpu / 1000).toFixed(0)} s of CPU`)
      else if (Date.now() - since > run.hangMs * 10) stop('hang', `still running after ${((Date.now() - since) / 1000).toFixed(0)} s`)
    }, pollMs)
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'finding') {
        report.findings.push(message.finding)
        options.onFinding?.(message.finding)
      }
      else if (message.type === 'progress') {
        report.bytes += message.bytes
        report.ms += message.ms
        report.inputs += message.done
        report.worst = worseOf(report.worst, message.worst)
        options.onProgress?.(report)
      } else {
        finished = true
        clearInterval(watchdog)
        void worker.terminate().then(() => resolve(options.count))
      }
    })
    worker.on('error', (error) => stop('throw', `the worker died: ${error.message}`))
    worker.on('exit', (code) => stop('throw', `the worker exited (code ${code})`))
  })
}
