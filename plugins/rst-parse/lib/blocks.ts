/**
 * The body-element state machine (docutils' `Body` state): look at a line,
 * decide which construct starts there, let that construct's module consume
 * its lines and return the nodes and where it stopped. Nested bodies (list
 * items, directive content, table cells) are parsed by calling back into
 * {@link parseBody} with dedented lines that keep their source coordinates.
 */
import type { Code } from 'mdast'
import { span, warn, type Context } from './context.ts'
import type { Ln } from './lines.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import type { RstBlockContent } from './types.ts'
import { blockQuote, doctestBlock, lineBlock } from './block-quote.ts'
import { bulletList, enumeratedList, fieldList, optionList } from './block-lists.ts'
import { explicitMarkup, anonymousTarget } from './block-explicit.ts'
import { gridTable, simpleTable } from './block-tables.ts'
import { adornedLine, textBlock } from './block-text.ts'

const { rules } = diagnosticRules.rst

/** What a construct consumed. */
export interface BlockResult {
  nodes: RstBlockContent[]
  /** Index of the first line after the construct. */
  end: number
  /**
   * Whether the construct ended with a blank line; when not, and a line
   * follows, docutils warns about an unexpected unindent.
   */
  blankFinish?: boolean
  /** Name for that warning (`Bullet list`, `Explicit markup`…). */
  what?: string
}

/** A construct parser: returns `undefined` when the line does not start it. */
export type BlockParser = (ctx: Context, lines: Ln[], index: number, sections: boolean) => BlockResult | undefined

/** Construct parsers by first character of the line (text and titles last). */
function candidates(first: string): BlockParser[] {
  switch (first) {
    case '-':
    case '+':
      return [bulletList, optionList, adornedLine]
    case '*':
    case '\u2022':
    case '\u2023':
    case '\u2043':
      return [bulletList, adornedLine]
    case ':':
      return [fieldList, adornedLine]
    case '/':
      return [optionList, adornedLine]
    case '>':
      return [doctestBlock, adornedLine]
    case '|':
      return [lineBlock, adornedLine]
    case '.':
      return [explicitMarkup, adornedLine]
    case '_':
      return [anonymousTarget, adornedLine]
    case '=':
      return [simpleTable, adornedLine]
    default:
      if (first === '(' || (first >= '0' && first <= '9') || /[a-zA-Z#]/.test(first)) return [enumeratedList, adornedLine]
      return [adornedLine]
  }
}

/**
 * Whether a line starts a construct other than a paragraph (used to end
 * definition lists, whose terms are otherwise plain text lines).
 */
export function startsConstruct(ctx: Context, lines: Ln[], index: number): boolean {
  const t = lines[index].t
  const first = t[0]
  if (first === '+' && t[1] === '-') return true
  for (const parse of candidates(first)) {
    if (parse === adornedLine) continue
    const probe = probeParse(ctx, parse, lines, index)
    if (probe) return true
  }
  return false
}

/** Run a parser without emitting messages (a probe). */
function probeParse(ctx: Context, parse: BlockParser, lines: Ln[], index: number): boolean {
  const file = ctx.file
  ctx.file = undefined
  try {
    // Probing only needs the first lines: give the parser a short window.
    return parse(ctx, lines.slice(index, index + 3), 0, false) !== undefined
  } finally {
    ctx.file = file
  }
}

/**
 * Parse lines as body elements.
 *
 * @param ctx
 *   Context.
 * @param lines
 *   Lines (dedented, with source coordinates).
 * @param options
 *   `sections`: whether section titles and transitions are allowed here
 *   (only at the document level).
 * @returns
 *   Block nodes.
 */
export function parseBody(ctx: Context, lines: Ln[], options: { sections?: boolean } = {}): RstBlockContent[] {
  const sections = options.sections === true
  const out: RstBlockContent[] = []
  const maxDepth = ctx.options.maxDepth ?? 64
  if (ctx.depth >= maxDepth) {
    const first = lines.find((ln) => ln.t !== '')
    if (!first) return out
    const position = span(ctx, first, [...lines].reverse().find((ln) => ln.t !== '') ?? first)
    warn(ctx, `Nesting deeper than ${maxDepth} levels; kept as a literal block`, position, rules.nestingTooDeep)
    const node: Code = { type: 'code', lang: null, meta: null, value: lines.map((ln) => ln.t).join('\n').trim(), data: { kind: 'literal' }, position }
    out.push(node)
    return out
  }
  ctx.depth++
  let i = 0
  while (i < lines.length) {
    const ln = lines[i]
    if (ln.t === '') {
      i++
      continue
    }
    let result: BlockResult | undefined
    if (ln.t.charCodeAt(0) === 32) result = blockQuote(ctx, lines, i)
    else if (ln.t[0] === '+' && ln.t[1] === '-') result = gridTable(ctx, lines, i)
    if (!result) {
      for (const parse of candidates(ln.t[0])) {
        result = parse(ctx, lines, i, sections)
        if (result) break
      }
    }
    result ??= textBlock(ctx, lines, i, sections)
    for (const node of result.nodes) out.push(node)
    const next = lines[result.end]
    // Explicit markup (`..` and `__` targets alike) may follow explicit markup directly.
    const explicit = result.what === 'Explicit markup' || result.what === 'Anonymous hyperlink target'
    const sameKind = explicit && next !== undefined && /^(?:\.\.|__)(?: |$)/.test(next.t)
    if (result.blankFinish === false && next && next.t !== '' && next.t.charCodeAt(0) !== 32 && !sameKind) {
      warn(
        ctx,
        `${result.what ?? 'Block'} ends without a blank line; unexpected unindent`,
        span(ctx, next, next, 0),
        rules.unexpectedUnindent,
      )
    }
    // Always advance, whatever a construct reports.
    i = Math.max(result.end, i + 1)
  }
  ctx.depth--
  return out
}
