/** Each plugin of the rendering stage on small reST written here. */
import type { Element, Root as HastRoot } from 'hast'
import type { Link, Nodes, Root } from 'mdast'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { remarkApiLinks } from '../../plugins/remark-api-links/index.ts'
import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'
import { patchUrl, remarkDeprecationBanners } from '../../plugins/remark-deprecation-banners/index.ts'
import { remarkLegacyDetails } from '../../plugins/remark-legacy-details/index.ts'
import { rehypeToc } from '../../plugins/rehype-toc/index.ts'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { renderVersion } from '../../src/render/render.ts'
import { urls } from '../../src/lib/urls.ts'
import { classes, elements, parse, text } from './helpers.ts'

/** A record with every field, for tests that need only a few. */
function record(name: string, status: ApiRecord['status'], extra: Partial<ApiRecord> = {}): ApiRecord {
  return {
    name, kind: /^[A-Z]/.test(name) ? 'macro' : 'function', document: 'test/doc', version: 'v1', status, described: false,
    replacement: [], unmap: null, contexts: [], forbiddenContexts: [], effects: [], locking: [], returnValues: [], release: null, since: null, summary: '', notes: [], legacy: null, related: [], mentions: [], text: '',
    source: { file: 'doc.rst', startLine: 1, endLine: 1 }, facts: [], ...extra,
  }
}

const context = { document: 'test/doc', version: 'v1', apiUrlOf: urls.api }
const records = [
  record('kmap', 'deprecated', { replacement: ['kmap_local_page'] }),
  record('kmap_atomic', 'deprecated', { replacement: ['kmap_local_page'] }),
  record('kunmap_atomic', 'available'),
  record('kmap_local_page', 'preferred'),
  record('CONFIG_HIGHMEM', 'available', { kind: 'config' }),
]

/** Every node of a tree of a type, in order. */
function all<Type extends Nodes['type']>(tree: Nodes, type: Type): Array<Extract<Nodes, { type: Type }>> {
  const found: Nodes[] = []
  const walk = (node: Nodes) => {
    if (node.type === type) found.push(node)
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child)
  }
  walk(tree)
  return found as Array<Extract<Nodes, { type: Type }>>
}

const links = (source: string, list = records) => {
  const tree = fromRst(source)
  unified().use(remarkApiLinks, { ...context, records: list }).runSync(tree)
  return { tree, links: all(tree, 'link') }
}

describe('remarkApiLinks', () => {
  it('links names in prose, keeping the source positions of every piece', () => {
    const source = '* Use kmap() here, and\n  then kmap_local_page(page) and CONFIG_HIGHMEM=n there.\n'
    const { tree, links: found } = links(source)
    expect(found.map((link) => link.url)).toEqual(['kmap', 'kmap_local_page', 'CONFIG_HIGHMEM'].map((name) => urls.api('test/doc', 'v1', name)))
    for (const node of [...found, ...all(tree, 'text')]) {
      const { start, end } = node.position!
      const value = node.type === 'link' ? (node.children[0] as { value: string }).value : node.value
      expect(source.slice(start.offset, end.offset).replace(/\n +/g, '\n')).toBe(value)
    }
    expect(found[0].data?.hProperties).toEqual({ className: ['api', 'api-deprecated'], dataApi: 'kmap' })
    expect(found[0].title).toBe('kmap() — deprecated: use kmap_local_page()')
    expect(found[2].title).toBe('CONFIG_HIGHMEM — available')
  })

  it('links only names that have a record', () => {
    expect(links('Use vmap() and kmap().\n').links.map((link) => link.url)).toEqual([urls.api('test/doc', 'v1', 'kmap')])
    expect(links('Use kmap().\n', []).links).toEqual([])
  })

  it('links a shorthand to the first name it stands for, naming all of them in the title', () => {
    const [link] = links("It is assumed that k[un]map_atomic() won't fail.\n").links
    expect(link.url).toBe(urls.api('test/doc', 'v1', 'kmap_atomic'))
    expect(link.title).toBe('kmap_atomic() — deprecated: use kmap_local_page(); kunmap_atomic() — available')
    expect(link.children).toMatchObject([{ type: 'text', value: 'k[un]map_atomic()' }])
  })

  it('wraps an inline literal that is a call, and a C-domain role, whole', () => {
    const { links: found } = links('Call ``kmap(page)`` or :c:func:`kmap_atomic`, not ``p = kmap(page); q``.\n')
    expect(found.map((link) => [link.children[0].type, link.url])).toEqual([
      ['inlineCode', urls.api('test/doc', 'v1', 'kmap')],
      ['role', urls.api('test/doc', 'v1', 'kmap_atomic')],
    ])
  })

  it('leaves headings, existing links and literal blocks alone', () => {
    const { tree, links: found } = links('kmap()\n======\n\nSee `kmap() <https://example.org/>`_ and :ref:`kmap() <x>`.\n\n::\n\n   kmap();\n')
    expect(found.map((link) => link.url)).toEqual(['https://example.org/'])
    expect(all(tree, 'role').map((role) => role.children)).toEqual([[expect.objectContaining({ type: 'text', value: 'kmap()' })]])
  })

  it('throws on bad options, before any document is read', () => {
    expect(() => unified().use(remarkApiLinks, null as never).freeze()).toThrow(/records/)
    expect(() => unified().use(remarkApiLinks, { records: [], document: 1 } as never).freeze()).toThrow(/document/)
  })
})

