/**
 * Text-started constructs (docutils' `Text` and `Line` states): paragraphs
 * (with the three `::` forms introducing a literal block), section titles
 * (underlined or over- and underlined; levels by order of first appearance
 * of each style), transitions and definition lists.
 */
import type { Code, Heading, Paragraph, ThematicBreak } from 'mdast'
import { makeId } from './chars.ts'
import { point, span, warn, type Context } from './context.ts'
import { indentOf, indentedBlock, type Ln } from './lines.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import type { Classifier, DefinitionList, DefinitionListItem, DefinitionTerm } from './types.ts'
import { startsConstruct, type BlockResult } from './blocks.ts'

const { rules } = diagnosticRules.rst

const adornmentChars = new Set([...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'])

/** Whether a line is an adornment: one punctuation character repeated. */
export function isAdornment(t: string): boolean {
  if (t.length === 0 || !adornmentChars.has(t[0])) return false
  for (let i = 1; i < t.length; i++) if (t[i] !== t[0]) return false
  return true
}

/** Display width of a title (combining characters take no column). */
function width(text: string): number {
  return text.replace(/[\u0300-\u036f\u200b]/g, '').length
}

/**
 * A line of 4+ adornment characters: a transition (alone between blank
 * lines) or the overline of a section title.
 */
export function adornedLine(ctx: Context, lines: Ln[], i: number, sections: boolean): BlockResult | undefined {
  const ln = lines[i]
  if (!isAdornment(ln.t)) return undefined
  const next = lines[i + 1]
  // Transitions need four characters; an overline only needs to match its underline.
  if (ln.t.length < 4 && (!next || next.t === '' || !lines[i + 2] || lines[i + 2].t !== ln.t)) return undefined
  if (!next || next.t === '') {
    const position = span(ctx, ln, ln)
    if (!sections) {
      warn(ctx, 'Unexpected section title or transition', position, rules.unexpectedSection)
      return undefined
    }
    const node: ThematicBreak = { type: 'thematicBreak', position }
    return { nodes: [node], end: i + 1 }
  }
  if (!sections) {
    warn(ctx, 'Unexpected section title or transition', span(ctx, ln, ln), rules.unexpectedSection)
    return undefined
  }
  const under = lines[i + 2]
  const title = next.t.trim()
  if (!under || !isAdornment(under.t)) {
    // A line followed by text: docutils treats it as a mistaken overline.
    if (isAdornment(next.t)) return undefined
    warn(ctx, 'Missing matching underline for section title overline', span(ctx, ln, next), rules.titleAdornmentMismatch)
    return undefined
  }
  const position = span(ctx, ln, under)
  if (under.t !== ln.t) {
    warn(ctx, 'Title overline & underline mismatch', position, rules.titleAdornmentMismatch)
  }
  if (ln.t.length < width(title)) warn(ctx, 'Title overline too short', position, rules.titleUnderlineShort)
  const inset = indentOf(next.t)
  const titleLine: Ln = { t: title, l: next.l, c: next.c + inset }
  return { nodes: [heading(ctx, [titleLine], ln.t[0] + 'o', position, sections)], end: i + 3 }
}

/**
 * Make a heading, assigning its level from the adornment style.
 */
function heading(ctx: Context, title: Ln[], style: string, position: Heading['position'], sections: boolean): Heading {
  let level = ctx.styles.indexOf(style) + 1
  if (!sections) {
    warn(ctx, 'Unexpected section title', position!, rules.unexpectedSection)
  }
  if (level === 0) {
    if (ctx.styles.length !== ctx.level) {
      warn(ctx, 'Title level inconsistent', position!, rules.titleLevelInconsistent)
    }
    ctx.styles.push(style)
    level = ctx.styles.length
  } else if (level > ctx.level + 1) {
    warn(ctx, 'Title level inconsistent', position!, rules.titleLevelInconsistent)
  }
  ctx.level = level
  const children = ctx.parseInline(title)
  let id = makeId(title.map((ln) => ln.t).join(' ')) || 'section'
  if (ctx.ids.has(id)) {
    // Remember the next free suffix per base id: repeated titles stay linear.
    let n = ctx.ids.get(id)!
    while (ctx.ids.has(`${id}-${n}`)) n++
    ctx.ids.set(id, n + 1)
    id = `${id}-${n}`
  }
  ctx.ids.set(id, 1)
  const data: Heading['data'] & { level?: number } = { id }
  if (level > 6) data.level = level
  return { type: 'heading', depth: Math.min(level, 6) as Heading['depth'], children, data, position }
}

/**
 * A text line: a section title (underlined), a definition list item, or a
 * paragraph (followed by a literal block when it ends with `::`).
 */
export function textBlock(ctx: Context, lines: Ln[], i: number, sections: boolean): BlockResult {
  const ln = lines[i]
  const next = lines[i + 1]
  if (next && next.t !== '' && isAdornment(next.t) && sections) {
    const title = ln.t.trim()
    const position = span(ctx, ln, next)
    if (next.t.length < width(title)) {
      if (next.t.length < 4) return paragraph(ctx, lines, i)
      warn(ctx, 'Title underline too short', position, rules.titleUnderlineShort)
    }
    return { nodes: [heading(ctx, [{ t: title, l: ln.l, c: ln.c }], next.t[0] + 'u', position, sections)], end: i + 2 }
  }
  if (next && next.t !== '' && isAdornment(next.t) && !sections && next.t.length >= Math.min(4, width(ln.t.trim()))) {
    warn(ctx, 'Unexpected section title', span(ctx, ln, next), rules.unexpectedSection)
  }
  if (next && next.t !== '' && next.t.charCodeAt(0) === 32) return definitionList(ctx, lines, i)
  return paragraph(ctx, lines, i)
}

/** A paragraph, and the literal block a trailing `::` introduces. */
function paragraph(ctx: Context, lines: Ln[], i: number): BlockResult {
  let j = i + 1
  while (j < lines.length && lines[j].t !== '' && lines[j].t.charCodeAt(0) !== 32) j++
  const body = lines.slice(i, j)
  const last = body[body.length - 1]
  const nodes: BlockResult['nodes'] = []
  let literal = false
  const lastText = last.t
  if (lastText.endsWith('::') && !lastText.endsWith('\\::')) {
    literal = true
    // A lone `::` line: the whitespace (the newline) before it goes too.
    if (lastText.trim() === '::') body.length -= 1
    else {
      const cut = /\s::$/.test(lastText) ? lastText.replace(/\s*::$/, '') : lastText.slice(0, -1)
      body[body.length - 1] = { t: cut, l: last.l, c: last.c }
    }
  }
  if (body.length > 0) {
    const node: Paragraph = {
      type: 'paragraph',
      children: ctx.parseInline(body),
      position: span(ctx, lines[i], last),
    }
    nodes.push(node)
  }
  if (j < lines.length && lines[j].t !== '' && lines[j].t.charCodeAt(0) === 32 && !literal) {
    warn(ctx, 'Unexpected indentation', span(ctx, lines[j], lines[j], indentOf(lines[j].t)), rules.unexpectedIndentation)
  }
  if (!literal) return { nodes, end: j }
  return literalBlock(ctx, lines, j, last, nodes)
}

/** The literal block after `::`: indented, or quoted with a punctuation character. */
function literalBlock(ctx: Context, lines: Ln[], j: number, marker: Ln, nodes: BlockResult['nodes']): BlockResult {
  let k = j
  while (k < lines.length && lines[k].t === '') k++
  const first = lines[k]
  if (first && first.t.charCodeAt(0) === 32) {
    const block = indentedBlock(lines, k)
    const body = block.lines
    const start = body[0]
    const end = body[body.length - 1]
    const node: Code = {
      type: 'code',
      lang: null,
      meta: null,
      value: body.map((ln) => ln.t).join('\n'),
      data: { kind: 'literal' },
      position: { start: point(ctx, start, indentOf(start.t)), end: point(ctx, end, end.t.length) },
    }
    nodes.push(node)
    return { nodes, end: block.end, blankFinish: block.blankFinish, what: 'Literal block' }
  }
  if (first && k > j && adornmentChars.has(first.t[0])) {
    const quote = first.t[0]
    let e = k
    while (e < lines.length && lines[e].t !== '' && lines[e].t[0] === quote) e++
    const body = lines.slice(k, e)
    const node: Code = {
      type: 'code',
      lang: null,
      meta: null,
      value: body.map((ln) => ln.t).join('\n'),
      data: { kind: 'quoted' },
      position: span(ctx, body[0], body[body.length - 1]),
    }
    nodes.push(node)
    if (e < lines.length && lines[e].t !== '') {
      warn(ctx, 'Inconsistent literal block quoting', span(ctx, lines[e], lines[e]), rules.literalBlockExpected)
    }
    return { nodes, end: e }
  }
  warn(ctx, 'Literal block expected; none found', span(ctx, marker, marker), rules.literalBlockExpected)
  return { nodes, end: j }
}

/** Consecutive definition list items (`term` then an indented definition). */
function definitionList(ctx: Context, lines: Ln[], i: number): BlockResult {
  const items: DefinitionListItem[] = []
  let k = i
  let blankFinish = true
  while (k < lines.length) {
    const term = lines[k]
    const body = indentedBlock(lines, k + 1)
    const parts = splitClassifiers(term)
    const termNode: DefinitionTerm = {
      type: 'definitionTerm',
      children: ctx.parseInline([parts[0]]),
      position: span(ctx, parts[0], parts[0]),
    }
    const children: DefinitionListItem['children'] = [termNode]
    for (const part of parts.slice(1)) {
      const classifier: Classifier = {
        type: 'classifier',
        children: ctx.parseInline([part]),
        position: span(ctx, part, part),
      }
      children.push(classifier)
    }
    const description = ctx.parseBody(body.lines)
    const lastLine = body.lines[body.lines.length - 1] ?? term
    children.push({
      type: 'definitionDescription',
      children: description,
      position: span(ctx, body.lines[0] ?? term, lastLine),
    })
    items.push({ type: 'definitionListItem', children, position: span(ctx, term, lastLine) })
    k = body.end
    blankFinish = body.blankFinish
    let m = k
    while (m < lines.length && lines[m].t === '') m++
    const nextTerm = lines[m]
    const nextBody = lines[m + 1]
    if (
      !nextTerm ||
      nextTerm.t.charCodeAt(0) === 32 ||
      !nextBody ||
      nextBody.t === '' ||
      nextBody.t.charCodeAt(0) !== 32 ||
      startsConstruct(ctx, lines, m)
    ) {
      break
    }
    k = m
  }
  const list: DefinitionList = {
    type: 'definitionList',
    children: items,
    position: { start: items[0].position!.start, end: items[items.length - 1].position!.end },
  }
  return { nodes: [list], end: k, blankFinish, what: 'Definition list' }
}

/** Split a term line on ` : ` into the term and its classifiers. */
function splitClassifiers(term: Ln): Ln[] {
  const parts: Ln[] = []
  if (!term.t.includes(' : ')) return [term]
  let last = 0
  let at = term.t.indexOf(' : ')
  while (at >= 0) {
    // Classifiers are not searched inside inline literals.
    if (insideLiteral(term.t, last, at)) {
      at = term.t.indexOf(' : ', at + 1)
      continue
    }
    let before = at
    while (before > last && term.t[before - 1] === ' ') before--
    let after = at + 3
    while (term.t[after] === ' ') after++
    parts.push({ t: term.t.slice(last, before), l: term.l, c: term.c + last })
    last = after
    at = term.t.indexOf(' : ', Math.max(after - 1, at + 1))
  }
  parts.push({ t: term.t.slice(last), l: term.l, c: term.c + last })
  return parts.filter((part) => part.t !== '')
}

/** Whether `index` falls inside a ``literal`` that opens after `from`. */
function insideLiteral(text: string, from: number, index: number): boolean {
  let count = 0
  let k = text.indexOf('``', from)
  while (k >= 0 && k < index) {
    count++
    k = text.indexOf('``', k + 2)
  }
  return count % 2 === 1
}
