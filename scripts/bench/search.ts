/**
 * Search: what a reader downloads and how long a query takes.
 *
 * Sizes, per corpus size: the per-version index files (`/search/<key>.json`,
 * median, smallest and largest across versions), the all-versions index
 * (`/search/all.json`, what the home page's search box loads) and Sphinx's
 * `searchindex.js` for the same corpus, raw and gzip.
 *
 * Latency, at the largest size built: in Chromium, against the built site
 * served by `scripts/serve.mjs` on 127.0.0.1. The page imports the site's own
 * lazy query chunk (`/_astro/query.*.js`, which exports `loadSearchIndex`
 * and `runSearch`), loads an index and times `runSearch` for 50 fixed
 * queries. Two indexes: the largest per-version file (what a document page's
 * search box loads: its own version, at worst the biggest) and `all.json`
 * (the "All versions" scope, the default where a page has no version). Each query repeats until 1 ms has passed and counts the mean, so
 * Chromium's coarse `performance.now()` (100 µs) does not round it to 0.
 * One warm-up pass, then `runs` passes; each pass gives a p50 and a p95.
 */
import { spawn } from 'node:child_process'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { projectRoot } from '../conformance/corpus.ts'
import { freePort } from './net.ts'
import { gzipBytes } from './page-weight.ts'
import { summarise } from './stats.ts'
import { failedRow, type BenchRow, type Suite } from './suite.ts'
import { sizeLabel, type SizeName } from './workspace.ts'

/** Chromium, as the Playwright tests use it. */
export const chromiumPath = process.env.STRATA_CHROMIUM || '/usr/lib/chromium/chromium'

/**
 * The 50 queries: plain words of kernel memory-management prose, identifier
 * suffixes the generator keeps (it renames the first segment), prefixes,
 * wildcards, fields, presence and typos, as readers type them.
 */
export const queries: readonly string[] = [
  'page', 'memory', 'migration', 'mapping', 'lock', 'free', 'zone', 'hugetlb', 'reserve', 'slab',
  'cache', 'pte', 'pmd', 'pud', 'folio', 'mirror', 'device', 'range', 'fault', 'owner',
  'local_page', 'migrate_pages', 'alloc', 'unmap', 'kmap', 'config', 'struct page', 'address space', 'reservation map', 'region',
  'pag*', '*_page', 'mig*', 'name:*_pte', 'status:deprecated', 'status:current', '+page -zone', 'huge^2 page', 'kind:function', 'kind:macro',
  'memroy', 'migraton~1', 'pgae~1', 'hugetbl~2', 'reserv*', 'x', 'the', 'ZONE', 'CONFIG', 'mmu notifier',
]

/**
 * Serve a site with `scripts/serve.mjs` until `stop` is called.
 *
 * @returns
 *   Base URL and a function that stops the server.
 */
async function serve(site: string): Promise<{ base: string; stop: () => void }> {
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(projectRoot, 'scripts/serve.mjs'), site, String(port)], { stdio: 'ignore' })
  const base = `http://127.0.0.1:${port}`
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await fetch(`${base}/`).then((response) => response.ok, () => false)) return { base, stop: () => child.kill() }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill()
  throw new Error(`scripts/serve.mjs did not answer on ${base}`)
}

/** What the page reports. */
interface PageTiming {
  loadMs: number
  /** Per pass, per query, milliseconds. */
  passes: number[][]
  results: number
}

/**
 * Percentile by nearest rank.
 *
 * @returns
 *   The value at `p` (0–1).
 */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]
}

/**
 * The code run in the page, as source text: the bench runs through tsx,
 * whose transform adds helpers (`__name`) that do not exist in the page, so
 * the function cannot be passed to `page.evaluate` as a function.
 */
const browserTiming = `async ({ chunk, index: indexUrl, queries, runs }) => {
  const module = await import(chunk)
  const start = performance.now()
  const json = await (await fetch(indexUrl)).json()
  const { index, store } = module.loadSearchIndex(json)
  const loadMs = performance.now() - start
  let results = 0
  const pass = () => queries.map((query) => {
    let count = 0
    let elapsed = 0
    const begin = performance.now()
    do {
      results += module.runSearch(index, store, query, {}).results.length
      count++
      elapsed = performance.now() - begin
    } while (elapsed < 1)
    return elapsed / count
  })
  pass()
  const passes = Array.from({ length: runs }, pass)
  return { loadMs, passes, results }
}`

/**
 * Time the queries in Chromium against a served site.
 *
 * @param index
 *   The index's file name in `/search/`.
 * @returns
 *   Timings.
 */
async function timeInChromium(site: string, index: string, runs: number): Promise<PageTiming> {
  const chunk = (await readdir(path.join(site, '_astro'))).find((name) => /^query\..*\.js$/.test(name))
  if (!chunk) throw new Error('no /_astro/query.*.js chunk in the built site')
  const server = await serve(site)
  const browser = await chromium.launch({ executablePath: chromiumPath })
  try {
    const page = await browser.newPage()
    await page.goto(`${server.base}/`)
    const args = JSON.stringify({ chunk: `/_astro/${chunk}`, index: `/search/${encodeURIComponent(index)}`, queries, runs })
    return (await page.evaluate(`(${browserTiming})(${args})`)) as PageTiming
  } finally {
    await browser.close()
    server.stop()
  }
}

