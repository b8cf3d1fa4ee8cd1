/**
 * Search: what a reader downloads and how long a query takes.
 *
 * Sizes, per corpus size: the per-version index files (`/search/<key>.json`,
 * one file each: median, smallest and largest across versions), the
 * all-versions index as a whole (`/search/all.json`, its head, plus every
 * `all!<part>.json`: term shards, store chunks, vocabulary; a query loads a
 * few of them) and its head alone, and Sphinx's `searchindex.js` for the
 * same corpus, raw and gzip.
 *
 * In Chromium, at the largest size built, against the built site served by
 * `scripts/serve.mjs` on 127.0.0.1. The page imports the site's own lazy
 * query chunk (`/_astro/query.*.js`, which exports `openSearchIndex`,
 * `runSearch` and `partKey`) and opens an index with a fetcher that notes
 * every file it fetches. Two indexes: the largest per-version file (what a
 * document page's search loads: its own version, at worst the biggest) and
 * the all-versions index (the "All versions" scope, the default on pages of
 * no version).
 *
 * - All versions, first query: the files the first of the 50 queries
 *   fetches from a cold start (head, shards, chunks), as gzip bytes of those
 *   files, and the time from the first fetch to the answer. Target ≤ 300 kB.
 * - All versions, per query from cold: the same bytes for each of the 50
 *   queries as if it were the first (a fresh index each), median and range.
 * - Latency (p50, p95): each query runs once to fetch what it needs (and as
 *   the warm-up), then repeats until 1 ms has passed and counts the mean, so
 *   Chromium's coarse `performance.now()` (100 µs) does not round it to 0.
 *   `runs` passes; each pass gives a p50 and a p95. Target p95 ≤ 10 ms for
 *   all versions.
 */
import { spawn } from 'node:child_process'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { projectRoot } from '../conformance/corpus.ts'
import { freePort } from './net.ts'
import { gzipBytes } from './page-weight.ts'
import { strataBuild } from './site.ts'
import { summarise } from './stats.ts'
import { failedRow, type BenchContext, type BenchRow, type Suite } from './suite.ts'
import { corpusFor, sizeLabel, type SizeName } from './workspace.ts'

/** The targets of issue 12, at 1,000 documents: what the first all-versions query loads, and its p95. */
export const targets = { firstQueryKb: 300, p95Ms: 10 }

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
  /** The first query from a cold start: milliseconds to its answer, and the file keys fetched. */
  first: { ms: number; fetched: string[] }
  /** For each query, the file keys it fetches from a cold start. */
  cold: string[][]
  /** Per pass, per query, milliseconds (warm). */
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
const browserTiming = `async ({ chunk, key, queries, runs }) => {
  const module = await import(chunk)
  const json = async (file) => (await fetch('/search/' + encodeURIComponent(file) + '.json')).json()
  /** A fresh index of \`key\`, noting into \`fetched\` every file it fetches. */
  const open = async (fetched) => {
    fetched.push(key)
    const head = await json(key)
    return module.openSearchIndex(head, (part) => {
      fetched.push(module.partKey(key, part))
      return json(module.partKey(key, part))
    })
  }
  const firstFetched = []
  const start = performance.now()
  await module.runSearch(await open(firstFetched), queries[0], {})
  const first = { ms: performance.now() - start, fetched: firstFetched }
  const cold = []
  for (const query of queries) {
    const fetched = []
    await module.runSearch(await open(fetched), query, {})
    cold.push(fetched)
  }
  const index = await open([])
  let results = 0
  for (const query of queries) results += (await module.runSearch(index, query, {})).results.length
  const pass = async () => {
    const times = []
    for (const query of queries) {
      let count = 0
      let elapsed = 0
      const begin = performance.now()
      do {
        await module.runSearch(index, query, {})
        count++
        elapsed = performance.now() - begin
      } while (elapsed < 1)
      times.push(elapsed / count)
    }
    return times
  }
  const passes = []
  for (let run = 0; run < runs; run++) passes.push(await pass())
  return { first, cold, passes, results }
}`

/**
 * Time the queries in Chromium against a served site.
 *
 * @param key
 *   The index's key (`all`, or a version key): its head is `/search/<key>.json`.
 * @returns
 *   Timings.
 */
