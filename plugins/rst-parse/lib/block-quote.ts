/**
 * Indentation-started and line-prefixed constructs: block quotes (with an
 * attribution `-- Name` at their end), doctest blocks (`>>>`) and line
 * blocks (`| line`, nested by indentation).
 */
import type { Blockquote } from 'mdast'
import { point, span, type Context } from './context.ts'
import { indentOf, indentedBlock, type Ln } from './lines.ts'
import type { Attribution, DoctestBlock, Line, LineBlock } from './types.ts'
import type { BlockResult } from './blocks.ts'

/** An indented block that is not a literal block: a block quote. */
export function blockQuote(ctx: Context, lines: Ln[], i: number): BlockResult {
  const block = indentedBlock(lines, i)
  const body = block.lines
  const children = quoteContent(ctx, body)
  const first = body[0]
  const last = body[body.length - 1]
  const node: Blockquote = {
    type: 'blockquote',
    children,
    position: { start: point(ctx, first, indentOf(first.t)), end: point(ctx, last, last.t.length) },
  }
  return { nodes: [node], end: block.end, blankFinish: block.blankFinish, what: 'Block quote' }
}

/**
 * The children of a block quote (or of `epigraph`-like directives): body
 * elements, then an `attribution` when the last paragraph starts with a dash.
 */
export function quoteContent(ctx: Context, body: Ln[]): Blockquote['children'] {
  let attributionAt = -1
  // docutils' `split_attribution`: a line starting with `--`, `---` or an em
  // dash, after a blank line, that runs to the end of the quote (no blank
  // line followed by more text after it).
  for (let k = 1; k < body.length && attributionAt < 0; k++) {
    if (body[k - 1].t !== '' || !/^(?:---?(?!-)|\u2014) *\S/.test(body[k].t)) continue
    let valid = true
    for (let m = k + 1; m < body.length; m++) {
      if (body[m].t !== '' && body[m - 1].t === '') valid = false
    }
    if (valid) attributionAt = k
  }
  const content = attributionAt >= 0 ? body.slice(0, attributionAt) : body
  const children = ctx.parseBody(content) as Blockquote['children']
  if (attributionAt >= 0) {
    const first = body[attributionAt]
    const marker = /^(?:---?|\u2014) */.exec(first.t)![0].length
    const attributionLines: Ln[] = [{ t: first.t.slice(marker), l: first.l, c: first.c + marker }]
    for (const ln of body.slice(attributionAt + 1)) {
      const pad = indentOf(ln.t)
      attributionLines.push({ t: ln.t.slice(pad), l: ln.l, c: ln.c + pad })
    }
    const attribution: Attribution = {
      type: 'attribution',
      children: ctx.parseInline(attributionLines),
      position: span(ctx, first, body[body.length - 1]),
    }
    children.push(attribution)
  }
  return children
}

/** `>>>` lines up to a blank line: kept verbatim. */
export function doctestBlock(ctx: Context, lines: Ln[], i: number): BlockResult | undefined {
  if (!/^>>>(?: |$)/.test(lines[i].t)) return undefined
  let e = i
  while (e < lines.length && lines[e].t !== '') e++
  const body = lines.slice(i, e)
  const node: DoctestBlock = {
    type: 'doctestBlock',
    value: body.map((ln) => ln.t).join('\n'),
    position: span(ctx, body[0], body[body.length - 1]),
  }
  return { nodes: [node], end: e }
}

/** One line of a line block with its indentation after `|`. */
interface LineEntry {
  indent: number
  lines: Ln[]
}

/** `| line` lines: each a `line`; deeper indentation nests a `lineBlock`. */
export function lineBlock(ctx: Context, lines: Ln[], i: number): BlockResult | undefined {
  if (!/^\|(?: |$)/.test(lines[i].t)) return undefined
  const entries: LineEntry[] = []
  let e = i
  while (e < lines.length && /^\|(?: |$)/.test(lines[e].t)) {
    const ln = lines[e]
    const rest = ln.t.slice(1)
    const pad = indentOf(rest)
    // docutils counts indentation beyond the one space after `|`.
    const entry: LineEntry = { indent: Math.max(0, pad - 1), lines: [{ t: rest.slice(pad), l: ln.l, c: ln.c + 1 + pad }] }
    e++
    while (e < lines.length && lines[e].t !== '' && lines[e].t.charCodeAt(0) === 32) {
      const cont = lines[e]
      const p = indentOf(cont.t)
      entry.lines.push({ t: cont.t.slice(p), l: cont.l, c: cont.c + p })
      e++
    }
    entries.push(entry)
  }
  const node = nestLines(ctx, entries)
  return { nodes: [node], end: e, blankFinish: e >= lines.length || lines[e].t === '', what: 'Line block' }
}

/** Group entries into a line block, nesting deeper-indented runs. */
function nestLines(ctx: Context, entries: LineEntry[]): LineBlock {
  let base = Infinity
  for (const entry of entries) if (entry.lines[0].t !== '') base = Math.min(base, entry.indent)
  if (base === Infinity) base = 0
  const children: Array<Line | LineBlock> = []
  let k = 0
  while (k < entries.length) {
    const entry = entries[k]
    if (entry.indent > base && entry.lines[0].t !== '') {
      let m = k
      while (m < entries.length && (entries[m].indent > base || entries[m].lines[0].t === '')) m++
      children.push(nestLines(ctx, entries.slice(k, m)))
      k = m
      continue
    }
    const first = entry.lines[0]
    const last = entry.lines[entry.lines.length - 1]
    children.push({
      type: 'line',
      children: first.t === '' && entry.lines.length === 1 ? [] : ctx.parseInline(entry.lines),
      position: { start: point(ctx, first, first.t === '' ? -1 : 0), end: point(ctx, last, last.t.length) },
    })
    k++
  }
  const first = children[0]
  const last = children[children.length - 1]
  return { type: 'lineBlock', children, position: { start: first.position!.start, end: last.position!.end } }
}
