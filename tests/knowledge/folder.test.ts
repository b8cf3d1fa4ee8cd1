import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadManifest } from '../../src/versions/load.ts'
import { computeVersions } from '../../src/versions/versions.ts'
import { formatPatch } from '../helpers/git.ts'
import { corpus, shared } from '../helpers/paths.ts'

describe('a manifest naming a folder of documents', () => {
  it('makes one document per .rst file, and a patch version only where the patch touches a document', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'strata-folder-'))
    const slub = readFileSync(path.join(corpus.docs, 'slub.rst'), 'utf8')
    writeFileSync(
      path.join(dir, 'slub.patch'),
      formatPatch({ 'Documentation/mm/slub.rst': slub }, { 'Documentation/mm/slub.rst': slub.replace(/\n\n/, '\n\nA new opening sentence.\n\n') }, 'mm/slub: doc: add an opening'),
    )
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        corpus: path.join(shared, 'corpus/linux-docs'),
        documents: [{ folder: 'Documentation/mm', versions: [{ id: 'base', label: 'Base' }, { id: 'slub-opening', parent: 'base', patches: ['slub.patch'] }] }],
      }),
    )
    const { manifest, file } = await loadManifest({ content: dir })
    expect(file.messages).toEqual([])
    expect(manifest!.documents.map((document) => document.id)).toEqual([
      'mm/arch_pgtable_helpers',
      'mm/damon/design',
      'mm/hmm',
      'mm/hugetlbfs_reserv',
      'mm/memory-model',
      'mm/page_migration',
      'mm/page_owner',
      'mm/slub',
    ])
    const { versions } = await computeVersions(manifest!)
    expect(versions.filter((version) => version.id === 'base')).toHaveLength(8)
    const patched = versions.filter((version) => version.id === 'slub-opening')
    expect(patched.map((version) => version.document)).toEqual(['mm/slub'])
    expect(patched[0].text).toContain('A new opening sentence.')
    expect(versions.find((version) => version.document === 'mm/damon/design')!.path).toBe('Documentation/mm/damon/design.rst')
  })
})
