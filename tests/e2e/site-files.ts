/** Reading the built site's files (the static checks: links, navigation). */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { fromHtml } from 'hast-util-from-html'
import type { Element, Root } from 'hast'

export const site = fileURLToPath(new URL('../../.strata-test/site/', import.meta.url))

export function htmlFiles(dir: string = site): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name)
      return statSync(full).isDirectory() ? htmlFiles(full) : name.endsWith('.html') ? [full] : []
    })
}

/** The site path of a built file (`/docs/mm/hmm/recent/`). */
export const pagePath = (file: string) => '/' + path.relative(site, file).replace(/index\.html$/, '')

/** A built page's tree (parsed afresh: a thousand pages of trees would not fit in memory). */
export function treeOf(file: string): Root {
  return fromHtml(readFileSync(file, 'utf8'))
}

export const classesOf = (node: Element): string[] => (Array.isArray(node.properties.className) ? node.properties.className.map(String) : [])

/** Every element below `node` (depth first) that passes `test`. */
export function select(node: Root | Element, test: (element: Element) => boolean): Element[] {
  const found: Element[] = []
  const walk = (current: Root | Element) => {
    for (const child of current.children) {
      if (child.type !== 'element') continue
      if (test(child)) found.push(child)
      walk(child)
    }
  }
  walk(node)
  return found
}

export const textOf = (node: Element | Root): string =>
  node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('')

/** The document pages: `/docs/<document>/<version>/`, with their document and version. */
export function documentPages(): Array<{ file: string; path: string; document: string; version: string }> {
  return htmlFiles(path.join(site, 'docs')).map((file) => {
    const parts = pagePath(file).split('/').filter(Boolean).slice(1)
    return { file, path: pagePath(file), document: decodeURIComponent(parts.slice(0, -1).join('/')), version: decodeURIComponent(parts.at(-1)!) }
  })
}

/** The document a `/docs/…/VERSION/` link points to, or undefined for other links. */
export function documentOfHref(href: string): string | undefined {
  const match = /^\/docs\/(.+)\/[^/]+\/$/.exec(href.split('#')[0])
  return match ? decodeURIComponent(match[1]) : undefined
}
