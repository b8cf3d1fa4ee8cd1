/**
 * Character classes of docutils' inline markup recognition rules
 * (`docutils.utils.punctuation_chars`), as predicates on one character so
 * that the inline scanner never needs a backtracking regular expression.
 */

// No backslash: docutils lists it among the delimiters, but inside its
// regular expression's character class it escapes the hyphen after it.
const asciiStartPrefix = new Set([...'"\'(<[{-/:'])
const asciiEndSuffix = new Set([...'.,;!?-/:"\')>]}\\'])
const unicodeOpenOrDelimiter = /[\p{Ps}\p{Pi}\p{Pf}\p{Pd}\p{Po}]/u
const unicodeCloseOrDelimiter = /[\p{Pe}\p{Pi}\p{Pf}\p{Pd}\p{Po}]/u
const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>', '"': '"', "'": "'", '\u2018': '\u2019', '\u201c': '\u201d', '\u00ab': '\u00bb' }

/** Whitespace, as Python's `\s`. */
export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0' || (ch > '\u007f' && /\s/u.test(ch)))
}

/** A word character, as Python's `\w` (letters, digits, underscore). */
export function isWord(ch: string | undefined): boolean {
  if (ch === undefined) return false
  const c = ch.charCodeAt(0)
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return true
  return c > 127 && /[\p{L}\p{N}\p{M}]/u.test(ch)
}

/** A character allowed in a simple name other than `_` (docutils' `(?!_)\w`). */
export function isNameChar(ch: string | undefined): boolean {
  return ch !== '_' && isWord(ch)
}

/** A joiner inside a simple name (`-._+:`). */
export function isNameJoiner(ch: string | undefined): boolean {
  return ch === '-' || ch === '.' || ch === '_' || ch === '+' || ch === ':'
}

/**
 * Whether the character before a start-string allows it: start of text,
 * whitespace, an opening bracket or quote, or a delimiter.
 */
export function startPrefixOk(prev: string | undefined): boolean {
  if (prev === undefined) return true
  if (isSpace(prev) || asciiStartPrefix.has(prev)) return true
  return prev > '\u007f' && unicodeOpenOrDelimiter.test(prev)
}

/**
 * Whether the character after an end-string allows it: end of text,
 * whitespace, closing punctuation or a delimiter.
 */
export function endSuffixOk(next: string | undefined): boolean {
  if (next === undefined) return true
  if (isSpace(next) || asciiEndSuffix.has(next)) return true
  return next > '\u007f' && unicodeCloseOrDelimiter.test(next)
}

/** Whether `open` before and `close` after a start-string quote it (`"*"`, `(*)`). */
export function quotes(open: string | undefined, close: string | undefined): boolean {
  return open !== undefined && close !== undefined && pairs[open] === close
}

/**
 * Scan a simple name (`(?:(?!_)\w)+(?:[-._+:](?:(?!_)\w)+)*`) forward.
 *
 * @param text
 *   Text.
 * @param from
 *   Where the name would start.
 * @returns
 *   Index after the name, or `from` when there is none.
 */
export function scanName(text: string, from: number): number {
  let i = from
  if (!isNameChar(text[i])) return from
  while (i < text.length) {
    if (isNameChar(text[i])) i++
    else if (isNameJoiner(text[i]) && isNameChar(text[i + 1])) i += 2
    else break
  }
  return i
}

/** Normalise a reference name as docutils does: whitespace folded, lowercased. */
export function normalizeName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase()
}

/** docutils' `make_id`: a slug for ids. */
export function makeId(text: string): string {
  const id = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
  return id
}

/**
 * The id of a footnote, as the HTML gives it and references link to:
 * `footnote-4` for numbers, `footnote-symbol-2` for the second `[*]`.
 */
export function footnoteId(identifier: string): string {
  if (identifier.startsWith('*')) return `footnote-symbol-${identifier.slice(1)}`
  return `footnote-${/^[0-9]+$/.test(identifier) ? identifier : makeId(identifier) || 'unnamed'}`
}

/** The id of a citation (`citation-cit2002`). */
export function citationId(identifier: string): string {
  return `citation-${makeId(identifier)}`
}

/**
 * Remove backslash escapes: `\x` gives `x`, a backslash before whitespace
 * disappears with the whitespace.
 */
export function unescape(text: string): string {
  if (!text.includes('\\')) return text
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1]
      i++
      if (!isSpace(next)) out += next
    } else if (ch !== '\\') out += ch
  }
  return out
}
