/**
 * The navigation tree: from the toctrees of the shared corpus, with the
 * folder structure where a folder has no index; and the sidebar of a large
 * site, which leaves far branches out but keeps every document reachable.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { mdastSections, toctreeDocuments } from '../../plugins/remark-toctree/index.ts'
import { collectXrefs } from '../../plugins/remark-xrefs/index.ts'
import { buildNavTree, indexNavTree, type NavDocument, type NavNode } from '../../src/site/lib/nav.ts'
import { sidebarItems, type SidebarItem } from '../../src/site/lib/sidebar.ts'
import { shared } from '../helpers/paths.ts'

const root = path.join(shared, 'corpus/linux-docs')
const rstFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? rstFiles(full) : name.endsWith('.rst') ? [full] : []
  })

function corpusDocuments(): NavDocument[] {
  const parsed = rstFiles(path.join(root, 'Documentation')).map((file) => {
    const kernelPath = path.relative(root, file).split(path.sep).join('/')
    return { document: kernelPath.replace(/^Documentation\//, '').replace(/\.rst$/, ''), path: kernelPath, tree: fromRst(readFileSync(file, 'utf8')) }
  })
  const { documents } = collectXrefs(parsed)
  return parsed.map((each) => ({ document: each.document, path: each.path, title: mdastSections(each.tree)[0]?.text ?? each.document, toctree: toctreeDocuments(each.tree, { documents, path: each.path }) }))
}

const flat = (nodes: readonly NavNode[]): NavNode[] => nodes.flatMap((node) => [node, ...flat(node.children)])
const doc = (document: string, toctree: string[] = [], title = document): NavDocument => ({ document, path: `Documentation/${document}.rst`, title, toctree })

describe('the navigation tree', () => {
  const documents = corpusDocuments()
  const tree = buildNavTree(documents)
  const nav = indexNavTree(tree)

  it('holds every shared document exactly once', () => {
    expect(nav.order.slice().sort()).toEqual(documents.map((each) => each.document).sort())
    expect(new Set(nav.order).size).toBe(nav.order.length)
  })

  it('puts toctree entries under their index, in toctree order, and the rest of a folder after them', () => {
    const locking = flat(tree).find((node) => node.document === 'locking/index')!
    expect(locking.children.map((node) => node.document)).toEqual(['locking/lockdep-design', 'locking/rt-mutex-design', 'locking/ww-mutex-design', 'locking/seqlock'])
    const hacking = flat(tree).find((node) => node.document === 'kernel-hacking/index')!
    expect(hacking.children.map((node) => node.document)).toEqual(['kernel-hacking/hacking', 'kernel-hacking/locking'])
  })

  it('names a folder without an index after the folder, its documents below', () => {
    const mm = tree.find((node) => node.label === 'mm')!
    expect(mm.document).toBeUndefined()
    expect(mm.children.find((node) => node.label === 'damon')!.children.map((node) => node.document)).toEqual(['mm/damon/design'])
    expect(nav.ancestors.get('mm/damon/design')!.map((node) => node.label)).toEqual(['mm', 'damon'])
  })

  it('nests a sub-index under the index that lists it (driver-api lists usb/ documents)', () => {
    const usb = nav.ancestors.get('driver-api/usb/URB')!
    expect(usb[0].document).toBe('driver-api/index')
  })

  it('survives toctrees in a cycle and a root index', () => {
    const cycle = buildNavTree([doc('a/x', ['a/y']), doc('a/y', ['a/x']), doc('b')])
    expect(indexNavTree(cycle).order.sort()).toEqual(['a/x', 'a/y', 'b'])
    const rooted = buildNavTree([{ ...doc('index', ['a']), path: 'Documentation/index.rst' }, doc('a'), doc('b')])
    expect(rooted.map((node) => node.document)).toEqual(['index'])
    expect(rooted[0].children.map((node) => node.document)).toEqual(['a', 'b'])
  })
})

describe('the sidebar of a large site', () => {
  const documents = Array.from({ length: 1000 }, (_, at) => doc(`gen/d${String(at).padStart(4, '0')}`))
  const tree = buildNavTree(documents)
  const hrefOf = (document: string) => `/docs/${document}/`
  const links = (items: readonly SidebarItem[]): string[] => items.flatMap((item) => [...(item.href ? [item.href] : []), ...links(item.children)])

  it('lists the current run of 50 and links each other run to its first document', () => {
    const items = sidebarItems(tree, { current: 'gen/d0123', hrefOf, full: false })
    expect(items).toHaveLength(20)
    const open = items.filter((item) => item.open)
    expect(open).toHaveLength(1)
    expect(open[0].children.map((item) => item.href)).toContain('/docs/gen/d0123/')
    expect(links(items).length).toBe(50 + 19)
  })

  it('reaches every document from any page by following sidebar links', () => {
    const seen = new Set(['gen/d0000'])
    const queue = ['gen/d0000']
    while (queue.length > 0) {
      const current = queue.shift()!
      for (const href of links(sidebarItems(tree, { current, hrefOf, full: false }))) {
        const target = href.slice('/docs/'.length, -1)
        if (!seen.has(target)) queue.push(target), seen.add(target)
      }
    }
    expect(seen.size).toBe(1000)
  })

  it('shows the whole tree when asked', () => {
    expect(links(sidebarItems(tree, { current: 'gen/d0001', hrefOf, full: true }))).toHaveLength(1000)
  })
})
