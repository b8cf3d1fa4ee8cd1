import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.ts'
import { corpus, shared } from '../helpers/paths.ts'

function tree(dir: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) for (const [key, value] of tree(full, `${prefix}${name}/`)) files.set(key, value)
    else files.set(prefix + name, readFileSync(full))
  }
  return files
}

describe('strata build', () => {
  it('gives byte-identical sites for the same inputs', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'strata-build-'))
    for (const out of ['a', 'b']) {
      const { code, stderr } = await runCli(['build', '--quiet', '--out', path.join(root, out)])
      expect(code, stderr).toBe(0)
    }
    const a = tree(path.join(root, 'a'))
    const b = tree(path.join(root, 'b'))
    expect([...a.keys()]).toEqual([...b.keys()])
    expect(a.size).toBeGreaterThan(20)
    // Nothing of Astro's own working files: its module lists, and the content store a dev server leaves in `.astro/`.
    expect([...a.keys()].filter((key) => /(^|\/)(data-store\.json|content-(assets|modules)\.mjs)$/.test(key))).toEqual([])
    const different = [...a.keys()].filter((key) => !a.get(key)!.equals(b.get(key)!))
    expect(different).toEqual([])
  }, 300_000)

  it('leaves the previous site untouched when a patch does not apply', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'strata-build-'))
    const out = path.join(root, 'site')
    mkdirSync(out)
    writeFileSync(path.join(out, 'index.html'), 'previous site\n')
    const content = path.join(root, 'content')
    mkdirSync(content)
    writeFileSync(
      path.join(content, 'manifest.json'),
      JSON.stringify({
        corpus: path.join(shared, 'corpus/linux-docs'),
        documents: [
          {
            id: 'mm/hmm',
            path: 'Documentation/mm/hmm.rst',
            versions: [{ id: 'base' }, { id: 'patched', parent: 'base', patches: [corpus.seed] }],
          },
        ],
      }),
    )
    const { code, stderr } = await runCli(['build', '--quiet', '--content', content, '--out', out])
    expect(code).toBe(1)
    expect(stderr).toMatch(/000_42b78d77d17fb680\.txt:\d+:1: error: hunk 1 \(@@ -57,7 \+57,8 @@\) does not apply/)
    expect(stderr).toMatch(/was left as it was/)
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site\n')
    expect(readdirSync(root).sort()).toEqual(['content', 'site'])
    expect(existsSync(path.join(out, '_astro'))).toBe(false)
  }, 300_000)
})
