/**
 * Page weight of a built Strata site: HTML, CSS and JavaScript bytes after
 * gzip (level 6, a common server default) for one page of each type. CSS is
 * every linked stylesheet; JavaScript is every module script and island
 * (component and renderer) plus the chunks they import statically, which is
 * what a reader downloads before interacting. Chunks loaded on demand (the
 * search query code, the index) are not counted: the search suite measures
 * the index. Measured at the smallest and the largest size built, so growth
 * with the corpus shows.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { failedRow, type BenchRow, type Suite } from './suite.ts'
import { sizeLabel, type SizeName } from './workspace.ts'

/** Page types, with the folder of the site their first page is found in. */
export const pageTypes: Array<{ type: string; folder: string }> = [
  { type: 'home', folder: '' },
  { type: 'document', folder: 'docs' },
  { type: 'API', folder: 'api' },
  { type: 'compare', folder: 'compare' },
  { type: 'deprecations', folder: 'deprecations' },
  { type: 'simulator', folder: 'simulator' },
]

/**
 * Targets, in kB of gzip at 1,000 documents: the home page lists every
 * document, so it is the page that grows with the corpus (issue #12).
 */
export const weightTargets: Record<string, { kind: 'HTML' | 'CSS' | 'JS'; kB: number }> = {
  home: { kind: 'HTML', kB: 30 },
}

/** The note of a figure with a target: whether it is met. */
export function targetNote(type: string, kind: string, documents: number | undefined, bytes: number): string | undefined {
  const target = weightTargets[type]
  if (!target || target.kind !== kind || documents !== 1000) return undefined
  return `target ≤ ${target.kB} kB at 1,000 documents: ${bytes / 1e3 <= target.kB ? 'met' : 'MISSED'}`
}

/**
 * The first `index.html` under a folder of the site, depth first in name order.
 *
 * @returns
 *   Absolute path, or undefined.
 */
async function firstPage(folder: string): Promise<string | undefined> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
  if (entries.some((entry) => entry.isFile() && entry.name === 'index.html')) return path.join(folder, 'index.html')
  for (const entry of entries.filter((entry) => entry.isDirectory() && entry.name !== '_astro').sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const found = await firstPage(path.join(folder, entry.name))
    if (found) return found
  }
  return undefined
}

/**
 * Gzipped size.
 *
 * @returns
 *   Bytes.
 */
export function gzipBytes(data: string | Buffer): number {
  return gzipSync(data).length
}

/** Static imports in a built chunk (`import{a as b}from"./x.js"`, `import"./y.js"`), not `import()`. */
const staticImport = /(?:^|[;\s}])import\s*(?:[\w{}$*,\s]+?from\s*)?["']([^"']+\.js)["']/g

/**
 * HTML, CSS and JS gzip bytes of one page.
 *
 * @returns
 *   The three figures.
 */
export async function weighPage(site: string, page: string): Promise<{ html: number; css: number; js: number }> {
  const html = await readFile(page, 'utf8')
  const local = (url: string, from = '/') => path.join(site, url.startsWith('/') ? url : path.posix.join(path.posix.dirname(from), url))
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((match) => match[1])
  const roots = [
    ...[...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]),
    ...[...html.matchAll(/(?:component|renderer)-url="([^"]+)"/g)].map((match) => match[1]),
  ]
  const seen = new Set<string>()
  let js = 0
  const queue = [...roots]
  while (queue.length > 0) {
    const url = queue.shift()!
    if (seen.has(url)) continue
    seen.add(url)
    const text = await readFile(local(url))
    js += gzipBytes(text)
    for (const match of text.toString('utf8').matchAll(staticImport)) queue.push(path.posix.join(path.posix.dirname(url), match[1]))
  }
  let cssBytes = 0
  for (const url of new Set(css)) cssBytes += gzipBytes(await readFile(local(url)))
  return { html: gzipBytes(html), css: cssBytes, js }
}

/** Page weight by page type. */
export const pageWeightSuite: Suite = {
  name: 'page weight',
  async run(context) {
    const built = [...context.workspace.strataSites.keys()]
    const sizes = [...new Set([built[0], built[built.length - 1]])].filter(Boolean) as SizeName[]
    const rows: BenchRow[] = []
    if (sizes.length === 0) return [failedRow('page weight', 'pages', 'kB', 'no Strata site was built')]
    for (const size of sizes) {
      const site = context.workspace.strataSites.get(size)!
      const documents = (await context.workspace.corpora.get(size))?.files.length
      const label = sizeLabel(size, documents)
      for (const { type, folder } of pageTypes) {
        const names = (['HTML', 'CSS', 'JS'] as const).map((kind) => `${type} page: ${kind} (gzip), ${label}`)
        try {
          const page = await firstPage(path.join(site, folder))
          if (!page) throw new Error(`no ${type} page under /${folder}`)
          const weight = await weighPage(site, page)
          const note = `/${path.relative(site, path.dirname(page))}/`.replace(/^\/\/$/, '/')
          const figures = [weight.html, weight.css, weight.js]
          names.forEach((name, at) => {
            const target = targetNote(type, (['HTML', 'CSS', 'JS'] as const)[at], documents, figures[at])
            const remark = [at === 0 ? note : undefined, target].filter(Boolean).join('; ') || undefined
            rows.push({ suite: 'page weight', name, unit: 'kB', median: figures[at] / 1e3, min: figures[at] / 1e3, max: figures[at] / 1e3, runs: 1, note: remark })
          })
        } catch (error) {
          for (const name of names) rows.push(failedRow('page weight', name, 'kB', error))
        }
      }
    }
    return rows
  },
}
