/**
 * The normalised outline both sides of the conformance harness produce: a
 * flat list of blocks in document order. docutils' side is written by
 * `docutils_outline.py` (whose module doc lists what is compared and what is
 * normalised away), Strata's by `mdast-outline.ts`; this module holds the
 * shared shape and the rules for text and keys so the two cannot drift.
 */

/** Attribute values an outline block may carry (JSON-compatible). */
export type OutlineValue = string | number | boolean | string[] | Record<string, string>

/** One block of a normalised outline. */
export interface OutlineBlock {
  /** Canonical docutils-style block name (`section`, `paragraph`, `bullet_list`, …). */
  type: string
  /** Nesting depth: 0 for children of the document. */
  depth: number
  /** Whitespace-folded text (exact for literal and doctest blocks); absent for containers. */
  text?: string
  /** Attributes compared as part of the block (`level`, `enumtype`, `inline`, …). */
  attrs?: Record<string, OutlineValue>
  /** 1-based source line, for reports only: never compared. */
  line?: number
}

/**
 * One reference-like inline (`reference`, `footnote_reference`,
 * `citation_reference`, `substitution_reference`) and what it resolves to,
 * in document order. `target` is canonical on both sides: `uri:URI`,
 * `section:TITLE`, `footnote#N` (the N-th footnote, from 0), `citation:LABEL`,
 * `id:ID` (another internal element), `substitution:defined`, or
 * `unresolved`.
 */
export interface OutlineLink {
  kind: string
  /** What the reference shows (folded), before substitutions. */
  text: string
  target: string
  /** 1-based line, for reports only. */
  line?: number
}

/** A diagnostic either side printed. */
export interface OutlineMessage {
  /** The source lines it is about (a construct's lines; may be empty). */
  lines: number[]
  /** The message (folded). */
  text: string
  /** docutils' level (1 INFO … 4 SEVERE); Strata's messages have none. */
  level?: number
  /** Strata's rule id. */
  rule?: string
}

/** Outline of one file (either side). */
export interface FileOutline {
  path: string
  blocks: OutlineBlock[]
  /** References and their targets (absent when a side could not say). */
  links?: OutlineLink[]
  /** Diagnostics, from the parse and from reference resolution. */
  messages?: OutlineMessage[]
  /** Set when the side failed on this file (the blocks are then empty). */
  error?: string
}

/**
 * Fold runs of whitespace to one space and trim, as the Python side's `fold`.
 * Python's `\s` and JavaScript's `\s` differ on a few code points (e.g. U+FEFF
 * is JS whitespace only), so the class is spelled out.
 *
 * @param text
 *   Text to fold.
 * @returns
 *   Folded text.
 */
export function fold(text: string): string {
  return text.replace(/[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0085\u001c-\u001f]+/g, ' ').trim()
}

/**
 * Serialise a value with object keys sorted, so attribute order never matters.
 *
 * @param value
 *   Any JSON value.
 * @returns
 *   Canonical JSON text.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * The comparison key of a block: everything but the line. Two blocks match
 * exactly when their keys are equal.
 *
 * @param block
 *   Outline block.
 * @returns
 *   Key text (`type|depth|text|attrs`).
 */
export function blockKey(block: OutlineBlock): string {
  const attrs = block.attrs && Object.keys(block.attrs).length > 0 ? canonicalJson(block.attrs) : ''
  return `${block.type}|${block.depth}|${block.text === undefined ? '' : JSON.stringify(block.text)}|${attrs}`
}
