import type { Diffstat, DiffstatEntry } from '../types.ts'
import type { Line } from './lines.ts'

/** ` path | 41 +++---` or ` path | Bin 12 -> 34 bytes`. */
const fileLine = /^\s*(.+?)\s+\|\s+(?:(\d+)(?:\s+([+-]+))?|(Bin(?: \d+ -> \d+ bytes)?))\s*$/

/** ` 2 files changed, 31 insertions(+), 10 deletions(-)`. */
const summaryLine = /^\s*(\d+) files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?\s*$/

/**
 * Find the diffstat between the `---` line and the diff.
 *
 * The block is the summary line and the run of file lines right above it, so
 * version notes (`Changes in v2: …`) around it are skipped. Leading whitespace
 * is optional because a web archive drops it.
 *
 * @param lines
 *   The lines between the `---` separator and the first file diff.
 * @returns
 *   The diffstat, or `null` when there is no summary line.
 */
export function parseDiffstat(lines: readonly Line[]): Diffstat | null {
  const summaryIndex = lines.findIndex((line) => summaryLine.test(line.text))
  if (summaryIndex < 0) return null
  const summary = summaryLine.exec(lines[summaryIndex].text)!
  const files: DiffstatEntry[] = []
  for (let index = summaryIndex - 1; index >= 0; index--) {
    const match = fileLine.exec(lines[index].text)
    if (!match) break
    files.unshift(
      match[4]
        ? { path: match[1], changes: 0, graph: match[4] }
        : { path: match[1], changes: Number(match[2]), graph: match[3] ?? '' },
    )
  }
  return {
    files,
    summary: lines[summaryIndex].text.trim(),
    filesChanged: Number(summary[1]),
    insertions: Number(summary[2] ?? 0),
    deletions: Number(summary[3] ?? 0),
  }
}