describe('remarkDeprecationBanners', () => {
  const banner = (tree: Root) => all(tree, 'blockquote').filter((node) => node.data?.hName === 'aside')

  it('inserts the banner after the lead paragraph of the item and anchors its note', () => {
    const source = '* kmap(). Deprecated; use kmap_local_page().\n\n  NOTE: convert carefully.\n\n* kmap_local_page(). Fine.\n'
    const tree = fromRst(source)
    const list = [record('kmap', 'deprecated', { described: true, replacement: ['kmap_local_page'], source: { file: 'doc.rst', startLine: 1, endLine: 3 } }), record('kmap_local_page', 'preferred')]
    unified()
      .use(remarkDeprecationBanners, { ...context, records: list, provenance: { kmap: { since: { label: 'Linux v0', url: urls.document('test/doc', 'v0') }, patch: { subject: 'mm: deprecate kmap', url: patchUrl('<1@example.org>') } } } })
      .runSync(tree)
    const item = all(tree, 'listItem')[0]
    expect(item.children.map((child) => child.data?.hName ?? child.type)).toEqual(['paragraph', 'aside', 'paragraph'])
    expect(item.children[2].data?.hProperties).toEqual({ id: 'note-kmap' })
    const [aside] = banner(tree)
    expect(aside.data?.hProperties).toEqual({ role: 'note', className: ['deprecation-banner'], ariaLabel: 'Deprecation of kmap()', dataApi: 'kmap' })
    const inner = all(aside, 'link')
    expect(inner.map((link: Link) => link.url)).toEqual([
      urls.document('test/doc', 'v0'),
      'https://lore.kernel.org/r/1%40example.org',
      urls.api('test/doc', 'v1', 'kmap_local_page'),
      '#note-kmap',
    ])
  })

  it('works on a section and on a C-domain directive, without a patch or a note', () => {
    const source = 'kmap()\n======\n\nThe old way.\n\n.. c:function:: void *kmap_atomic(struct page *page)\n\n   Old too.\n\nOther\n=====\n'
    const tree = fromRst(source)
    const list = [
      record('kmap', 'deprecated', { described: true, source: { file: 'doc.rst', startLine: 1, endLine: 4 } }),
      record('kmap_atomic', 'deprecated', { described: true, replacement: ['kmap_local_page'], source: { file: 'doc.rst', startLine: 6, endLine: 8 } }),
    ]
    unified().use(remarkDeprecationBanners, { ...context, records: list, provenance: { kmap: { since: { label: 'Linux v0', url: urls.document('test/doc', 'v0') }, patch: null } } }).runSync(tree)
    expect(tree.children.map((child) => child.data?.hName ?? child.type)).toEqual(['heading', 'aside', 'paragraph', 'directive', 'heading'])
    const html = parse(renderVersion({ tree: fromRst(source), records: list, ...context, deprecations: { kmap: { since: { id: 'v0', label: 'Linux v0' }, patch: null } } }).html)
    const asides = elements(html).filter((node) => node.tagName === 'aside' && node.properties.role === 'note')
    expect(asides.map((node) => text(node).trim())).toEqual(['Deprecated in Linux v0.', 'Deprecated: use kmap_local_page().'])
  })

  it('gives no banner to an API only mentioned, or not deprecated', () => {
    const tree = fromRst('* kmap(). Old.\n')
    unified().use(remarkDeprecationBanners, { ...context, records: [record('kmap', 'deprecated', { source: { file: 'doc.rst', startLine: 1, endLine: 1 } }), record('kmap_atomic', 'discouraged', { described: true })] }).runSync(tree)
    expect(banner(tree)).toEqual([])
  })
})

