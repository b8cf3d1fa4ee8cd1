/**
 * Lists: bullet lists, enumerated lists (every enumerator style docutils
 * accepts, `#` auto-enumeration included), field lists and option lists.
 * An item's body is the text after its marker plus the following indented
 * lines (docutils' `get_first_known_indented`), parsed as body elements.
 */
import type { List, ListItem } from 'mdast'
import { span, warn, type Context } from './context.ts'
import { indentedBlock, knownIndentedBlock, type Ln } from './lines.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import type { Field, FieldList, OptionList, OptionListItem, RstListData } from './types.ts'
import type { BlockResult } from './blocks.ts'

const { rules } = diagnosticRules.rst

const bulletRe = /^([-+*\u2022\u2023\u2043])(?: +|$)/

/** One item's marker and body. */
interface Item {
  body: Ln[]
  end: number
  blankFinish: boolean
  marker: Ln
}

/**
 * The body of an item whose marker (with its spaces) is `width` wide. List
 * items with text after the marker have a known indentation (the marker's
 * width); other items (and fields, options) take it from the lines below.
 */
function itemBody(lines: Ln[], i: number, width: number, known = false): Item {
  const block = known && lines[i].t.length > width ? knownIndentedBlock(lines, i, width) : indentedBlock(lines, i, width)
  const body = block.lines
  if (body.length > 0 && body[0].t === '') body.shift()
  return { body, end: block.end, blankFinish: block.blankFinish, marker: lines[i] }
}

/** A list item node from an item. */
function listItem(ctx: Context, item: Item): ListItem {
  const children = ctx.parseBody(item.body) as ListItem['children']
  const last = [...item.body].reverse().find((ln) => ln.t !== '') ?? item.marker
  // docutils' HTML writer keeps a list compact when each item is one paragraph.
  return { type: 'listItem', spread: children.length > 1, children, position: span(ctx, item.marker, last) }
}

/** Items separated by blank lines or not: does the next item start at `m`? */
function nextStart(lines: Ln[], end: number): number {
  let m = end
  while (m < lines.length && lines[m].t === '') m++
  return m
}

/** A bullet list: items with the same bullet character. */
export function bulletList(ctx: Context, lines: Ln[], i: number): BlockResult | undefined {
  const match = bulletRe.exec(lines[i].t)
  if (!match) return undefined
  const bullet = match[1]
  const items: ListItem[] = []
  let k = i
  let item: Item
  for (;;) {
    const m = bulletRe.exec(lines[k].t)!
    item = itemBody(lines, k, m[0].length, true)
    items.push(listItem(ctx, item))
    const n = nextStart(lines, item.end)
    if (n >= lines.length || lines[n].t[0] !== bullet || !bulletRe.test(lines[n].t)) break
    k = n
  }
  const data: RstListData = { bullet }
  const node: List = {
    type: 'list',
    ordered: false,
    start: null,
    spread: items.some((entry) => entry.spread),
    children: items,
    data,
    position: { start: items[0].position!.start, end: items[items.length - 1].position!.end },
  }
  return { nodes: [node], end: item.end, blankFinish: item.blankFinish, what: 'Bullet list' }
}

type Enumtype = NonNullable<RstListData['enumtype']>

/** A parsed enumerator. */
interface Enumerator {
  width: number
  prefix: string
  suffix: string
  /** `#` for auto-enumeration. */
  text: string
  types: Enumtype[]
}

const enumRe = /^(\(?)(#|[0-9]+|[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+)([.)])(?: +|$)/

/** Parse the enumerator at the start of a line. */
function enumerator(t: string): Enumerator | undefined {
  const match = enumRe.exec(t)
  if (!match) return undefined
  const [whole, open, text, close] = match
  if (open === '(' && close !== ')') return undefined
  const types: Enumtype[] = []
  if (text === '#') types.push('arabic', 'loweralpha', 'upperalpha', 'lowerroman', 'upperroman')
  else if (/^[0-9]+$/.test(text)) types.push('arabic')
  else {
    if (/^[ivxlcdm]+$/.test(text) && romanValue(text) > 0) types.push('lowerroman')
    if (/^[IVXLCDM]+$/.test(text) && romanValue(text) > 0) types.push('upperroman')
    if (text.length === 1 && /[a-z]/.test(text)) types.push('loweralpha')
    if (text.length === 1 && /[A-Z]/.test(text)) types.push('upperalpha')
  }
  if (types.length === 0) return undefined
  return { width: whole.length, prefix: open, suffix: close, text, types }
}

/** Value of a roman numeral, or 0 when it is not well formed. */
function romanValue(text: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 }
  const lower = text.toLowerCase()
  let total = 0
  for (let k = 0; k < lower.length; k++) {
    const v = values[lower[k]]
    const next = values[lower[k + 1]] ?? 0
    total += v < next ? -v : v
  }
  return total > 0 && total < 4000 && toRoman(total) === lower ? total : 0
}

/** Lowercase roman numeral of a number. */
function toRoman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']]
  let out = ''
  for (const [value, letters] of table) while (n >= value) { out += letters; n -= value }
  return out
}

