/**
 * Inline markup, following docutils' recognition rules: a start-string must
 * be at the start of the text or after whitespace, an opening bracket/quote or
 * a delimiter, and be followed by non-whitespace (and not be quoted, as in
 * `"*"`); an end-string must follow non-whitespace and be followed by
 * whitespace, closing punctuation, a delimiter or the end. Backslash escapes
 * suppress both.
 *
 * The scanner is one left-to-right pass. End-strings are found through
 * per-kind tables of valid end positions, computed once per text, so an
 * unclosed start-string costs a binary search rather than a rescan: 1 MB of
 * `*` or backquotes stays linear.
 */
import type { PhrasingContent, Text } from 'mdast'
import { endSuffixOk, isSpace, makeId, normalizeName, quotes, scanName, startPrefixOk, unescape } from './chars.ts'
import { warn, type Context } from './context.ts'
import type { Ln } from './lines.ts'
import { makeRole } from './roles.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import { flushPlain, footnoteRef, phraseReference } from './inline-plain.ts'
import { normalizeWhitespace, positionOf, textNode, type InlineText, type Scan } from './inline-scan.ts'

const { rules } = diagnosticRules.rst

export type { InlineText } from './inline-scan.ts'
export { positionOf } from './inline-scan.ts'

/** Join lines into one text to scan. */
export function toInlineText(lines: Ln[]): InlineText {
  const starts: number[] = []
  let text = ''
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) text += '\n'
    starts.push(text.length)
    text += lines[i].t
  }
  return { text, starts, lines }
}

/**
 * Parse inline markup in lines of text.
 *
 * @param ctx
 *   Context.
 * @param lines
 *   Lines (a paragraph, a title, a term…).
 * @returns
 *   Phrasing nodes, each with a position.
 */
export function parseInline(ctx: Context, lines: Ln[], options: { preserve?: boolean } = {}): PhrasingContent[] {
  if (lines.length === 0) return []
  const it = toInlineText(lines)
  return scanInline(ctx, it, options.preserve === true)
}

/**
 * Scan a whole inline text.
 *
 * @param ctx
 *   Context.
 * @param it
 *   The text.
 * @returns
 *   Nodes.
 */
export function scanInline(ctx: Context, it: InlineText, preserve = false): PhrasingContent[] {
  const text = it.text
  // Fast path: nothing that can start markup, a reference, a URI or an escape.
  if (!/[*`|_[:@\\]/.test(text)) {
    return text ? [{ type: 'text', value: text, position: positionOf(ctx, it, 0, text.length) }] : []
  }
  // Escapes are rare: only texts with a backslash get a table (reads past
  // the end of an empty one give `undefined`, i.e. not escaped).
  const escaped = new Uint8Array(text.includes('\\') ? text.length + 1 : 0)
  for (let i = 0; i < escaped.length - 1; i++) {
    if (text.charCodeAt(i) === 92 && !escaped[i]) escaped[i + 1] = 1
  }
  const s: Scan = { ctx, it, text, escaped, ends: new Map(), out: [], preserve, rest: 0 }
  let plainStart = 0
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (escaped[i] || !(ch === '*' || ch === '`' || ch === '|' || ch === '_' || ch === '[' || ch === ':')) {
      i++
      continue
    }
    // An escaped character before a start-string counts as itself: after
    // `x\ ` (an escaped space) markup may start, as in docutils.
    if (!startPrefixOk(before(s, i))) {
      i++
      continue
    }
    const end = tryMarkup(s, i, plainStart)
    if (end > i) {
      plainStart = end
      s.rest = end
      i = end
    } else i = -end
  }
  flushPlain(s, plainStart, text.length)
  return mergeTexts(s.out)
}

/**
 * Join adjacent text nodes: a start-string without end-string is a run of
 * its own while scanning (see `unclosed`), but not in the tree.
 */
function mergeTexts(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k]
    let last = k
    while (node.type === 'text' && nodes[last + 1]?.type === 'text') last++
    if (last === k) {
      out.push(node)
      continue
    }
    // One join per run: appending piece by piece was quadratic in practice.
    const run = nodes.slice(k, last + 1) as Text[]
    out.push({ type: 'text', value: run.map((piece) => piece.value).join(''), position: { start: run[0].position!.start, end: run[run.length - 1].position!.end } })
    k = last
  }
  return out
}

/**
 * The character before `i` as docutils sees it: none at the start of the
 * text, and none right after a construct (docutils goes on matching the rest
 * as a string of its own, so a start-string there needs no prefix and is
 * never quoted).
 */
function before(s: Scan, i: number): string | undefined {
  return i > s.rest ? s.text[i - 1] : undefined
}