describe('remarkLegacyDetails', () => {
  const fold = (source: string) => {
    const tree = fromRst(source)
    unified().use(remarkLegacyDetails).runSync(tree)
    return tree
  }

  it('folds the marker and what follows it in its parent, and nothing before', () => {
    const tree = fold('* kmap(). Old.\n\n  [Legacy documentation]\n\n  One.\n\n  Two.\n')
    const item = all(tree, 'listItem')[0]
    expect(item.children.map((child) => child.data?.hName ?? child.type)).toEqual(['paragraph', 'details'])
    const details = item.children[1] as Extract<Nodes, { type: 'blockquote' }>
    expect(details.data?.hProperties).toEqual({ className: ['legacy'], dataLegacy: true })
    expect(details.children.map((child) => child.data?.hName ?? child.type)).toEqual(['summary', 'paragraph', 'paragraph'])
  })

  it('stops at the next heading at the top level', () => {
    const tree = fold('A\n=\n\n[Obsolete notes]\n\nOld.\n\nB\n=\n\nNew.\n')
    expect(tree.children.map((child) => child.data?.hName ?? child.type)).toEqual(['heading', 'details', 'heading', 'paragraph'])
  })

  it('takes another marker test', () => {
    const tree = fromRst('HISTORY:\n\nOld.\n')
    unified().use(remarkLegacyDetails, { test: (value) => value === 'HISTORY:' }).runSync(tree)
    expect(tree.children.map((child) => child.data?.hName ?? child.type)).toEqual(['details'])
  })
})

describe('rehypeToc', () => {
  const toc = (source: string) => {
    const page = parse(renderVersion({ tree: fromRst(source), records: [], ...context }).html)
    const nav = elements(page).find((node) => node.tagName === 'nav')
    /** The outline as nested arrays of link texts. */
    const outline = (list: Element): unknown[] =>
      list.children.filter((child): child is Element => child.type === 'element').map((item) => {
        const nested = item.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ul')
        const label = text(item.children.find((child): child is Element => child.type === 'element' && child.tagName === 'a')!)
        return nested ? [label, outline(nested)] : label
      })
    return { page, nav, outline: nav ? outline(nav.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ul')!) : [] }
  }
  const document = 'Title\n=====\n\nSub\n---\n\n{contents}\n\nA\n~\n\nA1\n^^\n\nB\n~\n\nOther\n-----\n\nLast\n~~~~\n'

  it('lists the whole document but its title, nested', () => {
    const { nav, outline } = toc(document.replace('{contents}', '.. contents::'))
    expect(nav!.properties.ariaLabel).toBe('Contents')
    expect(classes(nav!)).toEqual(['toc'])
    expect(outline).toEqual([['Sub', [['A', ['A1']], 'B']], ['Other', ['Last']]])
  })

  it('with :local: lists only the section it stands in, and :depth: limits the levels', () => {
    expect(toc(document.replace('{contents}', '.. contents::\n   :local:')).outline).toEqual([['A', ['A1']], 'B'])
    const { nav, outline } = toc(document.replace('{contents}', '.. contents:: In this part\n   :local:\n   :depth: 1'))
    expect(outline).toEqual(['A', 'B'])
    expect(classes(nav!)).toEqual(['toc', 'toc-local'])
    expect(nav!.properties.ariaLabel).toBe('In this part')
    expect(text(elements(nav!).find((node) => node.tagName === 'p')!)).toBe('In this part')
  })

  it('removes a table with nothing to list', () => {
    expect(toc('Only\n====\n\n.. contents::\n   :local:\n').nav).toBeUndefined()
  })

  it('links headings that skip a rank under one nested list', () => {
    const tree: HastRoot = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'nav', properties: { className: ['contents', 'local'] }, children: [] },
        { type: 'element', tagName: 'h2', properties: { id: 'a' }, children: [{ type: 'text', value: 'A' }] },
        { type: 'element', tagName: 'h4', properties: { id: 'a-deep' }, children: [{ type: 'text', value: 'deep' }] },
        { type: 'element', tagName: 'h3', properties: { id: 'a-mid' }, children: [{ type: 'text', value: 'mid' }] },
      ],
    }
    unified().use(rehypeToc).runSync(tree)
    const nav = tree.children[0] as Element
    const lists = elements(nav).filter((node) => node.tagName === 'ul')
    expect(lists).toHaveLength(2)
    expect(elements(lists[1]).filter((node) => node.tagName === 'a').map((node) => node.properties.href)).toEqual(['#a-deep', '#a-mid'])
  })
})
