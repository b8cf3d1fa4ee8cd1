/**
 * Smoke test of `npm run bench -- --quick`: the command runs and writes every
 * expected figure as a positive number. It checks that the benchmark works,
 * never how fast anything is.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pathologicalInputs } from '../../scripts/bench/inputs.ts'
import type { BenchResults } from '../../scripts/bench/results.ts'
import { docutilsAvailable } from '../../scripts/conformance/docutils.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const docutils = await docutilsAvailable()
if (!docutils.ok) console.warn(`bench smoke: docutils figures not expected: ${docutils.reason}`)

/** Figures every quick run must produce, by suite. */
const expected: Array<[string, string, string]> = [
  ['strata', 'parse (fromRst)', 'MB/s'],
  ['strata', 'parse+render to HTML', 'MB/s'],
  ...(docutils.ok
    ? ([
        ['docutils', 'render to HTML, process per file', 'MB/s'],
        ['docutils', 'render to HTML, in process', 'MB/s'],
        ['docutils', 'process start-up (empty document)', 'ms'],
        ['ratio', 'strata ÷ docutils (in process)', 'x'],
        ['ratio', 'strata ÷ docutils (process per file)', 'x'],
      ] as Array<[string, string, string]>)
    : []),
  ...Object.keys(pathologicalInputs).map((name): [string, string, string] => ['pathological', `parse ${name}`, 'ms']),
]

describe('npm run bench -- --quick', () => {
  let directory: string
  let results: BenchResults
  let stdout: string

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'strata-bench-test-'))
    const out = path.join(directory, 'results.json')
    const run = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'scripts/bin/run-ts.mjs'), path.join(root, 'scripts/bench/index.ts'), '--quick', '--quiet', '--out', out],
      { cwd: root, maxBuffer: 1 << 24 },
    )
    stdout = run.stdout
    results = JSON.parse(await readFile(out, 'utf8')) as BenchResults
  }, 300_000)

  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true })
  })

  it('writes a results file describing the run', () => {
    expect(results).toMatchObject({ version: 1, quick: true, runs: 1 })
    expect(results.corpus.files).toBeGreaterThan(0)
    expect(results.corpus.bytes).toBeGreaterThan(0)
  })

  it.each(expected)('has %s / %s in %s, a positive number', (suite, name, unit) => {
    const row = results.rows.find((candidate) => candidate.suite === suite && candidate.name === name)
    expect(row, `no row ${suite} / ${name}`).toBeDefined()
    expect(row!.error, `${suite} / ${name} failed`).toBeUndefined()
    expect(row!.unit).toBe(unit)
    expect(row!.runs).toBeGreaterThan(0)
    for (const figure of [row!.median, row!.min, row!.max]) {
      expect(Number.isFinite(figure) && figure > 0, `${suite} / ${name}: ${figure}`).toBe(true)
    }
    expect(row!.min).toBeLessThanOrEqual(row!.median)
    expect(row!.median).toBeLessThanOrEqual(row!.max)
  })

  it('prints the figures as a table', () => {
    expect(stdout).toMatch(/^suite\s+figure\s+median\s+min\s+max\s+unit\s+runs$/m)
  })
})