/**
 * Try markup at a start position. Emits plain text before it and the node.
 *
 * @returns
 *   The index after the construct when one was recognised, else the negated
 *   index to continue scanning from.
 */
function tryMarkup(s: Scan, i: number, plainStart: number): number {
  const { text } = s
  const prev = before(s, i)
  const ch = text[i]
  const next = text[i + 1]
  if (ch === '*') {
    const strong = next === '*'
    const len = strong ? 2 : 1
    const after = text[i + len]
    if (after === undefined || isSpace(after) || quotes(prev, after)) return -(i + len)
    if (!strong && after === '*') return -(i + 1)
    const kind = strong ? '**' : '*'
    const end = findEnd(s, kind, i + len + 1)
    if (end < 0) return unclosed(s, i, len, strong ? 'strong' : 'emphasis', plainStart)
    flushPlain(s, plainStart, i)
    const inner = text.slice(i + len, end)
    const node = {
      type: strong ? 'strong' : 'emphasis',
      children: [textNode(s, unescape(inner), i + len, end)],
      position: positionOf(s.ctx, s.it, i, end + len),
    } as PhrasingContent
    s.out.push(node)
    return end + len
  }
  if (ch === '`' && next === '`') {
    const after = text[i + 2]
    if (after === undefined || isSpace(after) || quotes(prev, after)) return -(i + 2)
    const end = findEnd(s, '``', i + 3)
    if (end < 0) return unclosed(s, i, 2, 'literal', plainStart)
    flushPlain(s, plainStart, i)
    s.out.push({
      type: 'inlineCode',
      value: s.preserve ? text.slice(i + 2, end) : text.slice(i + 2, end).replace(/\n/g, ' '),
      position: positionOf(s.ctx, s.it, i, end + 2),
    })
    return end + 2
  }
  if (ch === '`') return interpreted(s, i, i, plainStart, undefined)
  if (ch === '_' && next === '`') {
    const after = text[i + 2]
    if (after === undefined || isSpace(after) || quotes(prev, after)) return -(i + 2)
    // An inline target ends at a backquote followed directly by the suffix.
    let end = findEnd(s, '`', i + 3)
    for (let tries = 0; end >= 0 && backquoteSuffix(s, end) !== 1 && tries < 16; tries++) {
      end = findEnd(s, '`', end + 1)
    }
    if (end < 0 || backquoteSuffix(s, end) !== 1) return unclosed(s, i, 2, 'inline target', plainStart)
    flushPlain(s, plainStart, i)
    const label = normalizeWhitespace(unescape(text.slice(i + 2, end)))
    s.out.push({
      type: 'target',
      identifier: normalizeName(label),
      label,
      inline: true,
      ...(makeId(normalizeName(label)) ? { data: { id: makeId(normalizeName(label)) } } : {}),
      children: [textNode(s, label, i + 2, end)],
      position: positionOf(s.ctx, s.it, i, end + 1),
    })
    return end + 1
  }
  if (ch === '|') {
    const after = next
    if (after === undefined || after === '|' || isSpace(after) || quotes(prev, after)) return -(i + 1)
    const end = findEnd(s, '|', i + 2)
    if (end < 0) return unclosed(s, i, 1, 'substitution reference', plainStart)
    const suffix = pipeSuffix(s, end)
    flushPlain(s, plainStart, i)
    const name = normalizeWhitespace(unescape(text.slice(i + 1, end)))
    const subst: PhrasingContent = {
      type: 'substitutionReference',
      name,
      children: [textNode(s, name, i + 1, end)],
      position: positionOf(s.ctx, s.it, i, end + 1),
    }
    if (suffix > 1) {
      const anonymous = suffix === 3
      s.out.push({
        type: 'link',
        url: '',
        children: [subst],
        data: anonymous ? { anonymous: true } : { refname: normalizeName(name) },
        position: positionOf(s.ctx, s.it, i, end + suffix),
      })
    } else s.out.push(subst)
    return end + suffix
  }
  if (ch === '[') return footnoteRef(s, i, plainStart)
  if (ch === ':') {
    const nameEnd = scanName(text, i + 1)
    if (nameEnd > i + 1 && text[nameEnd] === ':' && text[nameEnd + 1] === '`' && text[nameEnd + 2] !== '`') {
      return interpreted(s, i, nameEnd + 1, plainStart, text.slice(i + 1, nameEnd))
    }
    return -(i + 1)
  }
  if (ch === '_') return -(i + 1)
  return -(i + 1)
}

/**
 * Warn about a start-string without end-string. The start-string stays
 * text, but as a piece of its own, as docutils' `problematic` node: the text
 * before and after it are separate runs, so a URI right after it starts a
 * run and needs no start-string prefix.
 *
 * @returns
 *   The index after the start-string (the construct ends there).
 */