async function timeInChromium(site: string, key: string, runs: number): Promise<PageTiming> {
  const chunk = (await readdir(path.join(site, '_astro'))).find((name) => /^query\..*\.js$/.test(name))
  if (!chunk) throw new Error('no /_astro/query.*.js chunk in the built site')
  const server = await serve(site)
  const browser = await chromium.launch({ executablePath: chromiumPath })
  try {
    const page = await browser.newPage()
    await page.goto(`${server.base}/`)
    const args = JSON.stringify({ chunk: `/_astro/${chunk}`, key, queries, runs })
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

/**
 * The Strata site of each size: the one the site suite built, else one
 * built here (`npm run bench -- --suites search`).
 *
 * @returns
 *   Size → site folder, for the sizes that have one.
 */
async function strataSites(context: BenchContext): Promise<Map<SizeName, string>> {
  const { workspace } = context
  if (context.previous.some((row) => row.suite === 'site build')) return workspace.strataSites
  for (const size of workspace.sizes) {
    const out = path.join(workspace.root, size, 'strata-site')
    context.log(`search: building the Strata site, ${size}`)
    await strataBuild((await corpusFor(workspace, size)).root, out)
    workspace.strataSites.set(size, out)
  }
  return workspace.strataSites
}

/** Whether a search file name is a per-version index: a version key (`doc@id`) and no part. */
const isVersionIndex = (name: string) => name.includes('@') && !name.includes('!')
/** Whether a search file is the all-versions index's head or one of its parts. */
const isAllIndex = (name: string) => name === 'all.json' || name.startsWith('all!')

/** The total of some figures. */
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)

/** `met` or `missed`, for a note. */
const verdict = (value: number, target: number, unit: string) => `target ≤ ${target} ${unit}: ${value <= target ? 'met' : 'missed'}`

/** Index sizes, what the first query loads, and query latency. */
export const searchSuite: Suite = {
  name: 'search',
  async run(context) {
    const { workspace } = context
    const rows: BenchRow[] = []
    const sites = await strataSites(context)
    const built = workspace.sizes.filter((size) => sites.has(size))
    if (built.length === 0) return [failedRow('search', 'index sizes', 'kB', 'no Strata site was built')]
    for (const size of built) {
      const site = sites.get(size)!
      const label = sizeLabel(size, (await workspace.corpora.get(size))?.files.length)
      const folder = path.join(site, 'search')
      const files = (await readdir(folder)).filter((name) => name.endsWith('.json'))
      // A version's index is one file unless it outgrew inlining: then its head and its parts.
      const perVersion = { raw: [] as number[], gzip: [] as number[] }
      for (const head of files.filter(isVersionIndex)) {
        const key = head.slice(0, -'.json'.length)
        const own = await sizesOf([head, ...files.filter((name) => name.startsWith(`${key}!`))].map((name) => path.join(folder, name)))
        perVersion.raw.push(sum(own.raw))
        perVersion.gzip.push(sum(own.gzip))
      }
      const allFiles = files.filter(isAllIndex)
      const all = await sizesOf(allFiles.map((name) => path.join(folder, name)))
      const head = await sizesOf([path.join(folder, 'all.json')])
      const note = `${perVersion.raw.length} version indexes; median, smallest and largest`
      rows.push({ suite: 'search', name: `strata: index per version, raw, ${label}`, unit: 'kB', ...summarise(perVersion.raw), note })
      rows.push({ suite: 'search', name: `strata: index per version, gzip, ${label}`, unit: 'kB', ...summarise(perVersion.gzip) })
      const allNote = allFiles.length === 1 ? 'one file (small enough to carry its parts inline)' : `${allFiles.length} files: head, term shards, store chunks, vocabulary; a query fetches a few`
      rows.push({ suite: 'search', name: `strata: index all versions, raw, ${label}`, unit: 'kB', ...summarise([sum(all.raw)]), note: allNote })
      rows.push({ suite: 'search', name: `strata: index all versions, gzip, ${label}`, unit: 'kB', ...summarise([sum(all.gzip)]) })
      rows.push({ suite: 'search', name: `strata: index all versions, head only, gzip, ${label}`, unit: 'kB', ...summarise(head.gzip) })
      const sphinxNames = [`sphinx: searchindex.js, raw, ${label}`, `sphinx: searchindex.js, gzip, ${label}`]
      const sphinxSite = workspace.sphinxSites.get(size)
      if (sphinxSite) {
        const sphinx = await sizesOf([path.join(sphinxSite, 'searchindex.js')])
        rows.push({ suite: 'search', name: sphinxNames[0], unit: 'kB', ...summarise(sphinx.raw), note: 'one index for the whole corpus' })
        rows.push({ suite: 'search', name: sphinxNames[1], unit: 'kB', ...summarise(sphinx.gzip) })
      } else if (context.previous.some((row) => row.suite === 'site build')) {
        for (const name of sphinxNames) rows.push(failedRow('search', name, 'kB', 'no Sphinx site (sphinx-build not installed, or its build failed)'))
      }
    }

    const size: SizeName = built[built.length - 1]
    const site = sites.get(size)!
    const label = sizeLabel(size, (await workspace.corpora.get(size))?.files.length)
    const folder = path.join(site, 'search')
    const versionFiles = (await readdir(folder)).filter((name) => name.endsWith('.json') && isVersionIndex(name))
    const largest = await largestFile(folder, versionFiles)
    /** gzip kB of some search files, by key. */
    const gzipKb = async (keys: readonly string[]) => sum((await sizesOf([...new Set(keys)].map((key) => path.join(folder, `${key}.json`)))).gzip)
    const indexes = [
      { key: largest?.slice(0, -'.json'.length), title: 'largest version index' },
      { key: 'all', title: 'all versions' },
    ]
    for (const { key, title } of indexes) {
      const names = {
        first: `chromium: first query, fetch and answer (${title}), ${label}`,
        p50: `chromium: query p50 (50 queries, ${title}), ${label}`,
        p95: `chromium: query p95 (50 queries, ${title}), ${label}`,
        loaded: `chromium: first query loads, gzip (${title}), ${label}`,
        cold: `chromium: one query from cold loads, gzip (50 queries, ${title}), ${label}`,
      }
      const wanted = key === 'all' ? Object.values(names) : [names.first, names.p50, names.p95]
      try {
        if (!key) throw new Error('no per-version index in the built site')
        context.log(`search: ${queries.length} queries in Chromium on ${key}, ${label}`)
        const timing = await timeInChromium(site, key, context.runs)
        if (timing.results === 0) throw new Error('no query found anything')
        const firstKb = await gzipKb(timing.first.fetched)
        rows.push({ suite: 'search', name: names.first, unit: 'ms', ...summarise([timing.first.ms]), note: `${JSON.stringify(queries[0])}, ${timing.first.fetched.length} file${timing.first.fetched.length === 1 ? '' : 's'}` })
        rows.push({ suite: 'search', name: names.p50, unit: 'ms', ...summarise(timing.passes.map((pass) => percentile(pass, 0.5))) })
        const slowest = timing.passes.flat().reduce((a, b) => Math.max(a, b), 0)
        const p95 = summarise(timing.passes.map((pass) => percentile(pass, 0.95)))
        const p95Note = key === 'all' ? `${verdict(p95.median, targets.p95Ms, 'ms')}; ` : ''
        rows.push({ suite: 'search', name: names.p95, unit: 'ms', ...p95, note: `${p95Note}slowest single query ${slowest.toFixed(2)} ms` })
        if (key === 'all') {
          rows.push({ suite: 'search', name: names.loaded, unit: 'kB', ...summarise([firstKb]), note: verdict(firstKb, targets.firstQueryKb, 'kB') })
          const cold = await Promise.all(timing.cold.map(gzipKb))
          const heaviest = queries[cold.indexOf(Math.max(...cold))]
          rows.push({ suite: 'search', name: names.cold, unit: 'kB', ...summarise(cold), note: `median, least and most over the queries; most: ${JSON.stringify(heaviest)}` })
        }
      } catch (error) {
        for (const name of wanted) rows.push(failedRow('search', name, name === names.loaded || name === names.cold ? 'kB' : 'ms', error))
      }
    }
    return rows
  },
}