/** The ordinal of an enumerator under a type. */
function ordinal(text: string, type: Enumtype): number {
  if (text === '#') return -1
  if (type === 'arabic') return Number.parseInt(text, 10)
  if (type === 'loweralpha' || type === 'upperalpha') return text.toLowerCase().charCodeAt(0) - 96
  return romanValue(text)
}

/** An enumerated list: items whose enumerators continue one sequence. */
export function enumeratedList(ctx: Context, lines: Ln[], i: number): BlockResult | undefined {
  const first = enumerator(lines[i].t)
  if (!first) return undefined
  // docutils: `i` starts a roman list; other single letters are alphabetic.
  let type: Enumtype = first.types[0]
  if (first.types.length > 1 && first.text !== '#') {
    type = first.text === 'i' || first.text === 'I' ? first.types[0] : first.types.find((t) => t.endsWith('alpha')) ?? first.types[0]
  }
  if (first.text === '#') type = 'arabic'
  // The line after the first item must be blank, indented, or another enumerator.
  const second = lines[i + 1]
  if (second && second.t !== '' && second.t.charCodeAt(0) !== 32 && !enumerator(second.t)) return undefined
  const start = first.text === '#' ? 1 : ordinal(first.text, type)
  const items: ListItem[] = []
  let expected = start
  let k = i
  let item: Item
  for (;;) {
    const e = enumerator(lines[k].t)!
    item = itemBody(lines, k, e.width, true)
    items.push(listItem(ctx, item))
    expected++
    const n = nextStart(lines, item.end)
    const next = n < lines.length ? enumerator(lines[n].t) : undefined
    if (!next || next.prefix !== first.prefix || next.suffix !== first.suffix) break
    // An auto-enumerated list continues only with `#` (docutils).
    if (first.text === '#' && next.text !== '#') break
    if (next.text !== '#' && (!next.types.includes(type) || ordinal(next.text, type) !== expected)) break
    k = n
  }
  const position = { start: items[0].position!.start, end: items[items.length - 1].position!.end }
  if (start !== 1) {
    warn(ctx, `Enumerated list start value not ordinal-1: \`${first.text}\``, span(ctx, lines[i], lines[i]), rules.enumeratedStart)
  }
  const data: RstListData = { enumtype: type, prefix: first.prefix, suffix: first.suffix }
  const node: List = { type: 'list', ordered: true, start, spread: items.some((entry) => entry.spread), children: items, data, position }
  return { nodes: [node], end: item.end, blankFinish: item.blankFinish, what: 'Enumerated list' }
}

/**
 * Where a field marker `:name:` ends (index after the closing colon and its
 * spaces), or -1. Escapes skip; a colon ends the name only before a space or
 * the end of the line, and not after a space.
 */
function fieldMarker(t: string): { name: string; width: number } | undefined {
  if (t[0] !== ':' || t[1] === ' ' || t[1] === ':' || t[1] === undefined) return undefined
  for (let k = 1; k < t.length; k++) {
    const ch = t[k]
    if (ch === '\\') {
      k++
      continue
    }
    if (ch === ':' && (t[k + 1] === ' ' || t[k + 1] === undefined) && t[k - 1] !== ' ') {
      let w = k + 1
      while (t[w] === ' ') w++
      return { name: t.slice(1, k), width: w }
    }
    if (ch === ':' && t[k + 1] === '`') return undefined
  }
  return undefined
}