function unclosed(s: Scan, i: number, len: number, what: string, plainStart: number): number {
  const position = positionOf(s.ctx, s.it, i, i + len)
  warn(s.ctx, `Inline ${what} start-string without end-string`, position, rules.inlineUnclosed)
  flushPlain(s, plainStart, i)
  s.out.push({ type: 'text', value: s.text.slice(i, i + len), position })
  return i + len
}

/**
 * Interpreted text or a phrase reference, starting with a backquote at `bq`
 * (a `:role:` prefix, when present, starts at `start`).
 */
function interpreted(s: Scan, start: number, bq: number, plainStart: number, prefixRole: string | undefined): number {
  const { text } = s
  const prev = before(s, start)
  const after = text[bq + 1]
  if (after === undefined || isSpace(after) || (prefixRole === undefined && quotes(prev, after))) {
    return -(bq + 1)
  }
  const end = findEnd(s, '`', bq + 2)
  if (end < 0) return unclosed(s, start, bq + 1 - start, 'interpreted text or phrase reference', plainStart)
  const suffixLen = backquoteSuffix(s, end)
  const suffix = text.slice(end + 1, end + suffixLen)
  const stop = end + suffixLen
  flushPlain(s, plainStart, start)
  const raw = text.slice(bq + 1, end)
  const position = positionOf(s.ctx, s.it, start, stop)
  // A role and a reference suffix, or two roles, are an error in docutils:
  // the whole construct stays text.
  const mismatch = prefixRole === undefined ? undefined : suffix.startsWith('_') ? 'Mismatch: both interpreted text role prefix and reference suffix' : suffix.startsWith(':') ? 'Multiple roles in interpreted text (both prefix and suffix present)' : undefined
  if (mismatch) {
    warn(s.ctx, mismatch, position, rules.unknownRole)
    s.out.push({ type: 'text', value: text.slice(start, stop), position })
    return stop
  }
  if (suffix.startsWith('_')) {
    s.out.push(phraseReference(s, raw, bq + 1, end, suffix === '__', position))
    return stop
  }
  let role = prefixRole
  if (suffix.startsWith(':')) {
    role = suffix.slice(1, -1)
  }
  s.out.push(
    makeRole(s.ctx, role === undefined ? (s.ctx.defaultRole ?? 'title-reference') : role.toLowerCase(), raw, position, positionOf(s.ctx, s.it, bq + 1, end), text.slice(start, stop)),
  )
  return stop
}

/**
 * Length of what follows a closing backquote at `end` (1 for the backquote
 * alone, more with `_`, `__` or `:role:`).
 */
function backquoteSuffix(s: Scan, end: number): number {
  const { text } = s
  if (text[end + 1] === '_') return text[end + 2] === '_' ? 3 : 2
  if (text[end + 1] === ':') {
    const e = scanName(text, end + 2)
    if (e > end + 2 && text[e] === ':') return e + 1 - end
  }
  return 1
}

/** Length of what follows a closing `|` (1, or 2/3 with `_`/`__`). */
function pipeSuffix(s: Scan, end: number): number {
  const { text } = s
  if (text[end + 1] === '_') return text[end + 2] === '_' ? 3 : 2
  return 1
}

/**
 * The first valid end-string of a kind at or after `from`, or -1.
 * Valid positions are computed once per kind and text.
 */
function findEnd(s: Scan, kind: '*' | '**' | '``' | '`' | '|', from: number): number {
  let table = s.ends.get(kind)
  if (!table) {
    table = endTable(s, kind)
    s.ends.set(kind, table)
  }
  let lo = 0
  let hi = table.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (table[mid] < from) lo = mid + 1
    else hi = mid
  }
  return lo < table.length ? table[lo] : -1
}

/** All valid end positions of one kind, ascending. */
function endTable(s: Scan, kind: '*' | '**' | '``' | '`' | '|'): Int32Array {
  const { text, escaped } = s
  const found: number[] = []
  const first = kind[0]
  // Backslashes are not escapes inside inline literals: ``\`` ends at once.
  const literal = kind === '``'
  for (let j = 1; j < text.length; j++) {
    if (text[j] !== first || (escaped[j] && !literal)) continue
    if (kind.length === 2 && text[j + 1] !== first) continue
    if (isSpace(text[j - 1])) continue
    let after = j + kind.length
    if (kind === '`') after = j + backquoteSuffix(s, j)
    else if (kind === '|') after = j + pipeSuffix(s, j)
    if (!endSuffixOk(text[after])) continue
    found.push(j)
  }
  return Int32Array.from(found)
}

