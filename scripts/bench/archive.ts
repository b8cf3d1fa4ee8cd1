/**
 * How much of a patch a web archive mangled comes back: edits of the corpus
 * documents are mailed, mangled as an archive shows them, and applied to the
 * original with the patch's `index` line and without it. Each case comes out
 * exact from the rules alone, exact once the blob settled the open choices,
 * the same only in rendering, or different.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { rstParse, rstSanitizeSchema, rstToHastHandlers } from '../../plugins/rst-parse/index.ts'
import { findRstFiles, projectRoot } from '../conformance/corpus.ts'
import { applyToDocument } from '../../src/ingest/apply/index.ts'
import { readPatches } from '../../src/ingest/read/index.ts'
import { editsOf, type ArchiveCase } from './archive-edits.ts'
import { formatPatchMail, mangleAsArchive } from './archive-mangle.ts'
import type { BenchRow, Suite } from './suite.ts'

/** How a case came out. */
export type ArchiveOutcome = 'exact' | 'settled' | 'rendering' | 'differs' | 'failed'

export interface ArchiveResult {
  case: ArchiveCase
  outcome: ArchiveOutcome
}

/**
 * The cases for every `.rst` document below the shared corpus.
 *
 * @param corpus
 *   The folder (default `../shared/corpus`).
 * @param limit
 *   At most this many documents (quick runs).
 */
export async function archiveCases(corpus = path.resolve(projectRoot, '..', 'shared', 'corpus'), limit = Infinity): Promise<ArchiveCase[]> {
  const files = (await findRstFiles(corpus)).slice(0, limit)
  const cases: ArchiveCase[] = []
  for (const file of files) {
    const relative = path.relative(corpus, file).split(path.sep)
    // The kernel path starts at `Documentation/` whatever tree the file is in.
    const at = relative.indexOf('Documentation')
    cases.push(...editsOf(relative.slice(at < 0 ? 0 : at).join('/'), await readFile(file, 'utf8')))
  }
  return cases
}

/** Apply a case's archive text to its document, with or without the `index` line. */
async function applyArchive(item: ArchiveCase, archive: string): Promise<string | undefined> {
  const file = new VFile({ path: `${item.path}.${item.kind}.txt`, value: archive })
  try {
    return applyToDocument(item.before, item.path, await readPatches(file), file)?.text
  } catch {
    return undefined
  }
}

const processor = unified().use(rstParse).use(remarkRehype, { handlers: rstToHastHandlers }).use(rehypeSanitize, rstSanitizeSchema).use(rehypeStringify)

/**
 * The document as a reader sees it: the site's sanitised HTML, with runs of
 * whitespace outside `<pre>` folded, as a browser shows them.
 */
function rendered(text: string): string {
  const file = new VFile({ value: text })
  const html = String(processor.stringify(processor.runSync(processor.parse(file), file) as never, file))
  return html
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/\s+/g, ' ')))
    .join('')
}

/**
 * Run one case.
 *
 * @param item
 *   The edit.
 * @returns
 *   Its outcome.
 */
export async function evaluateCase(item: ArchiveCase): Promise<ArchiveResult> {
  const archive = mangleAsArchive(formatPatchMail(item))
  const withBlob = await applyArchive(item, archive)
  if (withBlob === undefined) return { case: item, outcome: 'failed' }
  const byRules = await applyArchive(item, archive.replace(/^index [0-9a-f]+\.\.[0-9a-f]+.*\n/m, ''))
  if (byRules === item.after) return { case: item, outcome: 'exact' }
  if (withBlob === item.after) return { case: item, outcome: 'settled' }
  return { case: item, outcome: rendered(withBlob) === rendered(item.after) ? 'rendering' : 'differs' }
}

/** Counts of each outcome. */
export function tally(results: readonly ArchiveResult[]): Record<ArchiveOutcome, number> {
  const counts: Record<ArchiveOutcome, number> = { exact: 0, settled: 0, rendering: 0, differs: 0, failed: 0 }
  for (const result of results) counts[result.outcome]++
  return counts
}

const labels: Record<ArchiveOutcome, string> = {
  exact: 'exact from the rules alone',
  settled: 'exact once the blob settled it',
  rendering: 'same rendering only',
  differs: 'renders differently',
  failed: 'did not apply',
}

/** The names of the suite's rows, for tests. */
export const archiveRowNames = ['mangled patches', ...Object.values(labels)]

export const archiveSuite: Suite = {
  name: 'archive text',
  async run(context) {
    const cases = await archiveCases(undefined, context.quick ? 6 : Infinity)
    const started = performance.now()
    const results: ArchiveResult[] = []
    for (const item of cases) results.push(await evaluateCase(item))
    const seconds = (performance.now() - started) / 1000
    const counts = tally(results)
    context.log(`archive text: ${cases.length} cases in ${seconds.toFixed(1)} s`)
    const misses = results.filter((result) => result.outcome === 'differs' || result.outcome === 'failed').map((result) => `${result.case.path} (${result.case.kind})`)
    const row = (name: string, value: number, note?: string): BenchRow => ({ suite: 'archive text', name, unit: 'count', median: value, min: value, max: value, runs: 1, ...(note ? { note } : {}) })
    const rows: BenchRow[] = [
      row('mangled patches', cases.length, `${seconds.toFixed(1)} s for all of them`),
      ...(Object.keys(labels) as ArchiveOutcome[]).map((outcome) =>
        row(labels[outcome], counts[outcome], outcome === 'differs' && misses.length > 0 ? `differ or fail: ${misses.join(', ')}` : undefined),
      ),
    ]
    return rows
  },
}
