/**
 * The archive benchmark's corpus, generated at run time from the shared
 * documents: the mangler does what the web archive did to the shared seed,
 * the edits are real format-patch diffs, and the outcomes are counted.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { archiveCases, evaluateCase, tally } from '../../scripts/bench/archive.ts'
import { archiveDate, formatPatchMail, mangleAsArchive } from '../../scripts/bench/archive-mangle.ts'
import { sandbox } from '../helpers/git.ts'
import { corpus } from '../helpers/paths.ts'

describe('the archive mangler', () => {
  it('turns the raw v1 mail into the shared seed, all but the time the archive stamped', () => {
    const seed = readFileSync(corpus.seed, 'utf8').split('\n')
    const mine = mangleAsArchive(readFileSync(corpus.mail, 'utf8')).split('\n')
    expect(mine.length).toBe(seed.length)
    expect(mine.filter((line, index) => line !== seed[index])).toEqual(['Date: Tue Dec 06 2022 - 02:00:29 EST'])
    expect(archiveDate('Tue,  6 Dec 2022 08:00:29 +0100')).toBe('Tue Dec 06 2022 - 02:00:29 EST')
  })
})

describe('the generated corpus', async () => {
  const cases = await archiveCases()

  it('has edits of every kind over the shared documents', () => {
    expect(cases.length).toBeGreaterThan(80)
    expect(new Set(cases.map((item) => item.kind))).toEqual(new Set(['paragraph', 'block', 'code']))
    expect(cases.filter((item) => item.kind === 'code').length).toBeGreaterThan(15)
  })

  it('makes patches git applies to the documents, with the blobs git computes', () => {
    for (const item of cases.filter((_, index) => index % 17 === 0)) {
      const { dir, git, write } = sandbox()
      write(item.path, item.before)
      write('edit.patch', formatPatchMail(item))
      git('apply', 'edit.patch')
      expect(readFileSync(path.join(dir, item.path), 'utf8')).toBe(item.after)
      const index = /^index ([0-9a-f]+)\.\.([0-9a-f]+)/m.exec(formatPatchMail(item))!
      expect(execFileSync('git', ['hash-object', item.path], { cwd: dir, encoding: 'utf8' }).startsWith(index[2])).toBe(true)
    }
  })

  it('comes back exact for most patches, by the rules or once the blob settles them', async () => {
    const results = []
    for (const item of cases) results.push(await evaluateCase(item))
    const counts = tally(results)
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(cases.length)
    // Both ways matter: rules that get most lines right, and a blob that settles the rest.
    expect(counts.exact).toBeGreaterThan(cases.length * 0.6)
    expect(counts.settled).toBeGreaterThan(0)
    expect((counts.exact + counts.settled) / cases.length).toBeGreaterThan(0.85)
    expect(counts.failed).toBeLessThanOrEqual(2)
  }, 120_000)
})
