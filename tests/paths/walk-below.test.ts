/**
 * The walk the parser's `include` and the applier's `--tree` share: it stops
 * at the first symbolic link, whether it is on the way or the last component,
 * and never follows one.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { walkBelow } from '../../src/paths/walk-below.ts'

const root = mkdtempSync(path.join(tmpdir(), 'strata-walk-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
mkdirSync(path.join(root, 'docs/mm'), { recursive: true })
writeFileSync(path.join(root, 'docs/mm/highmem.rst'), 'text\n')
symlinkSync('/etc', path.join(root, 'docs/out'))
symlinkSync('/etc/passwd', path.join(root, 'docs/mm/passwd.rst'))

describe('walkBelow', () => {
  it('is clear for a file below folders, and for a path that does not exist yet', () => {
    expect(walkBelow(root, ['docs', 'mm', 'highmem.rst'])).toEqual({ kind: 'clear' })
    expect(walkBelow(root, ['docs', 'new', 'file.rst'])).toEqual({ kind: 'clear' })
  })

  it('names the first link, on the way or at the end, as the components up to it', () => {
    expect(walkBelow(root, ['docs', 'out', 'passwd'])).toEqual({ kind: 'symlink', link: 'docs/out', last: false })
    expect(walkBelow(root, ['docs', 'mm', 'passwd.rst'])).toEqual({ kind: 'symlink', link: 'docs/mm/passwd.rst', last: true })
  })

  it('stops at a file where a folder should be, and says so of a component the system will not look at', () => {
    expect(walkBelow(root, ['docs', 'mm', 'highmem.rst', 'below'])).toEqual({ kind: 'clear' })
    expect(walkBelow(root, ['docs', 'x'.repeat(300)])).toEqual({ kind: 'unlookable', code: 'ENAMETOOLONG' })
  })
})
