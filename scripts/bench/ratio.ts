/**
 * How many times faster (or slower, below 1) Strata's parse+render is than
 * docutils, from the rows the earlier suites measured. Ratios are of medians;
 * min and max pair Strata's slowest with docutils' fastest run and the
 * reverse, so the range is the widest the runs allow.
 */
import type { BenchRow, Suite } from './suite.ts'

/** Ratio rows: Strata parse+render ÷ each docutils rendering figure. */
export const ratioSuite: Suite = {
  name: 'ratio',
  async run(context) {
    const find = (suite: string, name: string) =>
      context.previous.find((row) => row.suite === suite && row.name === name && !row.error)
    const strata = find('strata', 'parse+render to HTML')
    const rows: BenchRow[] = []
    for (const name of ['render to HTML, in process', 'render to HTML, process per file']) {
      const docutils = find('docutils', name)
      const figure = `strata ÷ docutils (${name.replace('render to HTML, ', '')})`
      if (!strata || !docutils) {
        rows.push({ suite: 'ratio', name: figure, unit: 'x', median: 0, min: 0, max: 0, runs: 0, error: 'a figure it needs is missing' })
        continue
      }
      rows.push({
        suite: 'ratio',
        name: figure,
        unit: 'x',
        median: strata.median / docutils.median,
        min: strata.min / docutils.max,
        max: strata.max / docutils.min,
        runs: Math.min(strata.runs, docutils.runs),
      })
    }
    return rows
  },
}
