import type { BlobSearchReport } from '../report.ts'
import type { SearchResult } from './search.ts'
import { rootOf, type Template } from './types.ts'

/**
 * Sort the result's lines with open choices into those the blob settled and
 * those that kept the rules' best guess, for `--report`.
 *
 * @param out
 *   The result's lines in order; rebuilt ones carry a template.
 * @param search
 *   What the blob search found.
 */
export function searchReport(out: ReadonlyArray<{ line: { template?: Template } | object }>, search: SearchResult): BlobSearchReport {
  const settled: number[] = []
  const inferred: number[] = []
  out.forEach((entry, index) => {
    const template = 'template' in entry.line ? entry.line.template : undefined
    const open = template?.filter((part) => typeof part !== 'string') ?? []
    if (open.length === 0) return
    if (open.every((part) => search.settled.has(rootOf(part)))) settled.push(index + 1)
    else inferred.push(index + 1)
  })
  return { outcome: search.outcome, tried: search.tried, settled, inferred }
}
