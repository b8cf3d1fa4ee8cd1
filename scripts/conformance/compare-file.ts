/**
 * One file's full comparison: the block outlines (`compareOutlines`), the
 * links (each reference's resolved target, aligned the same way, so an
 * anonymous reference pointing one target off is a difference), and the
 * warnings Strata prints where docutils printed nothing (each one counted
 * against the score like a surplus block).
 */
import { compareOutlines, type Comparison, type Difference } from './compare.ts'
import type { FileOutline, OutlineBlock, OutlineLink, OutlineMessage } from './outline.ts'

/** A file's comparison, with the link and warning counts beside the totals. */
export interface FileComparison extends Comparison {
  /** Blocks alone: docutils' count and how many matched. */
  blocks: { expected: number; matched: number }
  /** Links alone. */
  links: { expected: number; matched: number }
  /** Strata messages with no docutils message on or next to their lines. */
  falseWarnings: number
}

/** Lines either side of a message within which a docutils message answers it. */
const lineSlack = 1

/**
 * Compare one file's outlines.
 *
 * @param expected
 *   docutils' outline.
 * @param actual
 *   Strata's outline.
 * @returns
 *   Counts over blocks, links and false warnings; every difference.
 */
export function compareFile(expected: FileOutline, actual: FileOutline): FileComparison {
  const blocks = compareOutlines(expected.blocks, actual.blocks)
  const links = compareOutlines((expected.links ?? []).map(linkBlock), (actual.links ?? []).map(linkBlock))
  const warnings = falseWarnings(expected.messages ?? [], actual.messages ?? [])
  const expectedCount = blocks.expected + links.expected
  const matched = blocks.matched + links.matched
  const extra = blocks.extra + links.extra + warnings.length
  const share = expectedCount === 0 ? (extra === 0 ? 100 : 0) : (100 * matched) / expectedCount
  const denominator = expectedCount + extra
  return {
    expected: expectedCount,
    actual: blocks.actual + links.actual + warnings.length,
    matched,
    extra,
    share,
    score: denominator === 0 ? 100 : (100 * matched) / denominator,
    differences: [...blocks.differences, ...links.differences.map(shiftIndex(blocks.expected)), ...warnings],
    blocks: { expected: blocks.expected, matched: blocks.matched },
    links: { expected: links.expected, matched: links.matched },
    falseWarnings: warnings.length,
  }
}

/**
 * A link as an outline block (`reference "text" {target: …}`), so the
 * alignment and the reports serve links unchanged.
 *
 * @param link
 *   Link.
 * @returns
 *   Block.
 */
function linkBlock(link: OutlineLink): OutlineBlock {
  const block: OutlineBlock = { type: `link:${link.kind}`, depth: 0, text: link.text, attrs: { target: link.target } }
  if (link.line) block.line = link.line
  return block
}

/** Move link differences' indices past the blocks (reports stay ordered per list). */
function shiftIndex(by: number): (difference: Difference) => Difference {
  return (difference) => ({ ...difference, index: difference.index + by })
}

/**
 * Strata's messages that no docutils message answers. A docutils message
 * answers one Strata message that opens with the same three words (the
 * kind of problem: docutils guesses the line of some messages from where
 * its state machine stands, which can be far off); what is left is answered
 * by any docutils message on the same lines, give or take `lineSlack`.
 *
 * @param reference
 *   docutils' messages.
 * @param ours
 *   Strata's messages.
 * @returns
 *   One `extra` difference per false warning.
 */
function falseWarnings(reference: readonly OutlineMessage[], ours: readonly OutlineMessage[]): Difference[] {
  const lines = new Set<number>()
  const openings = new Map<string, number>()
  for (const message of reference) {
    for (const line of message.lines) lines.add(line)
    const key = opening(message.text)
    openings.set(key, (openings.get(key) ?? 0) + 1)
  }
  const unmatched = ours.filter((message) => {
    const key = opening(message.text)
    const left = openings.get(key) ?? 0
    if (left === 0) return true
    openings.set(key, left - 1)
    return false
  })
  const near = (message: OutlineMessage) => {
    const first = message.lines[0] ?? 0
    const last = message.lines[message.lines.length - 1] ?? first
    for (let line = first - lineSlack; line <= last + lineSlack; line++) if (lines.has(line)) return true
    return false
  }
  return unmatched.filter((message) => !near(message)).map((message) => {
    const block: OutlineBlock = { type: 'warning', depth: 0, text: message.text, attrs: message.rule ? { rule: message.rule } : undefined }
    if (message.lines[0]) block.line = message.lines[0]
    return { kind: 'extra', actual: block, index: 0 }
  })
}

/** The first three words of a message, lowercased (its kind). */
function opening(text: string): string {
  return text.toLowerCase().split(/\W+/).filter(Boolean).slice(0, 3).join(' ')
}
