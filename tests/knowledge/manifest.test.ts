import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.ts'
import { corpus, shared } from '../helpers/paths.ts'

/** A content folder with the given manifest; paths in it are absolute so it can live anywhere. */
function content(manifest: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'strata-content-'))
  writeFileSync(path.join(dir, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2))
  return dir
}

const good = () => ({
  corpus: path.join(shared, 'corpus/linux-v6.1'),
  documents: [
    {
      id: 'mm/highmem',
      path: 'Documentation/mm/highmem.rst',
      versions: [
        { id: 'v6.1', label: 'Linux v6.1', date: '2022-12-11' },
        { id: 'notes', parent: 'v6.1', patches: [corpus.seed] },
      ],
    },
  ],
})

async function records(dir: string, extra: string[] = []) {
  return runCli(['records', '--content', dir, '--version', 'notes', ...extra])
}

describe('the content manifest', () => {
  it('builds from any folder, with paths resolved against the manifest', async () => {
    const { code, stdout } = await records(content(good()), ['--quiet'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout).find((record: { name: string }) => record.name === 'kmap').status).toBe('deprecated')
  })

  it('reads base documents from --corpus instead', async () => {
    const manifest = good()
    manifest.corpus = '/nonexistent'
    const { code } = await records(content(manifest), ['--corpus', path.join(shared, 'corpus/linux-v6.1'), '--quiet'])
    expect(code).toBe(0)
  })

  const failures: Array<[string, (manifest: ReturnType<typeof good>) => unknown, RegExp]> = [
    ['a missing file', (manifest) => { manifest.documents[0].versions[1].patches = ['/nonexistent/patch.txt']; return manifest }, /manifest\.json:\d+:\d+: error: `documents\[0\]\.versions\[1\]\.patches\[0\]`: patch file `\/nonexistent\/patch\.txt` does not exist/],
    ['an unknown parent', (manifest) => { manifest.documents[0].versions[1].parent = 'v6.0'; return manifest }, /`documents\[0\]\.versions\[1\]\.parent`: unknown parent `v6\.0` \(versions of `mm\/highmem`: `v6\.1`, `notes`\)/],
    ['a field of the wrong form', (manifest) => { (manifest.documents[0].versions[0] as Record<string, unknown>).date = 'yesterday'; return manifest }, /`documents\[0\]\.versions\[0\]\.date`: use an ISO 8601 date/],
    ['an unknown field', (manifest) => ({ ...manifest, documnets: [] }), /`the manifest`|documnets/],
    ['a patch that does not apply', (manifest) => { manifest.documents[0].versions[0] = { id: 'v6.1', label: 'wrong base', date: '2022-12-11', base: path.join(shared, 'corpus/linux-docs/Documentation/mm/hmm.rst') } as never; return manifest }, /000_42b78d77d17fb680\.txt:\d+:1: error: hunk 1 \(@@ -57,7 \+57,8 @@\) does not apply: expected ".*" near Documentation\/mm\/highmem\.rst:57/],
    ['text that is not JSON', () => '{"corpus": ', /manifest\.json:1:12: error: the manifest is not JSON: unexpected end of the file, expected a value/],
  ]
  for (const [name, change, message] of failures) {
    it(`fails with a clear message for ${name}`, async () => {
      const { code, stdout, stderr } = await records(content(change(good())))
      expect(code).toBe(1)
      expect(stdout).toBe('')
      expect(stderr).toMatch(message)
    })
  }
})
