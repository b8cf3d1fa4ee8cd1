/**
 * `strata apply --base FILE` with a patch that touches several files: the
 * hunks of the file the base's path ends with are applied, the others named.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.ts'
import { formatPatch } from '../helpers/git.ts'
import { shared } from '../helpers/paths.ts'

const docs = path.join(shared, 'corpus/linux-docs')
const names = ['Documentation/mm/hmm.rst', 'Documentation/mm/slub.rst']
const [hmm, slub] = names.map((name) => readFileSync(path.join(docs, name), 'utf8'))

describe('strata apply --base with a patch over several files', () => {
  const after = {
    [names[0]]: hmm.replace('\n\n', '\n\nA sentence the patch adds to hmm.rst.\n\n'),
    [names[1]]: slub.replace('\n\n', '\n\nA sentence the patch adds to slub.rst.\n\n'),
    'mm/widget.c': 'int widget;\n',
  }
  const patch = formatPatch({ [names[0]]: hmm, [names[1]]: slub, 'mm/widget.c': '' }, after, 'mm: Touch two documents and a C file')

  it('applies the hunks of the file the base path ends with and says which were skipped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'strata-base-'))
    const base = path.join(dir, 'linux', names[1])
    mkdirSync(path.dirname(base), { recursive: true })
    writeFileSync(base, slub)
    writeFileSync(path.join(dir, 'series.patch'), patch)
    const { code, stdout, stderr } = await runCli(['apply', '--base', base, path.join(dir, 'series.patch')])
    expect(code).toBe(0)
    expect(stdout).toBe(after[names[1]])
    expect(stderr).toMatch(/series\.patch:\d+:1: note: applied the hunks of `Documentation\/mm\/slub\.rst`; skipped `Documentation\/mm\/hmm\.rst`, `mm\/widget\.c`, which the base is not \[strata:apply:skipped-files\]\n$/)
  })

  it('says nothing when the patch touches only the base', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'strata-base-'))
    const base = path.join(dir, names[0])
    mkdirSync(path.dirname(base), { recursive: true })
    writeFileSync(base, hmm)
    writeFileSync(path.join(dir, 'one.patch'), formatPatch({ [names[0]]: hmm }, { [names[0]]: after[names[0]] }, 'mm/hmm: One file'))
    const { code, stdout, stderr } = await runCli(['apply', '--base', base, path.join(dir, 'one.patch')])
    expect(code).toBe(0)
    expect(stdout).toBe(after[names[0]])
    expect(stderr).toBe('')
  })
})