/** A field list: `:name: body` items. */
export function fieldList(ctx: Context, lines: Ln[], i: number): BlockResult | undefined {
  if (!fieldMarker(lines[i].t)) return undefined
  const fields: Field[] = []
  let k = i
  let item: Item
  for (;;) {
    const marker = fieldMarker(lines[k].t)!
    item = itemBody(lines, k, marker.width)
    const last = [...item.body].reverse().find((ln) => ln.t !== '') ?? item.marker
    fields.push({
      type: 'field',
      name: marker.name.replace(/\\(.)/g, '$1'),
      children: ctx.parseBody(item.body),
      position: span(ctx, item.marker, last),
    })
    const n = nextStart(lines, item.end)
    if (n >= lines.length || !fieldMarker(lines[n].t)) break
    k = n
  }
  const node: FieldList = {
    type: 'fieldList',
    children: fields,
    position: { start: fields[0].position!.start, end: fields[fields.length - 1].position!.end },
  }
  return { nodes: [node], end: item.end, blankFinish: item.blankFinish, what: 'Field list' }
}

const optionArg = String.raw`(?:<[^<>]{1,80}>|[a-zA-Z][a-zA-Z0-9_-]*)`
/** Option forms, each with and without its argument (tried in that order). */
const optionForms = [
  new RegExp(String.raw`^[-+][a-zA-Z0-9] ?${optionArg}`),
  /^[-+][a-zA-Z0-9]/,
  new RegExp(String.raw`^(?:--|\/)[a-zA-Z0-9][a-zA-Z0-9_-]*[ =]${optionArg}`),
  /^(?:--|\/)[a-zA-Z0-9][a-zA-Z0-9_-]*/,
]

/**
 * Parse the options at the start of a line: `-a, --all=FILE  description`
 * (docutils' `option_marker`: options separated by `, `, then two spaces or
 * the end of the line). A small backtracking search over the few forms.
 */
function optionMarker(t: string): { options: string[]; width: number } | undefined {
  const c = t[0]
  if (c !== '-' && c !== '+' && c !== '/') return undefined
  const head = t.slice(0, 512)
  const found = optionsAt(head, 0, 0)
  if (!found) return undefined
  const at = found.end
  if (at === t.length) return { options: found.options, width: at }
  if (!t.startsWith('  ', at) && !(t[at] === ' ' && at + 1 === t.length)) return undefined
  let w = at
  while (t[w] === ' ') w++
  return { options: found.options, width: w }
}

/** Options from `at`: where they end and what they are, or undefined. */
function optionsAt(head: string, at: number, depth: number): { options: string[]; end: number } | undefined {
  if (depth > 16) return undefined
  const rest = head.slice(at)
  for (const form of optionForms) {
    const match = form.exec(rest)
    if (!match) continue
    const end = at + match[0].length
    if (head.startsWith(', ', end)) {
      const more = optionsAt(head, end + 2, depth + 1)
      if (more) return { options: [match[0], ...more.options], end: more.end }
    }
    if (end === head.length || head.startsWith('  ', end)) return { options: [match[0]], end }
  }
  return undefined
}

/** An option list. */
export function optionList(ctx: Context, lines: Ln[], i: number): BlockResult | undefined {
  const first = optionMarker(lines[i].t)
  // An option with no description is text, as in docutils.
  if (!first || itemBody(lines, i, first.width).body.length === 0) return undefined
  const items: OptionListItem[] = []
  let k = i
  let item: Item
  for (;;) {
    const marker = optionMarker(lines[k].t)!
    item = itemBody(lines, k, marker.width)
    const last = [...item.body].reverse().find((ln) => ln.t !== '') ?? item.marker
    items.push({ type: 'optionListItem', options: marker.options, children: ctx.parseBody(item.body), position: span(ctx, item.marker, last) })
    const n = nextStart(lines, item.end)
    const next = n < lines.length ? optionMarker(lines[n].t) : undefined
    if (!next || itemBody(lines, n, next.width).body.length === 0) break
    k = n
  }
  const node: OptionList = {
    type: 'optionList',
    children: items,
    position: { start: items[0].position!.start, end: items[items.length - 1].position!.end },
  }
  return { nodes: [node], end: item.end, blankFinish: item.blankFinish, what: 'Option list' }
}
