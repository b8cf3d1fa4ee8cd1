import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { toString } from 'mdast-util-to-string'
import { describe, expect, it } from 'vitest'
import { parseVersion } from '../../src/knowledge/parse.ts'
import { corpus } from '../helpers/paths.ts'

const kernelTree = fileURLToPath(new URL('../fixtures/kernel-tree/', import.meta.url))
const text = readFileSync(corpus.highmem, 'utf8')
const where = { document: 'mm/highmem', version: 'v6.1', path: 'Documentation/mm/highmem.rst' }

describe('kernel-doc directives in the knowledge base', () => {
  it('merge the signature, parameters and context from a kernel tree into the records', async () => {
    const { records, file } = await parseVersion(text, { ...where, kernelTree })
    const local = records.find((record) => record.name === 'kmap_local_page')!
    expect(local.signature).toBe('void *kmap_local_page(struct page *page)')
    expect(local.parameters?.map((parameter) => parameter.name)).toEqual(['page'])
    expect(local.status).toBe('preferred')
    const folio = records.find((record) => record.name === 'kmap_local_folio')!
    expect(folio).toMatchObject({ described: true, contextDoc: 'Can be called from any context.' })
    // highmem-internal.h is not among the fixtures: a located warning names the path.
    expect(file.messages.map(String)).toEqual([expect.stringMatching(/^Documentation\/mm\/highmem\.rst@v6\.1:190:1-190:\d+: Cannot find `include\/linux\/highmem-internal\.h`/)])
  })

  it('render, without a tree, a notice that names the file and the flag', async () => {
    const { tree, records, file } = await parseVersion(text, where)
    expect(file.messages).toEqual([])
    const notices = tree.children.filter((node) => (node.data as { hName?: string } | undefined)?.hName === 'aside').map((node) => toString(node))
    expect(notices).toEqual([
      expect.stringMatching(/include\/linux\/highmem\.h is not included: .*--kernel-tree DIR/),
      expect.stringMatching(/include\/linux\/highmem-internal\.h is not included: .*--kernel-tree DIR/),
    ])
    expect(records.find((record) => record.name === 'kmap_local_page')!.signature).toBeUndefined()
  })

  it('parse a header named by many directives once, and report its warnings once', async () => {
    // One directive per function, as many documents write them.
    const names = ['kmap_prot_set', 'kmap_count', 'kmap_new_name', 'kmap_prot_set']
    const document = names.map((name) => `.. kernel-doc:: include/linux/kmap_broken.h\n   :functions: ${name}\n`).join('\n')
    const { records, sources, file } = await parseVersion(document, { ...where, kernelTree })
    expect(file.messages).toEqual([])
    expect(sources.map((source) => source.path)).toEqual(['include/linux/kmap_broken.h'])
    // The header's six warnings, each once however many directives read it.
    expect(sources[0].messages).toHaveLength(6)
    expect(records.map((record) => [record.name, record.signature])).toEqual([
      ['kmap_count', 'unsigned int kmap_count(void)'],
      ['kmap_new_name', 'void kmap_new_name(void)'],
      ['kmap_prot_set', 'int kmap_prot_set(void *addr, pgprot_t prot)'],
    ])
  })
})
