/**
 * The constructs docutils' own functional tests exercise (issue 17), one
 * fixture each in `fixtures/docutils-functional/`: every fixture must match
 * docutils block for block and link for link (each reference's resolved
 * target), with no warning docutils does not give. Fails, never skips,
 * when `/usr/bin/python3` cannot import docutils.
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { docutilsAvailable } from '../../scripts/conformance/docutils.ts'
import { formatDifference, formatSummary } from '../../scripts/conformance/report.ts'
import { runConformance, type RunResult } from '../../scripts/conformance/run.ts'

const folder = fileURLToPath(new URL('./fixtures/docutils-functional/', import.meta.url))
const names = readdirSync(folder).filter((name) => name.endsWith('.rst')).sort()

/** Fixtures whose point is links: each must compare some. */
const withLinks = ['anonymous-links.rst', 'duplicate-names.rst', 'text-runs.rst', 'footnote-names.rst', 'images-and-literals.rst', 'standalone-uris.rst', 'target-escapes.rst']

describe('docutils functional constructs', () => {
  let result: RunResult

  beforeAll(async () => {
    const available = await docutilsAvailable()
    expect(available.ok, available.ok ? '' : available.reason).toBe(true)
    result = await runConformance({ files: names.map((name) => folder + name), base: folder })
  })

  it('has a fixture for each construct', () => {
    expect(names.length).toBeGreaterThanOrEqual(12)
  })

  it.each(names)('%s matches docutils, links and warnings included', (name) => {
    const found = result.files.find((file) => file.path === name)!
    const message = [formatSummary(name, found.comparison), ...found.errors, ...found.comparison.differences.map((d) => formatDifference(name, d))].join('\n')
    expect(found.errors, message).toEqual([])
    expect(found.comparison.score, message).toBe(100)
    expect(found.comparison.falseWarnings, message).toBe(0)
    if (withLinks.includes(name)) expect(found.comparison.links.expected, message).toBeGreaterThan(0)
  })
})
