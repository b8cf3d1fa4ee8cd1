/**
 * `strata apply --out` checks that the output folder can be created and
 * written before anything is written, one level at a time (Node's recursive
 * mkdir never returns under /proc), and reports the OS error as a diagnostic.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeWritableFolder } from '../../src/lib/folders.ts'
import { runCli } from '../helpers/cli.ts'
import { corpus } from '../helpers/paths.ts'

const scratch = mkdtempSync(path.join(tmpdir(), 'strata-output-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Apply the real patch to the real base, writing to `out`. */
const applyTo = (out: string) => runCli(['apply', '--base', corpus.highmem, '--out', out, corpus.mail])

/** The diagnostic lines, with no stack frame among them. */
function diagnostic(stderr: string): string {
  expect(stderr).not.toMatch(/\n\s+at |Error:/)
  return stderr.trim()
}

describe('strata apply --out reports a folder it cannot create or write', () => {
  it('fails at once under /proc, naming the level that cannot be made', async () => {
    const { code, stderr } = await applyTo('/proc/nope/o.rst')
    expect(code).toBe(1)
    expect(diagnostic(stderr)).toBe(
      '/proc/nope/o.rst:1:1: error: cannot create `/proc/nope`: cannot be created there (ENOENT); nothing was written [strata:apply:unwritable-output]',
    )
  })

  it('names the file in the way of a folder (ENOTDIR), and leaves it alone', async () => {
    const file = path.join(scratch, 'a-file')
    writeFileSync(file, 'keep\n')
    const { code, stderr } = await applyTo(path.join(file, 'x/o.rst'))
    expect(code).toBe(1)
    expect(diagnostic(stderr)).toMatch(new RegExp(`error: cannot create \`${file}\`: a file is in the way \\(ENOTDIR\\); nothing was written`))
    expect(readFileSync(file, 'utf8')).toBe('keep\n')
  })

  it('reports a folder standing where the file goes (EISDIR) and a file system that refuses (EPERM)', async () => {
    const taken = path.join(scratch, 'taken.rst')
    mkdirSync(taken)
    const folderInPlace = await applyTo(taken)
    expect(folderInPlace.code).toBe(1)
    expect(diagnostic(folderInPlace.stderr)).toMatch(/error: cannot write `[^`]*taken\.rst`: a folder is in the way \(EISDIR\)/)
    expect(existsSync(path.join(scratch, `.taken.rst.strata-${process.pid}.tmp`))).toBe(false)

    const refused = await applyTo('/sys/strata-nope/o.rst')
    expect(refused.code).toBe(1)
    expect(diagnostic(refused.stderr)).toMatch(/error: cannot create `\/sys\/strata-nope`: operation not permitted \(EPERM\)/)
  })

  it('creates missing levels one at a time and writes the result', async () => {
    const out = path.join(scratch, 'new/deep/er/o.rst')
    const { code, stderr } = await applyTo(out)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('kmap_local_page()')
    expect(await makeWritableFolder(path.dirname(out))).toBeUndefined()
  })
})
