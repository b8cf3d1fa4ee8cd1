/**
 * Acceptance: Strata's parser gives the same normalised outline as docutils
 * on every corpus file (100% per file): blocks, links (each reference's
 * resolved target) and no warning where docutils gives none. The failure
 * lists the differences. Fails, never skips, when `/usr/bin/python3` cannot
 * import docutils (a skipped test in CI is a failure).
 */
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultCorpus, findRstFiles } from '../../scripts/conformance/corpus.ts'
import { docutilsAvailable } from '../../scripts/conformance/docutils.ts'
import { formatDifference, formatSummary } from '../../scripts/conformance/report.ts'
import { runConformance, type RunResult } from '../../scripts/conformance/run.ts'

const files = await findRstFiles(defaultCorpus)

/** Differences shown in a failure message. */
const shown = 25

describe('parser conformance with docutils (corpus)', () => {
  let result: RunResult

  beforeAll(async () => {
    const available = await docutilsAvailable()
    expect(available.ok, available.ok ? '' : available.reason).toBe(true)
    result = await runConformance({ files, base: defaultCorpus })
  })

  it('finds corpus files', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  it.each(files.map((file) => path.relative(defaultCorpus, file)))('%s matches docutils block for block', (shownPath) => {
    const found = result.files.find((file) => file.path === shownPath)!
    const { comparison, errors } = found
    const message = [
      formatSummary(shownPath, comparison),
      ...errors.map((error) => `error: ${error.split('\n')[0]}`),
      ...comparison.differences.slice(0, shown).map((difference) => formatDifference(shownPath, difference)),
      comparison.differences.length > shown ? `… ${comparison.differences.length - shown} more` : '',
    ].join('\n')
    expect(comparison.score, message).toBe(100)
    expect(comparison.falseWarnings, message).toBe(0)
  })

  it('compares links on the corpus', () => {
    expect(result.total.links.expected).toBeGreaterThan(0)
    expect(result.total.links.matched).toBe(result.total.links.expected)
  })
})
