/**
 * `strata apply --tree` resolves every path a patch names as `git apply`
 * does: nothing is read or written through a symbolic link, in the tree or
 * in the output folder, and the target file itself may not be one.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveBelow } from '../../src/ingest/apply/paths.ts'
import { writeAtomically } from '../../src/lib/atomic-write.ts'
import { runCli } from '../helpers/cli.ts'
import { corpus } from '../helpers/paths.ts'

const scratch = mkdtempSync(path.join(tmpdir(), 'strata-paths-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
let count = 0
const folder = (name: string) => {
  const dir = path.join(scratch, `${count++}-${name}`)
  mkdirSync(dir, { recursive: true })
  return dir
}
const highmem = readFileSync(corpus.highmem, 'utf8')

/** A folder outside every tree, holding a copy of the document, to see whether anything reaches it. */
function elsewhere(): { dir: string; snapshot: () => Record<string, string> } {
  const dir = folder('elsewhere')
  mkdirSync(path.join(dir, 'mm'))
  writeFileSync(path.join(dir, 'mm/highmem.rst'), highmem)
  const snapshot = () =>
    Object.fromEntries(
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .sort()
        .map((name) => [name, statSync(path.join(dir, name)).isDirectory() ? 'folder' : readFileSync(path.join(dir, name), 'utf8')]),
    )
  return { dir, snapshot }
}

/** A tree with the real document at its kernel path. */
function tree(): string {
  const dir = folder('tree')
  mkdirSync(path.join(dir, 'Documentation/mm'), { recursive: true })
  cpSync(corpus.highmem, path.join(dir, 'Documentation/mm/highmem.rst'))
  return dir
}

describe('strata apply --tree refuses paths through symbolic links', () => {
  it('refuses a patch whose directory in the tree is a link out of it, and leaves the outside alone', async () => {
    const outside = elsewhere()
    const root = folder('tree')
    symlinkSync(outside.dir, path.join(root, 'Documentation'))
    const before = outside.snapshot()
    const { code, stderr } = await runCli(['apply', '--tree', root, '--out', root, corpus.mail])
    expect(code).toBe(1)
    expect(stderr).toMatch(/kmap-conversion-notes-v1\.eml:\d+:1: error: refusing `Documentation\/mm\/highmem\.rst`: it is beyond a symbolic link in the tree \(`[^`]*\/Documentation`\) \[strata:apply:path-through-symlink\]/)
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(outside.snapshot()).toEqual(before)
  })

  it('refuses to write through a link inside the output folder', async () => {
    const outside = elsewhere()
    const root = tree()
    const out = folder('out')
    symlinkSync(outside.dir, path.join(out, 'Documentation'))
    const before = outside.snapshot()
    const { code, stderr } = await runCli(['apply', '--tree', root, '--out', out, corpus.mail])
    expect(code).toBe(1)
    expect(stderr).toMatch(/error: refusing `Documentation\/mm\/highmem\.rst`: it is beyond a symbolic link in the output folder \(`[^`]*\/Documentation`\)/)
    expect(outside.snapshot()).toEqual(before)
    expect(readFileSync(path.join(root, 'Documentation/mm/highmem.rst'), 'utf8')).toBe(highmem)
  })

  it('refuses a target file that is itself a link, in the tree and in the output', async () => {
    const outside = elsewhere()
    const root = folder('tree')
    mkdirSync(path.join(root, 'Documentation/mm'), { recursive: true })
    symlinkSync(path.join(outside.dir, 'mm/highmem.rst'), path.join(root, 'Documentation/mm/highmem.rst'))
    const before = outside.snapshot()
    const inTree = await runCli(['apply', '--tree', root, '--out', root, corpus.mail])
    expect(inTree.code).toBe(1)
    expect(inTree.stderr).toMatch(/refusing `Documentation\/mm\/highmem\.rst`: it is a symbolic link in the tree \(`[^`]*\/Documentation\/mm\/highmem\.rst`\)/)

    const real = tree()
    const out = folder('out')
    mkdirSync(path.join(out, 'Documentation/mm'), { recursive: true })
    symlinkSync(path.join(outside.dir, 'mm/highmem.rst'), path.join(out, 'Documentation/mm/highmem.rst'))
    const inOut = await runCli(['apply', '--tree', real, '--out', out, corpus.mail])
    expect(inOut.code).toBe(1)
    expect(inOut.stderr).toMatch(/it is a symbolic link in the output folder/)
    expect(outside.snapshot()).toEqual(before)
  })

  it('refuses rename and copy sources behind a link, so nothing outside is copied in', async () => {
    const outside = elsewhere()
    writeFileSync(path.join(outside.dir, 'secret.rst'), 'secret\n')
    for (const verb of ['rename', 'copy']) {
      const root = folder('tree')
      symlinkSync(outside.dir, path.join(root, 'link'))
      const out = folder('out')
      const patch = path.join(folder('patch'), `${verb}.diff`)
      writeFileSync(patch, `diff --git a/link/secret.rst b/stolen.rst\nsimilarity index 100%\n${verb} from link/secret.rst\n${verb} to stolen.rst\n`)
      const { code, stderr } = await runCli(['apply', '--tree', root, '--out', out, patch])
      expect(code).toBe(1)
      expect(stderr).toMatch(new RegExp(`${verb}\\.diff:1:1: error: refusing \`link/secret\\.rst\`: it is beyond a symbolic link in the tree`))
      expect(readdirSync(out)).toEqual([])
    }
  })

  it('refuses a patch that leaves one path as a folder of another, writing nothing', async () => {
    const root = tree()
    const out = folder('out')
    const patch = path.join(folder('patch'), 'nested.diff')
    const name = 'Documentation/mm/highmem.rst'
    writeFileSync(patch, `diff --git a/${name} b/${name}/${name}\nsimilarity index 100%\nrename from ${name}\nrename to ${name}/${name}\n`)
    const { code, stderr } = await runCli(['apply', '--tree', root, '--out', out, patch])
    expect(code).toBe(1)
    expect(stderr).toMatch(/nested\.diff:1:1: error: `Documentation\/mm\/highmem\.rst` and `Documentation\/mm\/highmem\.rst\/Documentation\/mm\/highmem\.rst`: the patch leaves one path as a folder of the other \[strata:apply:path-is-a-folder-of-another\]/)
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(readdirSync(out)).toEqual([])
  })

  it('still applies through real folders, and refuses `..` and absolute paths with the same care', async () => {
    const root = tree()
    const out = folder('out')
    const applied = await runCli(['apply', '--tree', root, '--out', out, corpus.mail])
    expect(applied.stderr).toBe('')
    expect(applied.code).toBe(0)
    expect(readFileSync(path.join(out, 'Documentation/mm/highmem.rst'), 'utf8')).not.toBe(highmem)

    const patch = path.join(folder('patch'), 'climb.diff')
    writeFileSync(patch, 'diff --git a/../x.rst b/../x.rst\n--- a/../x.rst\n+++ b/../x.rst\n@@ -0,0 +1 @@\n+x\n')
    const climbing = await runCli(['apply', '--tree', root, '--out', out, patch])
    expect(climbing.code).toBe(1)
    expect(climbing.stderr).toMatch(/refusing `\.\.\/x\.rst`: the path climbs out with `\.\.` \[strata:apply:path-escapes-tree\]/)
    expect(existsSync(path.join(out, '..', 'x.rst'))).toBe(false)
  })
})

