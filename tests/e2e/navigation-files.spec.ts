/**
 * Navigation across the whole built site, checked on its files: toctree
 * entries show their document's title, every document page's sidebar links
 * to every document, and previous/next walk the toctree order.
 */
import { expect, test } from '@playwright/test'
import type { Element } from 'hast'
import { classesOf, documentOfHref, documentPages, select, textOf, treeOf } from './site-files.ts'

const pages = documentPages()
const documents = [...new Set(pages.map((page) => page.document))].sort()
const hrefOf = (node: Element) => String(node.properties.href ?? '')
const byLabel = (label: string) => (node: Element) => node.tagName === 'nav' && node.properties.ariaLabel === label
const titleOf = (file: string) => textOf(select(treeOf(file), (node) => node.tagName === 'h1')[0]).trim()

test('the site is built from every shared document', () => {
  // 38 documents of the recent tree, and highmem.rst in two versions.
  expect(documents.length).toBeGreaterThanOrEqual(39)
  expect(documents).toContain('mm/highmem')
  expect(documents).toContain('kernel-hacking/index')
})

test('toctree entries link to their document in the same version and show its title', () => {
  const titles = new Map(pages.map((page) => [page.path, titleOf(page.file)]))
  let entries = 0
  for (const page of pages) {
    for (const toctree of select(treeOf(page.file), (node) => classesOf(node).includes('toctree'))) {
      // The entries for documents: the first link of each top-level item (the rest are their sections).
      const list = select(toctree, (node) => node.tagName === 'ul')[0]
      for (const item of list.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li')) {
        const link = select(item, (node) => node.tagName === 'a')[0]
        if (!link) continue // a document not in the site: plain text
        entries++
        const href = hrefOf(link)
        const target = documentOfHref(href)
        expect(target, `${page.path}: ${href}`).toBeDefined()
        // The same version when the target has it (else its newest).
        if (pages.some((other) => other.document === target && other.version === page.version)) expect(href.endsWith(`/${page.version}/`), href).toBe(true)
        expect(textOf(link), `${page.path}: ${href}`).toBe(titles.get(href))
      }
    }
  }
  expect(entries).toBeGreaterThanOrEqual(10)
})

test('an entry whose document is not in the site is plain text, never a link', () => {
  const rcu = pages.find((page) => page.document === 'RCU/index')!
  const toctree = select(treeOf(rcu.file), (node) => classesOf(node).includes('toctree'))[0]
  const items = select(toctree, (node) => node.tagName === 'li' && textOf(node) === 'lockdep')
  expect(items).toHaveLength(1)
  expect(select(items[0], (node) => node.tagName === 'a')).toHaveLength(0)
  // The two entries that are in the site are links with their titles.
  const list = select(toctree, (node) => node.tagName === 'ul')[0]
  const documentLinks = list.children.flatMap((item) => (item.type === 'element' ? select(item, (node) => node.tagName === 'a').slice(0, 1) : []))
  expect(documentLinks.map(textOf)).toEqual(['Review Checklist for RCU Patches', 'RCU Concepts'])
})

test("every document page's sidebar links to every document, and marks the page", () => {
  for (const page of pages) {
    const sidebar = select(treeOf(page.file), byLabel('Documents'))
    expect(sidebar, page.path).toHaveLength(1)
    const links = select(sidebar[0], (node) => node.tagName === 'a')
    expect([...new Set(links.map((link) => documentOfHref(hrefOf(link))))].sort(), page.path).toEqual(documents)
    const current = links.filter((link) => link.properties.ariaCurrent === 'page')
    expect(current.map(hrefOf), page.path).toEqual([page.path])
  }
})

test('previous and next walk every document once, in the order of the sidebar and the toctrees', () => {
  const recent = pages.filter((page) => page.version === 'recent' || page.document === 'mm/highmem' && page.version === 'kmap-notes-v1')
  const step = (path: string, rel: 'next' | 'prev') => {
    const file = recent.find((page) => page.path === path)!.file
    const link = select(treeOf(file), (node) => node.tagName === 'a' && String(node.properties.rel ?? '') === rel)[0]
    return link && hrefOf(link)
  }
  const first = recent.find((page) => !step(page.path, 'prev'))!
  const order = [first.path]
  for (let next = step(first.path, 'next'); next; next = step(next, 'next')) order.push(next)
  // The sidebar lists the same documents in the same order.
  const sidebar = select(select(treeOf(first.file), byLabel('Documents'))[0], (node) => node.tagName === 'a').map(hrefOf)
  expect(order).toEqual(sidebar)
  expect(new Set(order.map(documentOfHref)).size).toBe(documents.length)
  // Backwards is the same walk reversed.
  const back = [order.at(-1)!]
  for (let previous = step(order.at(-1)!, 'prev'); previous; previous = step(previous, 'prev')) back.push(previous)
  expect(back).toEqual([...order].reverse())
  // Toctree order: an index, then what its toctree lists, in its order.
  const at = (document: string) => order.findIndex((path) => documentOfHref(path) === document)
  expect([at('kernel-hacking/index') + 1, at('kernel-hacking/index') + 2]).toEqual([at('kernel-hacking/hacking'), at('kernel-hacking/locking')])
  expect(at('RCU/checklist')).toBeLessThan(at('RCU/rcu'))
})
