/**
 * The toctree plugin on real kernel indexes from ../shared and on small
 * documents for each option: entries resolve like Sphinx's, show titles,
 * and a missing document is plain text plus a located warning.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { mdastSections, remarkToctree, toctreeDocuments } from '../../plugins/remark-toctree/index.ts'
import { renderVersion } from '../../src/render/render.ts'
import { collectXrefs } from '../../plugins/remark-xrefs/index.ts'
import { shared } from '../helpers/paths.ts'
import { elements, parse, text } from '../render/helpers.ts'

const root = path.join(shared, 'corpus/linux-docs')
const rstFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? rstFiles(full) : name.endsWith('.rst') ? [full] : []
  })
/** The shared documents as the loader sees them: id, kernel path, tree. */
const corpusDocuments = rstFiles(path.join(root, 'Documentation')).map((file) => {
  const kernelPath = path.relative(root, file).split(path.sep).join('/')
  return { document: kernelPath.replace(/^Documentation\//, '').replace(/\.rst$/, ''), path: kernelPath, tree: fromRst(readFileSync(file, 'utf8')) }
})
const index = collectXrefs(corpusDocuments)
const titles = new Map(corpusDocuments.map((each) => [each.document, mdastSections(each.tree)[0]?.text ?? each.document]))

it('plugins/remark-toctree exports exactly its API', async () => {
  expect(Object.keys(await import('../../plugins/remark-toctree/index.ts')).sort()).toEqual(
    ['mdastSections', 'remarkToctree', 'toctreeDocuments', 'toctreeEntries', 'toctreeRules', 'toctreeSettings'].sort(),
  )
})

/** Render one document of a site whose other documents are `others` (path → title). */
function render(source: string, others: Record<string, string>, documentPath = 'Documentation/sub/index.rst') {
  const documents = Object.fromEntries(Object.keys(others).map((each) => [each.replace(/\.rst$/, ''), each.replace(/^Documentation\//, '').replace(/\.rst$/, '')]))
  const rendered = renderVersion({
    tree: fromRst(source),
    records: [],
    document: 'sub/index',
    version: 'v1',
    xrefs: {
      index: { labels: {}, documents },
      path: documentPath,
      versionOf: () => 'v1',
      titleOf: (id) => others[`Documentation/${id}.rst`] ?? id,
    },
  })
  const tree = parse(rendered.html)
  const links = elements(tree).filter((node) => node.tagName === 'a')
  return { rendered, tree, links: links.map((link) => [text(link), String(link.properties.href)]) }
}

describe('toctree entries', () => {
  it('kernel-hacking/index.rst lists its two guides by title, with their sections (maxdepth 2)', () => {
    const source = readFileSync(path.join(root, 'Documentation/kernel-hacking/index.rst'), 'utf8')
    const document = corpusDocuments.find((each) => each.document === 'kernel-hacking/index')!
    const file = new VFile()
    const tree = structuredClone(document.tree) as Root
    remarkToctree({
      documents: index.documents,
      path: document.path,
      document: document.document,
      urlOf: (id) => `/docs/${id}/recent/`,
      titleOf: (id) => titles.get(id)!,
      sectionsOf: (id) => mdastSections(corpusDocuments.find((each) => each.document === id)!.tree),
    })(tree, file)
    expect(source).toContain('.. toctree::')
    expect(file.messages).toEqual([])
    const wrapper = tree.children.find((node) => node.type === 'blockquote')!
    const list = (wrapper as { children: Array<{ type: string; children: Array<{ children: Array<{ children: Array<{ type: string; url?: string; children?: Array<{ value: string }> }> }> }> }> }).children[0]
    const top = list.children.map((item) => item.children[0].children[0])
    expect(top.map((link) => [link.children![0].value, link.url])).toEqual([
      ['Unreliable Guide To Hacking The Linux Kernel', '/docs/kernel-hacking/hacking/recent/'],
      ['Unreliable Guide To Locking', '/docs/kernel-hacking/locking/recent/'],
    ])
    // maxdepth 2: the guide's top sections below it, and no deeper.
    const sections = list.children[0].children[1] as unknown as { children: Array<{ children: unknown[] }> }
    expect(sections.children.length).toBeGreaterThan(5)
    expect(sections.children.every((item) => item.children.length === 1)).toBe(true)
  })

  it('RCU/index.rst: entries not in the site are plain text and warnings with their line', () => {
    const document = corpusDocuments.find((each) => each.document === 'RCU/index')!
    const file = new VFile()
    remarkToctree({ documents: index.documents, path: document.path, document: document.document, urlOf: (id) => `/${id}/`, titleOf: (id) => titles.get(id)! })(structuredClone(document.tree), file)
    const lines = readFileSync(path.join(root, document.path), 'utf8').split('\n')
    expect(file.messages.length).toBe(16)
    for (const message of file.messages) {
      expect(message.ruleId).toBe('toctree-missing-document')
      const name = /`([^`]+)`/.exec(message.reason)![1]
      expect(lines[message.line! - 1].trim()).toBe(name)
    }
    expect(toctreeDocuments(document.tree, { documents: index.documents, path: document.path })).toEqual(['RCU/checklist', 'RCU/rcu'])
  })

  it('resolves relative, absolute and `..` targets, explicit titles, self and URLs', () => {
    const { links, rendered } = render(
      'Index\n=====\n\n.. toctree::\n\n   intro\n   Custom <../other/page>\n   /sub/intro\n   self\n   Kernel <https://kernel.org/>\n   missing\n',
      { 'Documentation/sub/intro.rst': 'Introduction', 'Documentation/other/page.rst': 'Other page', 'Documentation/sub/index.rst': 'Index' },
    )
    expect(links).toEqual([
      ['Introduction', '/docs/sub/intro/v1/'],
      ['Custom', '/docs/other/page/v1/'],
      ['Introduction', '/docs/sub/intro/v1/'],
      ['Index', '/docs/sub/index/v1/'],
      ['Kernel', 'https://kernel.org/'],
    ])
    expect(rendered.messages).toEqual(['11:1: toctree entry `missing` names a document that is not in the site'])
  })

  it(':glob: matches documents of the folder in name order, not the document itself; `*` stays in its folder', () => {
    const others = { 'Documentation/sub/b.rst': 'B', 'Documentation/sub/a.rst': 'A', 'Documentation/sub/deep/c.rst': 'C', 'Documentation/sub/index.rst': 'Index' }
    expect(render('.. toctree::\n   :glob:\n\n   *\n', others).links.map(([title]) => title)).toEqual(['A', 'B'])
    expect(render('.. toctree::\n   :glob:\n\n   **\n', others).links.map(([title]) => title)).toEqual(['A', 'B', 'C'])
    expect(render('.. toctree::\n   :glob:\n\n   none*\n', others).rendered.messages).toEqual(['4:1: toctree glob pattern `none*` matches no document of the site'])
  })

  it(':hidden: shows nothing, :caption: titles the list, :numbered: numbers it, :reversed: reverses it', () => {
    const others = { 'Documentation/sub/a.rst': 'A', 'Documentation/sub/b.rst': 'B' }
    const hidden = render('.. toctree::\n   :hidden:\n\n   a\n   b\n', others)
    expect(hidden.links).toEqual([])
    const captioned = render('.. toctree::\n   :caption: Guides\n   :numbered:\n   :reversed:\n\n   a\n   b\n', others)
    expect(captioned.links.map(([title]) => title)).toEqual(['1. B', '2. A'])
    expect(elements(captioned.tree).some((node) => node.tagName === 'p' && text(node) === 'Guides')).toBe(true)
    // The hidden toctree still feeds the navigation.
    expect(toctreeDocuments(fromRst('.. toctree::\n   :hidden:\n\n   a\n'), { documents: { 'Documentation/sub/a': 'sub/a' }, path: 'Documentation/sub/index.rst' })).toEqual(['sub/a'])
  })

  it(':doc: shows the target document title unless the role gives one', () => {
    const { links } = render('See :doc:`intro` and :doc:`the other one <../other/page>`.\n', { 'Documentation/sub/intro.rst': 'Introduction', 'Documentation/other/page.rst': 'Other page' })
    expect(links).toEqual([
      ['Introduction', '/docs/sub/intro/v1/'],
      ['the other one', '/docs/other/page/v1/'],
    ])
  })

  it('expands each document once per toctree: a web of toctrees listing each other stays linear', () => {
    // 40 levels of diamonds: d{n} lists l{n} and r{n}, which both list d{n+1}.
    const toctrees = new Map<string, string[]>()
    for (let n = 0; n < 40; n++) {
      toctrees.set(`sub/d${n}`, [`sub/l${n}`, `sub/r${n}`])
      toctrees.set(`sub/l${n}`, [`sub/d${n + 1}`])
      toctrees.set(`sub/r${n}`, [`sub/d${n + 1}`, 'sub/d0'])
    }
    const documents = Object.fromEntries([...toctrees.keys(), 'sub/d40'].map((id) => [`Documentation/${id}`, id]))
    const tree = fromRst('.. toctree::\n\n   d0\n')
    remarkToctree({ documents, path: 'Documentation/sub/index.rst', document: 'sub/index', urlOf: (id) => `/${id}/`, titleOf: (id) => id, toctreeOf: (id) => toctrees.get(id) ?? [] })(tree, new VFile())
    const html = renderVersion({ tree, records: [], document: 'sub/index', version: 'v1' }).html
    const links = elements(parse(html)).filter((node) => node.tagName === 'a')
    expect(links.length).toBe(121) // every document once
  })

  it('never links a script: URLs other than the site\'s go through the sanitizer', () => {
    const { links } = render('.. toctree::\n\n   Evil <javascript://alert(1)>\n   Fine <https://docs.kernel.org/>\n', {})
    expect(links.filter(([, href]) => href.startsWith('javascript'))).toEqual([])
    expect(links).toContainEqual(['Fine', 'https://docs.kernel.org/'])
  })
})
