/**
 * Whole-site builds, Strata against Sphinx, at each corpus size: wall
 * seconds, milliseconds per document, peak memory of the process tree, and
 * the ratio Strata ÷ Sphinx. `strata build` runs as a reader would run it
 * (`--quiet`, its own cache each time); `sphinx-build -b html` runs on the
 * same files with a fresh output and doctree folder each time (see
 * `sphinx.ts`). Runs per size: up to 3, one at 1,000 documents (a build
 * there takes minutes). The last site of each kind is kept for the search
 * and page-weight suites.
 */
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { projectRoot } from '../conformance/corpus.ts'
import { runMeasured, type TreeRun } from './process-tree.ts'
import { findSphinx, sphinxArguments } from './sphinx.ts'
import { summarise } from './stats.ts'
import { failedRow, type BenchContext, type BenchRow, type Suite } from './suite.ts'
import { corpusFor, sizeLabel, type SizeName } from './workspace.ts'

/** The CLI entry. */
export const strataBin = path.join(projectRoot, 'scripts/bin/strata.mjs')

/**
 * Runs of a site build at a size.
 *
 * @returns
 *   Count.
 */
export function siteRuns(context: BenchContext, size: SizeName): number {
  if (context.quick || size === '1000') return 1
  return Math.min(context.runs, 3)
}

/**
 * Run `strata build` once.
 *
 * @returns
 *   The measured run (rejects when the build fails).
 */
export async function strataBuild(content: string, out: string): Promise<TreeRun> {
  const run = await runMeasured(process.execPath, [strataBin, 'build', '--content', content, '--out', out, '--quiet'], {
    cwd: projectRoot,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  })
  if (run.code !== 0) throw new Error(`strata build exited with ${run.code}: ${run.tail}`)
  return run
}

/** Samples of one tool at one size. */
interface Samples {
  ms: number[]
  peak: number[]
}

/**
 * Rows of one tool at one size: seconds, ms per document, peak memory.
 *
 * @returns
 *   Three rows.
 */
function toolRows(tool: string, label: string, documents: number, samples: Samples, note?: string): BenchRow[] {
  return [
    { suite: 'site build', name: `${tool}: build, ${label}`, unit: 's', ...summarise(samples.ms.map((ms) => ms / 1000)), note },
    { suite: 'site build', name: `${tool}: ms per document, ${label}`, unit: 'ms', ...summarise(samples.ms.map((ms) => ms / documents)) },
    { suite: 'site build', name: `${tool}: peak memory, ${label}`, unit: 'MB', ...summarise(samples.peak.map((bytes) => bytes / 1e6)) },
  ]
}

/**
 * A ratio row of two figures: medians divided, range from opposite extremes.
 *
 * @returns
 *   Row.
 */
export function ratioRow(suite: string, name: string, top: BenchRow | undefined, bottom: BenchRow | undefined): BenchRow {
  if (!top || !bottom || top.error || bottom.error) {
    return { suite, name, unit: 'x', median: 0, min: 0, max: 0, runs: 0, error: 'a figure it needs is missing' }
  }
  return {
    suite,
    name,
    unit: 'x',
    median: top.median / bottom.median,
    min: top.min / bottom.max,
    max: top.max / bottom.min,
    runs: Math.min(top.runs, bottom.runs),
  }
}

/** Strata and Sphinx site builds by size. */
export const siteSuite: Suite = {
  name: 'site build',
  async run(context) {
    const { workspace } = context
    const sphinx = await findSphinx()
    const rows: BenchRow[] = []
    for (const size of workspace.sizes) {
      const corpus = await corpusFor(workspace, size)
      const documents = corpus.files.length
      const label = sizeLabel(size, documents)
      const runs = siteRuns(context, size)
      const runsNote = runs === 1 && !context.quick ? 'one run only at this size' : undefined

      const strata: Samples = { ms: [], peak: [] }
      try {
        const out = path.join(workspace.root, size, 'strata-site')
        for (let run = 0; run < runs; run++) {
          context.log(`site build: strata, ${label}, run ${run + 1} of ${runs}`)
          const result = await strataBuild(corpus.root, out)
          strata.ms.push(result.ms)
          strata.peak.push(result.peakBytes)
        }
        workspace.strataSites.set(size, out)
        rows.push(...toolRows('strata', label, documents, strata, runsNote))
      } catch (error) {
        for (const [name, unit] of [['build', 's'], ['ms per document', 'ms'], ['peak memory', 'MB']] as const) {
          rows.push(failedRow('site build', `strata: ${name}, ${label}`, unit, error))
        }
      }

      const sphinxSamples: Samples = { ms: [], peak: [] }
      try {
        if (!sphinx.ok) throw new Error(sphinx.reason)
        const out = path.join(workspace.root, size, 'sphinx-site')
        const doctrees = path.join(workspace.root, size, 'sphinx-doctrees')
        for (let run = 0; run < runs; run++) {
          context.log(`site build: sphinx, ${label}, run ${run + 1} of ${runs}`)
          await rm(out, { recursive: true, force: true })
          await rm(doctrees, { recursive: true, force: true })
          const result = await runMeasured(sphinx.command, sphinxArguments(path.join(corpus.root, 'Documentation'), out, doctrees))
          if (result.code !== 0) throw new Error(`sphinx-build exited with ${result.code}: ${result.tail}`)
          sphinxSamples.ms.push(result.ms)
          sphinxSamples.peak.push(result.peakBytes)
        }
        workspace.sphinxSites.set(size, out)
        // Sphinx also reads the generated index.rst: one document more than Strata.
        rows.push(...toolRows('sphinx', label, documents, sphinxSamples, `${sphinx.version}; serial, no kernel extensions`))
      } catch (error) {
        for (const [name, unit] of [['build', 's'], ['ms per document', 'ms'], ['peak memory', 'MB']] as const) {
          rows.push(failedRow('site build', `sphinx: ${name}, ${label}`, unit, error))
        }
      }

      const find = (name: string) => rows.find((row) => row.name === name)
      rows.push(ratioRow('site build', `strata ÷ sphinx time, ${label}`, find(`strata: build, ${label}`), find(`sphinx: build, ${label}`)))
      rows.push(
        ratioRow('site build', `strata ÷ sphinx peak memory, ${label}`, find(`strata: peak memory, ${label}`), find(`sphinx: peak memory, ${label}`)),
      )
    }
    if (workspace.sizes.includes('100') && workspace.sizes.includes('1000')) {
      const find = (name: string) => rows.find((row) => row.name === name)
      for (const tool of ['strata', 'sphinx']) {
        rows.push(
          ratioRow(
            'site build',
            `${tool}: ms per document, 1,000 ÷ 100 docs`,
            find(`${tool}: ms per document, ${sizeLabel('1000')}`),
            find(`${tool}: ms per document, ${sizeLabel('100')}`),
          ),
        )
      }
    }
    return rows
  },
}