describe('resolveBelow', () => {
  it('walks each component without following links, and stops at the first that does not exist', () => {
    const root = folder('walk')
    mkdirSync(path.join(root, 'a'))
    symlinkSync('/', path.join(root, 'a/up'))
    expect(resolveBelow(root, 'a/b/c.rst')).toEqual({ ok: true, path: path.join(root, 'a/b/c.rst') })
    expect(resolveBelow(root, 'a/./up/etc/passwd')).toEqual({ ok: false, kind: 'symlink', link: 'a/up', last: false })
    expect(resolveBelow(root, 'a/up')).toEqual({ ok: false, kind: 'symlink', link: 'a/up', last: true })
    expect(resolveBelow(root, '/etc/passwd')).toMatchObject({ ok: false, kind: 'invalid' })
    expect(resolveBelow(root, 'a/../../x')).toMatchObject({ ok: false, kind: 'invalid' })
  })
})

describe('resolveBelow on names the system refuses', () => {
  it('refuses a component too long to look at, instead of throwing', () => {
    expect(resolveBelow(folder("long"), `${"x".repeat(300)}/a.rst`)).toEqual({ ok: false, kind: 'invalid', reason: 'cannot be looked at (ENAMETOOLONG)' })
    // Below a folder that does not exist yet too, where the walk itself stops (the fuzz run's patch #6213 of seed 2028).
    expect(resolveBelow(folder('long-below'), `new/${'x'.repeat(300)}.rst`)).toEqual({ ok: false, kind: 'invalid', reason: 'cannot be looked at (ENAMETOOLONG)' })
  })

  it('reports a new file whose name is too long as a located error, writing nothing and printing no stack', async () => {
    const root = folder('long-tree')
    const out = folder('long-out')
    const name = `Documentation/new/${'y'.repeat(300)}.rst`
    const patch = path.join(folder('long-patch'), 'long.patch')
    writeFileSync(patch, `diff --git a/${name} b/${name}\nnew file mode 100644\n--- /dev/null\n+++ b/${name}\n@@ -0,0 +1 @@\n+x\n`)
    const { code, stderr } = await runCli(['apply', '--tree', root, '--out', out, patch])
    expect(code).toBe(1)
    expect(stderr).toMatch(/long\.patch:\d+:\d+: error: refusing `Documentation\/new\/y+\.rst`: .*ENAMETOOLONG/)
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(readdirSync(out)).toEqual([])
  })
})

describe('writeAtomically', () => {
  it('reports a file it cannot write by its OS error, and leaves no temporary behind', async () => {
    const out = folder('atomic')
    // The name fits; its temporary sibling, a few characters longer, does not.
    const problem = await writeAtomically(new Map([[path.join(out, 'z'.repeat(250)), 'text']]))
    expect(problem).toMatchObject({ code: 'ENAMETOOLONG', action: 'write' })
    expect(readdirSync(out)).toEqual([])
  })
})
