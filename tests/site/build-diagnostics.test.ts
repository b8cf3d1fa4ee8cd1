/**
 * `strata build` reports manifest and content errors as the located vfile
 * messages they are, with none of Astro's hints or stack frames around them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.ts'
import { corpus, shared } from '../helpers/paths.ts'

const root = mkdtempSync(path.join(tmpdir(), 'strata-build-errors-'))
let count = 0

/** A content folder holding `manifest` as its manifest.json text. */
function content(manifest: string): string {
  const dir = path.join(root, `content-${count++}`)
  mkdirSync(dir)
  writeFileSync(path.join(dir, 'manifest.json'), manifest)
  return dir
}

async function build(folder: string, out = path.join(root, 'site')) {
  const result = await runCli(['build', '--quiet', '--content', folder, '--out', out])
  // Nothing of Astro's error frame, hints or stack.
  expect(result.stderr).not.toMatch(/Location:|Stack trace:|Browser APIs|\n\s+at |\[ContentError\]|Hint:/)
  return result
}

const corpusPath = JSON.stringify(path.join(shared, 'corpus/linux-v6.1'))

describe('strata build diagnostics', () => {
  it('locates a JSON syntax error at its line and column', async () => {
    const manifest = `{\n  "corpus": ${corpusPath},\n  "documents": [\n    { "id": "mm/highmem"\n      "path": "Documentation/mm/highmem.rst" }\n  ]\n}\n`
    const folder = content(manifest)
    const { code, stderr } = await build(folder)
    expect(code).toBe(1)
    expect(stderr.split('\n')[0]).toBe(
      `${path.relative(process.cwd(), path.join(folder, 'manifest.json'))}:5:7: error: the manifest is not JSON: unexpected \`"\`, expected \`,\` or \`}\` [strata:content:invalid-manifest]`,
    )
  })

  it('locates a schema error at the key it is about, in the right entry', async () => {
    const manifest = [
      '{',
      `  "corpus": ${corpusPath},`,
      '  "documents": [',
      '    { "id": "a", "path": "Documentation/mm/highmem.rst", "versions": [{ "id": "v1" }] },',
      '    { "id": "b", "path": "Documentation/mm/highmem.rst",',
      `      "versions": [{ "id": "v1" }, { "id": "v2", "parent": "nope", "patches": [${JSON.stringify(corpus.seed)}] }] }`,
      '  ]',
      '}',
      '',
    ].join('\n')
    const column = manifest.split('\n')[5].indexOf('"parent"') + 1
    const { code, stderr } = await build(content(manifest))
    expect(code).toBe(1)
    expect(stderr).toContain(`manifest.json:6:${column}: error: \`documents[1].versions[1].parent\`: unknown parent \`nope\` (versions of \`b\`: \`v1\`, \`v2\`) [strata:content:unknown-parent]\n`)
    expect(stderr.trim().split('\n')).toHaveLength(2)
  })

  it('reports a patch that does not apply as its located message, exit 1', async () => {
    const manifest = JSON.stringify({
      corpus: path.join(shared, 'corpus/linux-docs'),
      documents: [{ id: 'mm/hmm', path: 'Documentation/mm/hmm.rst', versions: [{ id: 'base' }, { id: 'patched', parent: 'base', patches: [corpus.seed] }] }],
    })
    const { code, stderr } = await build(content(manifest))
    expect(code).toBe(1)
    expect(stderr).toMatch(/^[^\n]*000_42b78d77d17fb680\.txt:\d+:1: error: hunk 1 \(@@ -57,7 \+57,8 @@\) does not apply: [^\n]* \[strata:apply:hunk-does-not-apply\]\n/m)
    expect(stderr).toMatch(/strata build: the build failed; .* was left as it was\n$/)
  }, 120_000)

  it('reports an output folder that cannot be made before Astro starts', async () => {
    const manifest = JSON.stringify({ corpus: path.join(shared, 'corpus/linux-v6.1'), documents: [{ id: 'mm/highmem', path: 'Documentation/mm/highmem.rst', versions: [{ id: 'v6.1' }] }] })
    const { code, stderr } = await build(content(manifest), '/proc/nope/site')
    expect(code).toBe(1)
    expect(stderr).toBe('/proc/nope/site:1:1: error: cannot create `/proc/nope`: cannot be created there (ENOENT) [strata:build:unwritable-output]\nstrata build: the build failed; /proc/nope/site was left as it was\n')
  })
})
