/**
 * The fuzz loop inside a worker thread: make each input, run it, time it,
 * and tell the supervisor what it found. Before each input the worker
 * publishes its index in shared memory, so the supervisor can see one that
 * never ends and stop the thread (a synchronous hang cannot be timed from
 * inside).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { loadCorpus, type Stage } from './inputs.ts'
import { largeInput, worseOf, type Finding, type Worst, type WorkerMessage } from './report.ts'
import { createSandbox } from './sandbox.ts'
import { stageRunner } from './stages.ts'

export interface WorkerData {
  stage: Stage
  seed: number
  /** First index to run, and one past the last. */
  from: number
  to: number
  /** The sandbox folder (empty or left by a stopped worker). */
  root: string
  shared: string
  /** Shared memory: [index running, 1 while running]. */
  state: SharedArrayBuffer
  /** Inputs faster than this are never slow (timer and collector noise). */
  floorMs: number
  /** CPU per MB above which an input is slow. */
  msPerMb: number
}

const data = workerData as WorkerData
const msPerByte = data.msPerMb / 1_000_000
const state = new Int32Array(data.state)
const corpus = loadCorpus(data.shared)
const box = createSandbox(data.root, corpus)
const runner = stageRunner(data.stage, corpus, box, data.seed)
const post = (message: WorkerMessage) => parentPort!.postMessage(message)

/** Run one input and time it; an input over budget is run twice more and its fastest time kept. */
async function timed(index: number): Promise<{ ms: number; bytes: number; escapes: string[]; failures: string[] }> {
  const input = runner.input(index)
  const outcome = await runner.run(input)
  let ms = outcome.ms
  const budget = (bytes: number) => Math.max(data.floorMs, bytes * msPerByte)
  for (let retry = 0; retry < 2 && ms > budget(outcome.bytes); retry++) ms = Math.min(ms, (await runner.run(input)).ms)
  return { ms, bytes: outcome.bytes, escapes: outcome.escapes, failures: outcome.failures ?? [] }
}

// One untimed run first: the stage's modules load and compile on first use
// (some only import on demand), and that is start-up, not the input's cost.
// It runs the first input, under the watchdog like the others; any finding
// is left to the timed run of the same input below.
Atomics.store(state, 0, data.from)
Atomics.store(state, 1, 1)
try {
  if (data.from < data.to) await runner.run(runner.input(data.from))
} catch {
  // The timed run reports it.
}
Atomics.store(state, 1, 0)

let bytes = 0
let ms = 0
let done = 0
let worst: Worst | undefined
for (let index = data.from; index < data.to; index++) {
  Atomics.store(state, 0, index)
  Atomics.store(state, 1, 1)
  const finding = (kind: Finding['kind'], detail: string, extra: Partial<Finding> = {}) => post({ type: 'finding', finding: { kind, index, detail, ...extra } })
  try {
    const result = await timed(index)
    bytes += result.bytes
    ms += result.ms
    if (result.bytes >= largeInput) worst = worseOf(worst, { index, secondsPerMb: (result.ms / result.bytes) * 1000 })
    for (const escape of result.escapes) finding('escape', escape, { bytes: result.bytes })
    for (const failure of result.failures) finding('throw', failure, { bytes: result.bytes })
    if (result.ms > Math.max(data.floorMs, result.bytes * msPerByte)) {
      finding('slow', `${result.ms.toFixed(0)} ms of CPU for ${result.bytes} bytes (${((result.ms / result.bytes) * 1000).toFixed(2)} s per MB)`, { bytes: result.bytes, ms: result.ms })
    }
  } catch (error) {
    finding('throw', error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error))
  }
  Atomics.store(state, 1, 0)
  done++
  if (done === 200) {
    post({ type: 'progress', done, bytes, ms, worst })
    ;[done, bytes, ms, worst] = [0, 0, 0, undefined]
  }
}
post({ type: 'progress', done, bytes, ms, worst })
post({ type: 'done' })
