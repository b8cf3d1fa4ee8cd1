/**
 * `npm run fuzz`: hostile inputs through every stage, in process, under a
 * watchdog. Prints a table of inputs, throws, hangs, slow inputs (over 1 s
 * of the stage thread's CPU per MB, for inputs slower than the floor) and escapes (writes or reads
 * outside the tree), then each finding with the index that reproduces it.
 *
 * Usage: npm run fuzz -- [--seed S] [--count N] [--stage rst|patch|records|build|all]
 *                        [--hang-ms MS] [--floor-ms MS] [--dump INDEX] [--quiet]
 *
 * `--count` is per stage. `--dump INDEX` prints input INDEX of the stage
 * (with the same seed) instead of running anything: a reproducer. Exits 1
 * when anything was found.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { loadCorpus, stages, type Stage } from './inputs.ts'
import { countsOf, formatReport, type StageReport } from './report.ts'
import { createSandbox } from './sandbox.ts'
import { stageRunner } from './stages.ts'
import { fuzzStage, removeSandboxes } from './supervisor.ts'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url))

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string', default: '1' },
      count: { type: 'string', default: '1000' },
      stage: { type: 'string', default: 'all' },
      'hang-ms': { type: 'string' },
      'floor-ms': { type: 'string' },
      dump: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  })
  const seed = Number(values.seed)
  const count = Number(values.count)
  const chosen = values.stage === 'all' ? stages : stages.filter((stage) => stage === values.stage)
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 0 || chosen.length === 0) {
    process.stderr.write('usage: npm run fuzz -- [--seed S] [--count N] [--stage rst|patch|records|build|all] [--dump INDEX]\n')
    return 2
  }
  if (values.dump !== undefined) return dump(chosen[0], seed, Number(values.dump))
  const reports: StageReport[] = []
  for (const stage of chosen) {
    const started = Date.now()
    const report = await fuzzStage({
      stage,
      seed,
      count,
      shared,
      hangMs: values['hang-ms'] ? Number(values['hang-ms']) : undefined,
      floorMs: values['floor-ms'] ? Number(values['floor-ms']) : undefined,
      onFinding: (finding) => process.stderr.write(`\n${stage} #${finding.index} (seed ${seed}): ${finding.kind}: ${finding.detail.slice(0, 300)}\n`),
      onProgress: (progress) => {
        if (!values.quiet) process.stderr.write(`\r${stage}: ${progress.inputs}/${count} inputs, ${progress.findings.length} findings, ${((Date.now() - started) / 1000).toFixed(0)} s`)
      },
    })
    if (!values.quiet) process.stderr.write('\n')
    reports.push(report)
  }
  process.stdout.write(formatReport(reports))
  return reports.some((report) => Object.values(countsOf(report)).some((n) => n > 0)) ? 1 : 0
}

/** Print one input, as the stage makes it. */
function dump(stage: Stage, seed: number, index: number): number {
  const root = mkdtempSync(path.join(tmpdir(), 'strata-fuzz-dump-'))
  try {
    const corpus = loadCorpus(shared)
    const input = stageRunner(stage, corpus, createSandbox(root, corpus), seed).input(index)
    process.stdout.write(typeof input === 'string' ? input : JSON.stringify(input, null, 2) + '\n')
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
  return 0
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    removeSandboxes()
    process.exit(130)
  })
}
// `--dump 3 | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(0)
})
process.exitCode = await main(process.argv.slice(2))
