/**
 * Smoke test of `npm run bench -- --quick`: the command runs and writes every
 * expected figure as a positive number, the site suites included (at the
 * smallest size: one generated document, one run). It checks that the
 * benchmark works, never how fast anything is. Sphinx figures are expected
 * only where `sphinx-build` is installed, docutils figures only where docutils is.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { archiveRowNames } from '../../scripts/bench/archive.ts'
import { pathologicalInputs } from '../../scripts/bench/inputs.ts'
import { pageTypes } from '../../scripts/bench/page-weight.ts'
import type { BenchResults } from '../../scripts/bench/results.ts'
import { findSphinx } from '../../scripts/bench/sphinx.ts'
import { docutilsAvailable } from '../../scripts/conformance/docutils.ts'
import { pathologicalRecordsInputs } from '../../scripts/bench/records.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const docutils = await docutilsAvailable()
if (!docutils.ok) console.warn(`bench smoke: docutils figures not expected: ${docutils.reason}`)
const sphinx = await findSphinx()
if (!sphinx.ok) console.warn(`bench smoke: Sphinx figures not expected: ${sphinx.reason}`)

/** The size quick mode builds. */
const size = '1 doc'

/** Figures every quick run must produce, by suite. */
const expected: Array<[string, string, string]> = [
  ['strata', 'parse (fromRst)', 'MB/s'],
  ['strata', 'parse+render to HTML', 'MB/s'],
  ['strata', 'parse+records (extractRecords)', 'MB/s'],
  ...Object.keys(pathologicalRecordsInputs).map((name): [string, string, string] => ['pathological', name, 'ms']),
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
  ['site build', `strata: build, ${size}`, 's'],
  ['site build', `strata: ms per document, ${size}`, 'ms'],
  ['site build', `strata: peak memory, ${size}`, 'MB'],
  ...(sphinx.ok
    ? ([
        ['site build', `sphinx: build, ${size}`, 's'],
        ['site build', `sphinx: ms per document, ${size}`, 'ms'],
        ['site build', `sphinx: peak memory, ${size}`, 'MB'],
        ['site build', `strata ÷ sphinx time, ${size}`, 'x'],
        ['site build', `strata ÷ sphinx peak memory, ${size}`, 'x'],
        ['search', `sphinx: searchindex.js, raw, ${size}`, 'kB'],
        ['search', `sphinx: searchindex.js, gzip, ${size}`, 'kB'],
      ] as Array<[string, string, string]>)
    : []),
  ['incremental', `change one patch → strata build (full rebuild), ${size}`, 's'],
  ['incremental', `change one patch → astro build, cache kept, ${size}`, 's'],
  ['incremental', `full rebuild after a change ÷ full build, ${size}`, 'x'],
  ['incremental', `kept-cache rebuild after a change ÷ full build, ${size}`, 'x'],
  ['incremental', `change one patch → dev server shows it, ${size}`, 's'],
  ['incremental', `dev server update after a change ÷ full build, ${size}`, 'x'],
  ['search', `strata: index per version, raw, ${size}`, 'kB'],
  ['search', `strata: index per version, gzip, ${size}`, 'kB'],
  ['search', `strata: index all versions, raw, ${size}`, 'kB'],
  ['search', `strata: index all versions, gzip, ${size}`, 'kB'],
  ['search', `strata: index all versions, head only, gzip, ${size}`, 'kB'],
  ['search', `chromium: first query, fetch and answer (largest version index), ${size}`, 'ms'],
  ['search', `chromium: query p50 (50 queries, largest version index), ${size}`, 'ms'],
  ['search', `chromium: query p95 (50 queries, largest version index), ${size}`, 'ms'],
  ['search', `chromium: first query, fetch and answer (all versions), ${size}`, 'ms'],
  ['search', `chromium: query p50 (50 queries, all versions), ${size}`, 'ms'],
  ['search', `chromium: query p95 (50 queries, all versions), ${size}`, 'ms'],
  ['search', `chromium: first query loads, gzip (all versions), ${size}`, 'kB'],
  ['search', `chromium: one query from cold loads, gzip (50 queries, all versions), ${size}`, 'kB'],
  ...pageTypes.flatMap(({ type }) =>
    (['HTML', 'CSS', 'JS'] as const).map((kind): [string, string, string] => ['page weight', `${type} page: ${kind} (gzip), ${size}`, 'kB']),
  ),
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
  }, 600_000)

  afterAll(async () => {
    if (directory) await rm(directory, { recursive: true, force: true })
  })

  it('writes a results file describing the run', () => {
    expect(results).toMatchObject({ version: 1, quick: true, runs: 1, sizes: ['1'] })
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

  it('has no figure it did not expect, and no failed one', () => {
    // The archive suite counts outcomes, and a count may be zero: its own test checks them.
    const known = new Set([...expected.map(([suite, name]) => `${suite} / ${name}`), ...archiveRowNames.map((name) => `archive text / ${name}`)])
    const failed = results.rows.filter((row) => row.error && known.has(`${row.suite} / ${row.name}`))
    expect(failed.map((row) => `${row.suite} / ${row.name}: ${row.error}`)).toEqual([])
    const unexpected = results.rows.filter((row) => !row.error && !known.has(`${row.suite} / ${row.name}`))
    expect(unexpected.map((row) => `${row.suite} / ${row.name}`)).toEqual([])
  })

  it('prints the figures as a table', () => {
    expect(stdout).toMatch(/^suite\s+figure\s+median\s+min\s+max\s+unit\s+runs$/m)
  })
})
