/**
 * Plain text between inline markup, and the reference-like constructs:
 * escapes removed, simple references (`name_`, `name__`), standalone URIs
 * and e-mail addresses, phrase references with embedded URIs or aliases,
 * and footnote/citation references.
 */
import type { Link } from 'mdast'
import type { Position } from 'unist'
import { endSuffixOk, isNameChar, isNameJoiner, isSpace, normalizeName, scanName, startPrefixOk, unescape } from './chars.ts'
import { linkifyText } from './inline-text.ts'
import { normalizeWhitespace, positionOf, textNode, type Scan } from './inline-scan.ts'

/** `` `text <uri>`_ ``, `` `text <name_>`_ ``, `` `name`_ `` or anonymous `` `text`__ ``. */
export function phraseReference(s: Scan, raw: string, from: number, to: number, anonymous: boolean, position: Position): Link {
  let display = raw
  let url = ''
  let refname: string | undefined
  let embedded = false
  const lt = raw.endsWith('>') && !raw.endsWith('\\>') ? raw.lastIndexOf('<') : -1
  if (lt >= 0 && (lt === 0 || isSpace(raw[lt - 1])) && lt + 2 < raw.length && !raw.slice(lt + 1, -1).includes('>')) {
    const target = raw.slice(lt + 1, -1)
    embedded = true
    display = raw.slice(0, lt).trim() || target
    // `<name_>` is an alias, unless it reads as a URI (docutils' `uri` pattern).
    if (target.endsWith('_') && !target.endsWith('\\_') && !/^[a-zA-Z][a-zA-Z0-9.+-]*:|@/.test(target)) {
      refname = normalizeName(unescape(target.slice(0, -1)))
    } else {
      url = unescape(target).replace(/\s+/g, '')
      if (/^[^\s@:/]+@[a-zA-Z0-9][-a-zA-Z0-9.]*$/.test(url)) url = `mailto:${url}`
    }
  }
  const data: NonNullable<Link['data']> = {}
  // An embedded URI or alias is the target itself: even with `__` it takes
  // no anonymous target (docutils), so later anonymous references keep theirs.
  if (anonymous && !embedded) data.anonymous = true
  if (refname !== undefined) data.refname = refname
  else if (!anonymous && (!embedded || display !== raw.slice(lt + 1, -1))) {
    // A named reference (or `text <uri>`_, which also names a target).
    data.refname = normalizeName(unescape(display))
  }
  if (embedded && url) data.embedded = true
  return {
    type: 'link',
    url,
    children: [textNode(s, normalizeWhitespace(unescape(display)), from, to)],
    data,
    position,
  }
}

/** `[1]_`, `[#]_`, `[#label]_`, `[*]_` or `[CIT]_`. */
export function footnoteRef(s: Scan, i: number, plainStart: number): number {
  const { text } = s
  let j = i + 1
  let kind: 'number' | 'auto' | 'symbol' | 'citation'
  if (text[j] >= '0' && text[j] <= '9') {
    while (text[j] >= '0' && text[j] <= '9') j++
    kind = 'number'
  } else if (text[j] === '#') {
    j = scanName(text, j + 1)
    kind = 'auto'
  } else if (text[j] === '*') {
    j++
    kind = 'symbol'
  } else {
    const e = scanName(text, j)
    if (e === j) return -(i + 1)
    j = e
    kind = 'citation'
  }
  if (text[j] !== ']' || text[j + 1] !== '_' || !endSuffixOk(text[j + 2])) return -(i + 1)
  flushPlain(s, plainStart, i)
  const label = text.slice(i + 1, j)
  const position = positionOf(s.ctx, s.it, i, j + 2)
  if (kind === 'citation') {
    s.out.push({ type: 'citationReference', label, identifier: normalizeName(label), children: [], position })
  } else {
    const auto = kind === 'auto' ? '#' : kind === 'symbol' ? '*' : undefined
    s.out.push({
      type: 'footnoteReference',
      identifier: normalizeName(label),
      label,
      ...(auto ? { data: { auto } } : {}),
      position,
    })
  }
  return j + 2
}

/**
 * Emit the plain text `text[from..to)`: escapes removed, standalone URIs,
 * e-mail addresses and simple references (`name_`, `name__`) recognised.
 */
export function flushPlain(s: Scan, from: number, to: number): void {
  if (to <= from) return
  const { text, escaped } = s
  let textStart = from
  let low = from
  for (let k = from; k < to; k++) {
    if (text[k] !== '_' || escaped[k]) continue
    const anonymous = text[k + 1] === '_'
    const after = k + (anonymous ? 2 : 1)
    if (after > to || !endSuffixOk(text[after]) || !isNameChar(text[k - 1])) continue
    // Walk back over the simple name, never past what was already emitted.
    let b = k
    while (b > low) {
      if (isNameChar(text[b - 1])) b--
      else if (isNameJoiner(text[b - 1]) && b - 2 >= low && isNameChar(text[b - 2]) && !escaped[b - 1]) b--
      else break
    }
    while (b < k && !isNameChar(text[b])) b++
    low = k + 1
    // The leftmost start with a valid prefix wins: in `_mailto:x_` that is
    // `x`, after the `:` joiner (docutils' search tries every start). `from`
    // is where the text after a construct starts: docutils matches there as
    // at the start of a string, so a name there needs no prefix.
    while (b < k && (escaped[b] || !startPrefixOk(b > from ? text[b - 1] : undefined))) {
      b++
      while (b < k && !(isNameChar(text[b]) && isNameJoiner(text[b - 1]))) b++
    }
    if (b >= k) continue
    emitText(s, textStart, b)
    const name = text.slice(b, k)
    s.out.push({
      type: 'link',
      url: '',
      children: [textNode(s, name, b, k)],
      data: anonymous ? { anonymous: true } : { refname: normalizeName(name) },
      position: positionOf(s.ctx, s.it, b, after),
    })
    textStart = after
    k = after - 1
  }
  emitText(s, textStart, to)
}

/** Emit text with standalone URIs and e-mail addresses turned into links. */
function emitText(s: Scan, from: number, to: number): void {
  if (to <= from) return
  for (const piece of linkifyText(s.text, from, to, s.escaped)) {
    const position = positionOf(s.ctx, s.it, piece.from, piece.to)
    const raw = s.text.slice(piece.from, piece.to)
    if (piece.url === undefined) {
      const value = unescape(raw)
      if (value) s.out.push({ type: 'text', value, position })
    } else {
      s.out.push({
        type: 'link',
        url: piece.url,
        children: [{ type: 'text', value: unescape(raw), position }],
        position,
      })
    }
  }
}
