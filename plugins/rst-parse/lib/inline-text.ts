/**
 * Implicit hyperlinks in plain text: standalone URIs (`https://…`,
 * `mailto:…`) and e-mail addresses, as docutils' `implicit_inline`. Found by
 * looking at each `:` and `@` and walking a bounded distance back, never
 * with a backtracking pattern, so long lines stay linear.
 */
import { isWord, startPrefixOk } from './chars.ts'

/** A piece of plain text, a link when `url` is set. */
export interface Piece {
  from: number
  to: number
  url?: string
}

/** URI schemes docutils recognises in running text (the common part of its list). */
const schemes = new Set([
  'http', 'https', 'ftp', 'ftps', 'sftp', 'file', 'mailto', 'news', 'nntp', 'telnet', 'git', 'ssh',
  'svn', 'irc', 'ircs', 'ldap', 'rsync', 'gopher', 'xmpp', 'urn', 'tel', 'sip', 'data', 'imap', 'pop',
  'prospero', 'wais', 'z39.50s', 'z39.50r', 'cid', 'mid', 'vemmi', 'service', 'nfs', 'tn3270', 'fax',
  'modem', 'afs', 'tftp', 'rtsp', 'acap', 'dav', 'im', 'pres', 'shttp', 'snews', 'webcal', 'feed',
])

/** Characters a URI may end with (docutils' `urilast`). */
function uriLast(ch: string | undefined): boolean {
  return ch !== undefined && (/[_~*/=+a-zA-Z0-9]/.test(ch) || (ch > '\u007f' && isWord(ch)))
}
/** Characters inside a URI. */
function uriChar(ch: string | undefined): boolean {
  return ch !== undefined && !/[\s<>"`]/.test(ch)
}
/** Characters of a scheme. */
function schemeChar(ch: string | undefined): boolean {
  return ch !== undefined && /[a-zA-Z0-9.+-]/.test(ch)
}
/** Characters of the local part of an address. */
function localChar(ch: string | undefined): boolean {
  return ch !== undefined && /[-_!~*'{|}/#?^&=+$%a-zA-Z0-9.]/.test(ch)
}
/** Characters of a domain. */
function domainChar(ch: string | undefined): boolean {
  return ch !== undefined && /[-a-zA-Z0-9._]/.test(ch)
}

/**
 * Split `text[from..to)` into plain pieces and implicit links.
 *
 * @param text
 *   The whole text.
 * @param from
 *   Start.
 * @param to
 *   End.
 * @param escaped
 *   Which characters follow an escaping backslash (they never start a link).
 * @returns
 *   Pieces covering the range in order.
 */
export function linkifyText(text: string, from: number, to: number, escaped: Uint8Array): Piece[] {
  const pieces: Piece[] = []
  let textStart = from
  let low = from
  for (let k = from; k < to; k++) {
    const ch = text[k]
    if (ch !== ':' && ch !== '@') continue
    let start = k
    while (start > low && (ch === ':' ? schemeChar(text[start - 1]) : localChar(text[start - 1]))) start--
    low = k + 1
    if (start === k || escaped[start] || !startPrefixOk(start > 0 ? text[start - 1] : undefined)) continue
    let end = k + 1
    if (ch === ':') {
      const scheme = text.slice(start, k).toLowerCase()
      if (!/^[a-z]/.test(scheme) || !schemes.has(scheme)) continue
      while (end < to && uriChar(text[end])) end++
    } else {
      while (end < to && domainChar(text[end])) end++
      while (start < k && !/[a-zA-Z0-9]/.test(text[start])) start++
    }
    while (end > k + 1 && !uriLast(text[end - 1])) end--
    if (end <= k + 1 || start === k) continue
    if (ch === '@' && !/[a-zA-Z0-9]/.test(text[k + 1] ?? '')) continue
    if (start > textStart) pieces.push({ from: textStart, to: start })
    const raw = text.slice(start, end)
    pieces.push({ from: start, to: end, url: ch === '@' ? 'mailto:' + raw : raw })
    textStart = end
    low = end
    k = end - 1
  }
  if (to > textStart) pieces.push({ from: textStart, to })
  return pieces
}
