/**
 * Run a command and measure its wall time and the peak memory of its whole
 * process tree (`strata build` spawns Astro; `sphinx-build` may fork).
 *
 * Memory: every 50 ms the runner sums `VmRSS` over the child and all its
 * descendants (from `/proc/<pid>/stat`'s parent ids); the peak of those sums
 * is the figure. It can miss a spike shorter than the interval, so it is
 * also at least the largest `VmHWM` (a process's own high-water mark) seen
 * on any one process. `/usr/bin/time -v` would give only the largest single
 * process's peak, not the tree's sum. On a system without `/proc` the figure
 * is 0 (the smoke test would then fail, on purpose).
 */
import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'

/** Result of a measured run. */
export interface TreeRun {
  /** Wall time, milliseconds. */
  ms: number
  /** Peak resident memory of the process tree, bytes. */
  peakBytes: number
  /** Exit status. */
  code: number
  /** The last lines of stderr and stdout, for error messages. */
  tail: string
}

/** Poll interval, milliseconds. */
const interval = 50

/**
 * Parent of every process, from `/proc/<pid>/stat`.
 *
 * @returns
 *   Map from pid to parent pid.
 */
async function parents(): Promise<Map<number, number>> {
  const map = new Map<number, number>()
  const entries = await readdir('/proc').catch(() => [] as string[])
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
        // The command name is in parentheses and may hold spaces: read after the last `)`.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        if (fields.length > 2) map.set(Number(entry), Number(fields[1]))
      }),
  )
  return map
}

/**
 * `VmRSS` and `VmHWM` of one process, in bytes.
 *
 * @returns
 *   Both figures (0 when the process is gone).
 */
async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
  return { rss: field('VmRSS'), hwm: field('VmHWM') }
}

/**
 * The pid and its descendants.
 *
 * @returns
 *   Pids of the tree.
 */
function tree(root: number, parentOf: Map<number, number>): number[] {
  const children = new Map<number, number[]>()
  for (const [pid, parent] of parentOf) children.set(parent, [...(children.get(parent) ?? []), pid])
  const pids = [root]
  for (let at = 0; at < pids.length; at++) pids.push(...(children.get(pids[at]) ?? []))
  return pids
}

/**
 * Run a command to completion, measuring time and peak tree memory.
 *
 * @param command
 *   Executable.
 * @param args
 *   Arguments.
 * @param options
 *   Working directory and environment.
 * @returns
 *   Time, memory, exit status and output tail (never rejects for a non-zero exit).
 */
export async function runMeasured(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TreeRun> {
  const start = performance.now()
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  let peakBytes = 0
  let running = true
  const closed = new Promise<number>((resolve) => {
    child.on('error', (error) => {
      output += String(error)
      resolve(127)
    })
    child.on('close', (code) => resolve(code ?? 1))
  })
  const poll = (async () => {
    while (running && child.pid) {
      const pids = tree(child.pid, await parents())
      const figures = await Promise.all(pids.map(memoryOf))
      const sum = figures.reduce((total, figure) => total + figure.rss, 0)
      peakBytes = Math.max(peakBytes, sum, ...figures.map((figure) => figure.hwm))
      await new Promise((resolve) => setTimeout(resolve, interval))
    }
  })()
  const code = await closed
  const ms = performance.now() - start
  running = false
  await poll
  return { ms, peakBytes, code, tail: output.trim().split('\n').slice(-8).join('\n') }
}
