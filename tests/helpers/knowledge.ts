import { fileURLToPath } from 'node:url'
import { loadManifest } from '../../src/versions/load.ts'
import { buildKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/build.ts'

export const defaultContent = fileURLToPath(new URL('../../content/', import.meta.url))

let cached: Promise<KnowledgeBase> | undefined

/**
 * The knowledge base of the default content's `mm/highmem` (v6.1 highmem.rst
 * and the seed patch), built once per test file. The default content also
 * holds every shared document (the site's navigation); these tests are about
 * the seed scenario, so the rest is left out.
 */
export function defaultKnowledgeBase(): Promise<KnowledgeBase> {
  cached ??= (async () => {
    const { manifest, file } = await loadManifest({ content: defaultContent })
    if (!manifest) throw new Error(file.messages.map(String).join('\n'))
    const { knowledge, files } = await buildKnowledgeBase({ ...manifest, documents: manifest.documents.filter((document) => document.id === 'mm/highmem') })
    if (!knowledge) throw new Error(files.flatMap((each) => each.messages.map(String)).join('\n'))
    return knowledge
  })()
  return cached
}
