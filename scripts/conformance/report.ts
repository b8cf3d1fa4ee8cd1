/**
 * Human-readable conformance output: one line per difference, in the form
 * `file:line: expected paragraph "…" got literal_block "…"`, showing only the
 * aspects that differ (depth, text window, attributes) so the cause is visible
 * on one line.
 */
import type { Difference } from './compare.ts'
import type { FileComparison } from './compare-file.ts'
import { canonicalJson, type OutlineBlock } from './outline.ts'

/** Longest text excerpt shown for one block. */
const excerptLength = 72

/**
 * A window of `text` around `at`, quoted.
 *
 * @returns
 *   Quoted excerpt with `…` where cut.
 */
function excerpt(text: string, at: number): string {
  const start = at > excerptLength - 24 ? at - 24 : 0
  const end = Math.min(text.length, start + excerptLength)
  return `${start > 0 ? '…' : ''}${JSON.stringify(text.slice(start, end)).slice(1, -1)}${end < text.length ? '…' : ''}`
}

/** Index of the first character where `a` and `b` differ. */
function firstDifference(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

/**
 * Describe `block`; with `other`, only what differs from it.
 *
 * @param block
 *   The block to describe.
 * @param other
 *   Its counterpart on the other side, if any.
 * @returns
 *   Description such as `paragraph@2 "…" {inline: […]}`.
 */
export function describeBlock(block: OutlineBlock, other?: OutlineBlock): string {
  let result = block.type
  if (!other || other.depth !== block.depth) result += `@${block.depth}`
  if (block.text !== undefined) {
    const at = other?.text === undefined ? 0 : firstDifference(block.text, other.text)
    result += ` "${excerpt(block.text, at)}"`
  }
  const attrs = block.attrs ?? {}
  const otherAttrs = other?.attrs ?? {}
  const keys = [...new Set([...Object.keys(attrs), ...(other ? Object.keys(otherAttrs) : [])])].sort()
  const shown = keys
    .filter((key) => !other || canonicalJson(attrs[key]) !== canonicalJson(otherAttrs[key]))
    .map((key) => `${key}: ${attrs[key] === undefined ? '—' : canonicalJson(attrs[key])}`)
  if (shown.length > 0) result += ` {${shown.join(', ')}}`
  return result
}

/**
 * One difference as a report line.
 *
 * @param path
 *   File path shown.
 * @param difference
 *   The difference.
 * @returns
 *   `path:line: expected … got …`.
 */
export function formatDifference(path: string, difference: Difference): string {
  const { expected, actual } = difference
  const line = expected?.line ?? actual?.line
  const where = line ? `${path}:${line}` : path
  const ours = actual?.line && expected?.line && actual.line !== expected.line ? ` (our line ${actual.line})` : ''
  const left = expected ? describeBlock(expected, actual) : 'nothing'
  const right = actual ? describeBlock(actual, expected) : 'nothing'
  return `${where}: expected ${left} got ${right}${ours}`
}

/**
 * Summary line of one file's comparison.
 *
 * @returns
 *   `score  path  (blocks matched/expected, links matched/expected, extra, false warnings)`.
 */
export function formatSummary(path: string, comparison: FileComparison): string {
  const score = `${comparison.score.toFixed(2).padStart(6)}%`
  const { blocks, links } = comparison
  return `${score}  ${path}  (${blocks.matched}/${blocks.expected} docutils blocks, ${links.matched}/${links.expected} links matched, ${comparison.extra} extra, ${comparison.falseWarnings} false warnings)`
}
