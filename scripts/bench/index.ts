/**
 * `npm run bench`: parser and site benchmarks, printed as a table (median of
 * several runs, with min and max) and written to `bench/results.json`.
 *
 * Usage: npm run bench -- [--quick] [--quiet] [--runs N] [--out FILE] [--corpus DIR] [--python PATH]
 *                         [--sizes 1,shared,100,1000] [--suites NAME,…] [--keep]
 *
 * `--quick` does one run on the first three corpus files with small
 * pathological inputs, and site builds at the smallest size only (the CI
 * smoke test); the default is 5 runs on the whole corpus with 1 MB
 * pathological inputs, and site builds at every size (at most 3 runs, 1 at
 * 1,000 documents). `--sizes` picks the site sizes; `--suites` runs only
 * the suites named (`search` alone builds the Strata sites it measures, and
 * no Sphinx site); `--keep` leaves the
 * generated corpora and built sites in the scratch folder it names. Progress
 * goes to stderr unless `--quiet` or `CI`. Suites run in order and each sees
 * the rows before it; add a suite to `suites` to benchmark something new.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { defaultCorpus, findRstFiles, projectRoot } from '../conformance/corpus.ts'
import { defaultPython } from '../conformance/docutils.ts'
import { archiveSuite } from './archive.ts'
import { docutilsSuite } from './docutils.ts'
import { parseSuite } from './parse.ts'
import { pathologicalSuite } from './pathological.ts'
import { ratioSuite } from './ratio.ts'
import { recordsSuite } from './records.ts'
import { makeResults, writeResults } from './results.ts'
import { failedRow, type BenchContext, type BenchRow, type Suite } from './suite.ts'
import { incrementalSuite } from './incremental.ts'
import { pageWeightSuite } from './page-weight.ts'
import { searchSuite } from './search.ts'
import { siteSuite } from './site.ts'
import { formatTable } from './table.ts'
import { createWorkspace, disposeWorkspace, parseSizes } from './workspace.ts'

/** Suites in the order they run (search and page weight read the sites the site suite built). */
const suites: Suite[] = [parseSuite, recordsSuite, docutilsSuite, ratioSuite, pathologicalSuite, archiveSuite, siteSuite, incrementalSuite, searchSuite, pageWeightSuite]

/** Files measured in quick mode. */
const quickFiles = 3

/**
 * Run the command.
 *
 * @param argv
 *   Arguments after the script.
 * @returns
 *   Exit code: 0, or 2 on bad flags. A figure that fails is an error row, not
 *   an exit code: the table is still worth having.
 */
async function main(argv: string[]): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean' },
        quiet: { type: 'boolean' },
        runs: { type: 'string' },
        out: { type: 'string' },
        corpus: { type: 'string' },
        python: { type: 'string' },
        sizes: { type: 'string' },
        suites: { type: 'string' },
        keep: { type: 'boolean' },
      },
    }).values
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`)
    return 2
  }
  const quick = values.quick ?? false
  const runs = Number(values.runs ?? (quick ? 1 : 5))
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write(`bench: --runs must be a positive whole number, got ${values.runs}\n`)
    return 2
  }
  const sizes = parseSizes(values.sizes, quick)
  if (typeof sizes === 'string') {
    process.stderr.write(`bench: ${sizes}\n`)
    return 2
  }
  const chosenSuites = values.suites?.split(',').map((name) => name.trim()).filter(Boolean)
  const unknownSuites = chosenSuites?.filter((name) => !suites.some((suite) => suite.name === name)) ?? []
  if (unknownSuites.length > 0 || chosenSuites?.length === 0) {
    process.stderr.write(`bench: --suites takes ${suites.map((suite) => suite.name).join(',')} (any of them), got ${values.suites}\n`)
    return 2
  }
  const quiet = (values.quiet ?? false) || Boolean(process.env.CI)
  const out = path.resolve(values.out ?? path.join(projectRoot, 'bench/results.json'))
  const paths = await findRstFiles(path.resolve(values.corpus ?? defaultCorpus))
  const chosen = quick ? paths.slice(0, quickFiles) : paths
  const corpus = await Promise.all(
    chosen.map(async (file) => ({ path: file, text: (await readFile(file, 'utf8')).replace(/^\uFEFF/, '') })),
  )
  const bytes = corpus.reduce((total, file) => total + Buffer.byteLength(file.text), 0)
  const log = quiet ? () => {} : (message: string) => process.stderr.write(`bench: ${message}\n`)
  log(`${corpus.length} files, ${(bytes / 1e3).toFixed(0)} kB, ${runs} run${runs === 1 ? '' : 's'}${quick ? ' (quick)' : ''}`)

  const workspace = await createWorkspace(sizes)
  const rows: BenchRow[] = []
  try {
    for (const suite of suites.filter((each) => !chosenSuites || chosenSuites.includes(each.name))) {
      const context: BenchContext = { quick, runs, corpus, python: values.python ?? defaultPython, log, previous: rows, workspace }
      try {
        rows.push(...(await suite.run(context)))
      } catch (error) {
        rows.push(failedRow(suite.name, 'suite', 'ms', error))
      }
      // Written after every suite too, so a long run stopped part way keeps what it measured.
      await writeResults(out, makeResults(rows, { quick, runs, sizes, files: corpus.length, bytes }))
    }
  } finally {
    if (values.keep) log(`corpora and sites kept in ${workspace.root}`)
    else await disposeWorkspace(workspace)
  }
  const results = makeResults(rows, { quick, runs, sizes, files: corpus.length, bytes })
  await writeResults(out, results)
  process.stdout.write(formatTable(rows))
  process.stdout.write(`\n${results.cpu}, load ${results.load.toFixed(1)}, node ${results.node}\n`)
  log(`results written to ${path.relative(process.cwd(), out) || out}`)
  return 0
}

process.exitCode = await main(process.argv.slice(2))
