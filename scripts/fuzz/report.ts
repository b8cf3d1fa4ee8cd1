/** What a fuzz run found, and how it is printed. */
import type { Stage } from './inputs.ts'

/** One input that threw, hung, was slow or escaped. */
export interface Finding {
  kind: 'throw' | 'hang' | 'slow' | 'escape'
  /** The input's index: `npm run fuzz -- --seed S --stage X --dump INDEX` prints it. */
  index: number
  detail: string
  bytes?: number
  ms?: number
}

/** Messages from a worker to the supervisor. */
export type WorkerMessage =
  | { type: 'finding'; finding: Finding }
  | { type: 'progress'; done: number; bytes: number; ms: number; worst?: Worst }
  | { type: 'done' }

/**
 * The input of a run with the most CPU per byte among the large ones (the
 * pathological inputs, 100 kB and up): how far the stage is from the linear
 * budget where it is hardest pressed. Small inputs are left out, as their
 * time is mostly timer and collector noise.
 */
export interface Worst {
  index: number
  /** Seconds of CPU per MB. */
  secondsPerMb: number
}

/** Inputs at least this large count for `Worst`. */
export const largeInput = 100_000

/** The worse of two. */
export function worseOf(a: Worst | undefined, b: Worst | undefined): Worst | undefined {
  if (!a || !b) return a ?? b
  return b.secondsPerMb > a.secondsPerMb ? b : a
}

export interface StageReport {
  stage: Stage
  seed: number
  inputs: number
  bytes: number
  /** Time spent running inputs (the fastest run of any retried one). */
  ms: number
  findings: Finding[]
  worst?: Worst
}

/** How many findings of each kind. */
export function countsOf(report: StageReport): Record<Finding['kind'], number> {
  const counts = { throw: 0, hang: 0, slow: 0, escape: 0 }
  for (const finding of report.findings) counts[finding.kind]++
  return counts
}

/** One line per stage, then each finding (the first few of each kind). */
export function formatReport(reports: readonly StageReport[], shown = 10): string {
  const lines = ['stage    inputs      MB   seconds  throws  hangs  slow  escapes  worst s/MB (input)']
  for (const report of reports) {
    const counts = countsOf(report)
    lines.push(
      [
        report.stage.padEnd(7),
        String(report.inputs).padStart(7),
        (report.bytes / 1e6).toFixed(1).padStart(7),
        (report.ms / 1000).toFixed(1).padStart(9),
        String(counts.throw).padStart(7),
        String(counts.hang).padStart(6),
        String(counts.slow).padStart(5),
        String(counts.escape).padStart(8),
        report.worst ? `${report.worst.secondsPerMb.toFixed(2).padStart(11)} (#${report.worst.index})` : '          -',
      ].join(' '),
    )
  }
  for (const report of reports) {
    for (const kind of ['throw', 'hang', 'slow', 'escape'] as const) {
      const found = report.findings.filter((finding) => finding.kind === kind)
      for (const finding of found.slice(0, shown)) lines.push(`${report.stage} #${finding.index} (seed ${report.seed}): ${kind}: ${finding.detail}`)
      if (found.length > shown) lines.push(`${report.stage}: … and ${found.length - shown} more ${kind} findings`)
    }
  }
  return lines.join('\n') + '\n'
}
