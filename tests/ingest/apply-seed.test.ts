import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.ts'
import { hashObject, sandbox } from '../helpers/git.ts'
import { corpus } from '../helpers/paths.ts'

const base = readFileSync(corpus.highmem, 'utf8')
let expected: string

beforeAll(() => {
  // The truth comes from git at test time: `git apply` of the raw e-mail.
  const { dir, git, write } = sandbox()
  write('Documentation/mm/highmem.rst', base)
  git('apply', corpus.mail)
  expected = readFileSync(path.join(dir, 'Documentation/mm/highmem.rst'), 'utf8')
})

const temporary = () => mkdtempSync(path.join(tmpdir(), 'strata-apply-'))
const diagnostic = /^(.+):(\d+):(\d+): error: hunk (\d+) \((@@ -\d+,\d+ \+\d+,\d+ @@)\) does not apply: expected "(.*)" near (.+):(\d+)/m

describe('strata apply on the seed', () => {
  it('rebuilds the mangled archive text byte for byte: blob 9523e92299f6, as git apply of the raw mail', async () => {
    const { code, stdout, stderr } = await runCli(['apply', '--base', corpus.highmem, corpus.seed])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toBe(expected)
    expect(hashObject(stdout)).toMatch(/^9523e92299f6/)
  })

  it('applies the raw e-mail to the same blob', async () => {
    const { code, stdout } = await runCli(['apply', '--base', corpus.highmem, corpus.mail])
    expect(code).toBe(0)
    expect(hashObject(stdout)).toMatch(/^9523e92299f6/)
  })

  it('gets the blob from its rules alone, not only from the index line', async () => {
    const seed = readFileSync(corpus.seed, 'utf8').replace(/^index .*$/m, 'index 000000000000..000000000000 100644')
    const dir = temporary()
    writeFileSync(path.join(dir, 'seed.txt'), seed)
    const { code, stdout } = await runCli(['apply', '--base', corpus.highmem, path.join(dir, 'seed.txt')])
    expect(code).toBe(0)
    expect(stdout).toBe(expected)
  })

  it('un-applies with --reverse, back to blob 0f731d9196b0', async () => {
    const dir = temporary()
    writeFileSync(path.join(dir, 'highmem.rst'), expected)
    const { code, stdout } = await runCli(['apply', '--reverse', '--base', path.join(dir, 'highmem.rst'), corpus.seed])
    expect(code).toBe(0)
    expect(stdout).toBe(base)
    expect(hashObject(stdout)).toMatch(/^0f731d9196b0/)
  })

  it('writes --out atomically and reports every hunk and every inferred line with --report', async () => {
    const dir = temporary()
    const out = path.join(dir, 'out.rst')
    const { code, stdout } = await runCli(['apply', '--base', corpus.highmem, '--out', out, '--report', corpus.seed])
    expect(code).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(expected)
    const [report] = JSON.parse(stdout)
    expect(report.blob).toMatchObject({ expected: '9523e92299f6', verified: true, baseMatches: true })
    expect(report.hunks.map((hunk: { appliedAt: number; offset: number; added: number; removed: number }) => [hunk.appliedAt, hunk.offset, hunk.added, hunk.removed])).toEqual([
      [57, 0, 2, 1],
      [100, 0, 15, 4],
      [115, 0, 14, 5],
    ])
    const inferred = report.hunks.flatMap((hunk: { inferred: Array<{ line: number; text: string; confidence: string }> }) => hunk.inferred)
    expect(inferred).toHaveLength(31)
    for (const line of inferred) expect(expected.split('\n')[line.line - 1]).toBe(line.text)
    // New text after a full stop cannot say whether it had one space or two.
    expect(inferred.find((line: { text: string }) => line.text.startsWith('* kmap_atomic(). This function'))?.confidence).toBe('medium')
  })
})

describe('a patch that does not apply', () => {
  const cases: Array<[string, () => { base: string; patch: string }]> = [
    ['the seed on the already-patched document', () => ({ base: write('patched.rst', expected), patch: corpus.seed })],
    ['a truncated patch', () => {
      const seed = readFileSync(corpus.seed, 'utf8').split('\n')
      return { base: corpus.highmem, patch: write('truncated.txt', seed.slice(0, 60).join('\n') + '\n') }
    }],
    ['a patch for another file', () => {
      const mail = readFileSync(corpus.mail, 'utf8')
      return { base: path.join(corpus.docs, 'hmm.rst'), patch: write('other.eml', mail) }
    }],
  ]
  let dir: string
  function write(name: string, text: string) {
    dir ??= temporary()
    writeFileSync(path.join(dir, name), text)
    return path.join(dir, name)
  }

  for (const [name, make] of cases) {
    it(`fails for ${name}: exit 1, a located diagnostic, nothing written`, async () => {
      const { base: baseFile, patch } = make()
      const out = path.join(temporary(), 'out.rst')
      const existing = path.join(temporary(), 'kept.rst')
      writeFileSync(existing, 'unchanged\n')
      const first = await runCli(['apply', '--base', baseFile, '--out', out, patch])
      expect(first.code).toBe(1)
      expect(first.stdout).toBe('')
      expect(existsSync(out)).toBe(false)
      const second = await runCli(['apply', '--base', baseFile, '--out', existing, patch])
      expect(second.code).toBe(1)
      expect(readFileSync(existing, 'utf8')).toBe('unchanged\n')
      const match = diagnostic.exec(first.stderr)
      expect(match, first.stderr).not.toBeNull()
      expect(match![1]).toBe(patch)
      expect(match![7]).toBe(baseFile)
      // The expected text is the base's line there, or the hunk line the patch gave.
      const baseLine = readFileSync(baseFile, 'utf8').split('\n')[Number(match![8]) - 1]
      const patchLine = readFileSync(patch, 'utf8').split('\n')[Number(match![2]) - 1]
      const fold = (text: string) => text.replace(/^[-+ ]/, '').trim().replace(/\s+/g, ' ')
      expect([fold(baseLine), fold(patchLine)]).toContain(fold(JSON.parse(`"${match![6]}"`)))
    })
  }
})
