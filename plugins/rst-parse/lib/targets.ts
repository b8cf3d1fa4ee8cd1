/**
 * What a hyperlink target's link block means, read as docutils'
 * `parse_target` reads it (for `.. _name:` and `__` targets and for the
 * `:target:` option of images): another target's name, or a URI.
 */
import { normalizeName, scanName } from './chars.ts'

/** Where a target leads: a URL (`#id` inside the document) or another name. */
export type Pointer = { url: string } | { refname: string }

/**
 * A `:target:` option as docutils' `parse_target` reads it: a reference
 * name (`name_`, `` `a phrase`_ ``) or a URI (escapes and whitespace removed).
 */
export function targetPointer(value: string): Pointer {
  const refname = referenceName(value)
  return refname === undefined ? { url: targetUri(value) } : { refname }
}

/**
 * The reference name a target's text names (`name_` or `` `phrase`_ ``,
 * whitespace folded), or `undefined` when it is a URI.
 */
export function referenceName(value: string): string | undefined {
  const text = value.replace(/\s+/g, ' ').trim()
  if (!text.endsWith('_') || text.endsWith('\\_')) return undefined
  const body = text.slice(0, -1)
  if (body.length > 2 && body.startsWith('`') && body.endsWith('`') && !/^`\s|\s`$/.test(body)) return normalizeName(unescapeName(body.slice(1, -1)))
  return isSimpleName(body) ? normalizeName(unescapeName(body)) : undefined
}

/** A URI from a target's text: unescaped whitespace removed, escapes taken (`\\` is `\`). */
export function targetUri(value: string): string {
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]
    if (ch === '\\' && i + 1 < value.length) out += value[++i]
    else if (!/\s/.test(ch)) out += ch
  }
  return out
}

/** Whether `text` is one docutils simple name (`\w+` joined by single `-._+:`). */
function isSimpleName(text: string): boolean {
  return text !== '' && scanName(text, 0) === text.length
}

/** Remove backslash escapes from a name. */
function unescapeName(text: string): string {
  return text.replace(/\\(.)/g, '$1')
}
