/**
 * `strata read` through the real dispatcher, and once through the bin script.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.ts'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

const run = (...argv: string[]) => runCli(argv)

describe('strata read', () => {
  it('prints the seed as a JSON array', async () => {
    const { code, stdout, stderr } = await run('read', '../shared/seeds/000_42b78d77d17fb680.txt')
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const patches = JSON.parse(stdout)
    expect(patches).toHaveLength(1)
    expect(patches[0]).toMatchObject({ format: 'archive', date: '2022-12-06T02:00:42-05:00', path: '../shared/seeds/000_42b78d77d17fb680.txt' })
    expect(patches[0].files[0].hunks).toHaveLength(3)
  })

  it('groups an mbox into series with --series', async () => {
    const { code, stdout } = await run('read', '--series', 'tests/fixtures/patches/series-v2.mbox')
    expect(code).toBe(0)
    const series = JSON.parse(stdout)
    expect(series).toHaveLength(1)
    expect(series[0].revision).toBe(2)
    expect(series[0].cover.series.number).toBe(0)
    expect(series[0].patches.map((patch: { series: { number: number } }) => patch.series.number)).toEqual([1, 2])
  })

  it('forces a format with --format', async () => {
    const { code, stdout } = await run('read', '--format', 'diff', 'tests/fixtures/patches/limits-intact.patch')
    expect(code).toBe(0)
    expect(JSON.parse(stdout)[0].format).toBe('diff')
  })

  it('exits 1 with a located error for a truncated hunk, still printing what it read', async () => {
    const { code, stdout, stderr } = await run('read', 'tests/fixtures/patches/truncated.patch', '--diagnostics', 'gnu')
    expect(code).toBe(1)
    expect(stderr).toContain('tests/fixtures/patches/truncated.patch:5:1: error: Hunk `@@ -1,5 +1,5 @@ Widgets` is truncated')
    expect(JSON.parse(stdout)[0].files[0].hunks).toHaveLength(2)
  })

  it('exits 1 with no output when the file holds no diff', async () => {
    const { code, stdout, stderr } = await run('read', 'tests/fixtures/patches/no-diff.eml')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain('tests/fixtures/patches/no-diff.eml')
    expect(stderr).toMatch(/1:1\s+error\s+No diff in/)
  })

  it('exits 1 when the file does not exist', async () => {
    const { code, stderr } = await run('read', 'tests/fixtures/patches/missing.patch')
    expect(code).toBe(1)
    expect(stderr).toContain('ENOENT')
  })

  it('exits 2 on usage mistakes', async () => {
    expect((await run('read')).code).toBe(2)
    const bad = await run('read', '--format', 'pdf', 'x.patch')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('unknown format `pdf`')
  })

  it('works from the bin script', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['scripts/bin/strata.mjs', 'read', '../shared/seeds/000_42b78d77d17fb680.txt'],
      { cwd: repoRoot },
    )
    expect(JSON.parse(stdout)[0].subject).toBe('mm/highmem: Add notes about conversions from kmap{,_atomic}()')
  })
})