/**
 * Raw and gzip sizes of files, in kB.
 *
 * @returns
 *   Two lists.
 */
async function sizesOf(files: readonly string[]): Promise<{ raw: number[]; gzip: number[] }> {
  const raw: number[] = []
  const gzip: number[] = []
  for (const file of files) {
    const data = await readFile(file)
    raw.push(data.length / 1e3)
    gzip.push(gzipBytes(data) / 1e3)
  }
  return { raw, gzip }
}

/**
 * The biggest of some files.
 *
 * @returns
 *   Its name, or undefined when there are none.
 */
async function largestFile(folder: string, names: readonly string[]): Promise<string | undefined> {
  let best: { name: string; size: number } | undefined
  for (const name of [...names].sort()) {
    const { size } = await stat(path.join(folder, name))
    if (!best || size > best.size) best = { name, size }
  }
  return best?.name
}

/** Index sizes and query latency. */
export const searchSuite: Suite = {
  name: 'search',
  async run(context) {
    const { workspace } = context
    const rows: BenchRow[] = []
    const built = workspace.sizes.filter((size) => workspace.strataSites.has(size))
    if (built.length === 0) return [failedRow('search', 'index sizes', 'kB', 'no Strata site was built')]
    for (const size of built) {
      const site = workspace.strataSites.get(size)!
      const label = sizeLabel(size, (await workspace.corpora.get(size))?.files.length)
      const folder = path.join(site, 'search')
      const files = (await readdir(folder)).filter((name) => name.endsWith('.json'))
      const perVersion = await sizesOf(files.filter((name) => name !== 'all.json').map((name) => path.join(folder, name)))
      const all = await sizesOf([path.join(folder, 'all.json')])
      const note = `${perVersion.raw.length} version files; median, smallest and largest`
      rows.push({ suite: 'search', name: `strata: index per version, raw, ${label}`, unit: 'kB', ...summarise(perVersion.raw), note })
      rows.push({ suite: 'search', name: `strata: index per version, gzip, ${label}`, unit: 'kB', ...summarise(perVersion.gzip) })
      rows.push({ suite: 'search', name: `strata: index all versions, raw, ${label}`, unit: 'kB', ...summarise(all.raw) })
      rows.push({ suite: 'search', name: `strata: index all versions, gzip, ${label}`, unit: 'kB', ...summarise(all.gzip) })
      const sphinxNames = [`sphinx: searchindex.js, raw, ${label}`, `sphinx: searchindex.js, gzip, ${label}`]
      const sphinxSite = workspace.sphinxSites.get(size)
      if (sphinxSite) {
        const sphinx = await sizesOf([path.join(sphinxSite, 'searchindex.js')])
        rows.push({ suite: 'search', name: sphinxNames[0], unit: 'kB', ...summarise(sphinx.raw), note: 'one index for the whole corpus' })
        rows.push({ suite: 'search', name: sphinxNames[1], unit: 'kB', ...summarise(sphinx.gzip) })
      } else {
        for (const name of sphinxNames) rows.push(failedRow('search', name, 'kB', 'no Sphinx site (sphinx-build not installed, or its build failed)'))
      }
    }

    const size: SizeName = built[built.length - 1]
    const site = workspace.strataSites.get(size)!
    const label = sizeLabel(size, (await workspace.corpora.get(size))?.files.length)
    const versionFiles = (await readdir(path.join(site, 'search'))).filter((name) => name.endsWith('.json') && name !== 'all.json')
    const largest = await largestFile(path.join(site, 'search'), versionFiles)
    const indexes = [
      { file: largest, title: 'largest version index' },
      { file: 'all.json', title: 'all.json' },
    ]
    for (const { file, title } of indexes) {
      const names = {
        load: `chromium: load ${title} + lunr index, ${label}`,
        p50: `chromium: query p50 (50 queries, ${title}), ${label}`,
        p95: `chromium: query p95 (50 queries, ${title}), ${label}`,
      }
      try {
        if (!file) throw new Error('no per-version index in the built site')
        context.log(`search: ${queries.length} queries in Chromium on ${file}, ${label}`)
        const timing = await timeInChromium(site, file, context.runs)
        if (timing.results === 0) throw new Error('no query found anything')
        rows.push({ suite: 'search', name: names.load, unit: 'ms', ...summarise([timing.loadMs]), note: file })
        rows.push({ suite: 'search', name: names.p50, unit: 'ms', ...summarise(timing.passes.map((pass) => percentile(pass, 0.5))) })
        const slowest = timing.passes.flat().reduce((a, b) => Math.max(a, b), 0)
        rows.push({
          suite: 'search',
          name: names.p95,
          unit: 'ms',
          ...summarise(timing.passes.map((pass) => percentile(pass, 0.95))),
          note: `slowest single query ${slowest.toFixed(2)} ms`,
        })
      } catch (error) {
        for (const name of Object.values(names)) rows.push(failedRow('search', name, 'ms', error))
      }
    }
    return rows
  },
}
