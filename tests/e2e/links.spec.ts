import { statSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { visit } from 'unist-util-visit'
import type { Element } from 'hast'
import { classesOf, htmlFiles, pagePath, select, site, treeOf } from './site-files.ts'

/** The file a site path is served from, or undefined. */
function fileFor(urlPath: string): string | undefined {
  const target = path.join(site, decodeURIComponent(urlPath))
  for (const candidate of [target, path.join(target, 'index.html')]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {}
  }
  return undefined
}

const idsCache = new Map<string, Set<string>>()
function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file)
  if (!ids) {
    ids = new Set()
    visit(treeOf(file), 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids!.add(node.properties.id)
    })
    idsCache.set(file, ids)
  }
  return ids
}

test('no internal link points to a missing page or anchor', () => {
  const problems: string[] = []
  let checked = 0
  let inToctrees = 0
  for (const file of htmlFiles(site)) {
    const page = pagePath(file)
    // Toctrees are links like any other; count them so the check provably sees them.
    const tree = treeOf(file)
    for (const toctree of select(tree, (node) => classesOf(node).includes('toctree'))) inToctrees += select(toctree, (node) => node.tagName === 'a').length
    visit(tree, 'element', (node: Element) => {
      const href = node.tagName === 'a' ? node.properties.href : undefined
      if (typeof href !== 'string' || /^[a-z]+:/i.test(href)) return
      const url = new URL(href, `http://site${page}`)
      const target = fileFor(url.pathname)
      checked++
      if (!target) problems.push(`${page}: ${href} (no such page)`)
      else if (url.hash && !idsOf(target).has(decodeURIComponent(url.hash.slice(1)))) problems.push(`${page}: ${href} (no such anchor)`)
    })
  }
  expect(problems).toEqual([])
  expect(checked).toBeGreaterThan(100)
  expect(inToctrees).toBeGreaterThan(10)
})
