/**
 * Implicit hyperlinks in plain text: standalone URIs (`https://…`,
 * `mailto:…`) and e-mail addresses, exactly as docutils' `implicit_inline`
 * and its `uri` pattern find them: URI characters are RFC 2396's (so `^`,
 * `{`, `}`, a literal backslash and non-ASCII letters end a URI), a URI ends
 * on a letter, a digit or one of `_ ~ * / = +`, an optional `?query` and `#fragment`
 * follow, and what comes after must be an end-string suffix (space,
 * closing punctuation, a delimiter). The scheme must be one docutils knows;
 * when the first candidate has another scheme, docutils leaves the rest of
 * the text unlinked, and so does this.
 *
 * Matching is hand-written rather than a backtracking pattern: candidates
 * start only after a start-string prefix, each one's extent is found once,
 * and end points are tried from the longest down, so long lines stay linear.
 */
import { endSuffixOk, startPrefixOk } from './chars.ts'

/** A piece of plain text, a link when `url` is set. */
export interface Piece {
  from: number
  to: number
  url?: string
}

/** URI schemes docutils recognises in running text (`docutils.utils.urischemes`). */
const schemes = new Set(
  ('about acap addbook afp afs aim callto castanet chttp cid crid data dav dict dns eid fax feed file finger ' +
    'freenet ftp go gopher gsm-sms h323 h324 hdl hnews http https hydra iioploc ilu im imap info ior ipp irc ' +
    'iris.beep iseek jar javascript jdbc ldap lifn livescript lrq mailbox mailserver mailto md5 mid mocha modem ' +
    'mtqp mupdate news nfs nntp opaquelocktoken phone pop pop3 pres printer prospero rdar res rtsp rvp rwhois rx ' +
    'sdp service shttp sip sips smb snews snmp soap.beep soap.beeps ssh t120 tag tcp tel telephone telnet tftp ' +
    'tip tn3270 tv urn uuid vemmi videotex view-source wais whodp whois++ x-man-page xmlrpc.beep xmlrpc.beeps ' +
    'z39.50r z39.50s').split(' '),
)

/** The text being linkified, with which characters are escaped. */
interface Text {
  text: string
  escaped: Uint8Array
  /** Where this stretch of text ends. */
  to: number
}

/**
 * Whether `text[k]` is a URI character. An escaping backslash counts (docutils
 * turns it into a null character, which its URI class admits); an escaped
 * backslash is a real backslash, which it does not.
 */
function uric(t: Text, k: number): boolean {
  if (k >= t.to) return false
  const ch = t.text[k]
  if (ch === '\\') return !t.escaped[k]
  return /[-_.!~*'()[\];/:@&=+$,%a-zA-Z0-9]/.test(ch)
}

/** Whether `text[k]` may end a URI (docutils' `urilast`). */
function uriLast(t: Text, k: number): boolean {
  return /[_~*/=+a-zA-Z0-9]/.test(t.text[k])
}

/** Whether a URI may end just before `end` (`urilast`, or any URI character before `>`). */
function uriEnd(t: Text, end: number): boolean {
  return uriLast(t, end - 1) || (uric(t, end - 1) && t.text[end] === '>')
}

/** Characters of an address (docutils' `emailc`); an escaping backslash counts. */
function emailc(t: Text, k: number): boolean {
  if (k >= t.to) return false
  const ch = t.text[k]
  if (ch === '\\') return !t.escaped[k]
  return /[-_!~*'{|}/#?^`&=+$%a-zA-Z0-9]/.test(ch)
}

/** Whether a match may end at `end`: an end-string suffix (or the end of the stretch) follows. */
function suffixOk(t: Text, end: number): boolean {
  return end >= t.to || endSuffixOk(t.text[end])
}

/** End of the run of URI characters from `from`. */
function uricRun(t: Text, from: number): number {
  let k = from
  while (uric(t, k)) k++
  return k
}

/**
 * Longest end of `?query` or `#fragment` starting at `at` (where `mark`
 * is), trying shorter ones while `rest` rejects them; -1 when none fits.
 */
function part(t: Text, at: number, mark: string, rest: (end: number) => number): number {
  if (t.text[at] !== mark) return -1
  for (let end = uricRun(t, at + 1); end > at + 1; end--) {
    if (!uriEnd(t, end)) continue
    const found = rest(end)
    if (found >= 0) return found
  }
  return -1
}

/**
 * What candidates starting inside one run share, so each run is scanned
 * once however many start positions it holds (`a-a-a-…`, `x/y/z/…@`): the
 * end of the run of scheme (or address) characters, and the `:` (or `@`)
 * already found to lead nowhere. Positions only grow, so one entry each.
 */
interface Memo {
  schemeRun: { from: number; to: number }
  failedColon: number
  nameRun: { from: number; to: number }
  failedAt: number
}

/** End of the run of characters `ok` accepts from `p`, reusing the last run when `p` is inside it. */
function runEnd(run: { from: number; to: number }, p: number, to: number, ok: (k: number) => boolean): number {
  if (p > run.from && p < run.to) return run.to
  let k = p
  while (k < to && ok(k)) k++
  run.from = p
  run.to = k
  return k
}

/**
 * An absolute URI whose scheme starts at `p`: its end and scheme, or
 * undefined. Tries each hierarchical end from the longest, each with an
 * optional query and fragment, as the regular expression's backtracking does.
 */
function absoluteUri(t: Text, p: number, memo: Memo): { end: number; scheme: string } | undefined {
  if (!/[a-zA-Z]/.test(t.text[p] ?? '')) return undefined
  const colon = runEnd(memo.schemeRun, p, t.to, (k) => /[a-zA-Z0-9.+-]/.test(t.text[k]))
  if (t.text[colon] !== ':' || colon >= t.to || colon === memo.failedColon) return undefined
  const scheme = t.text.slice(p, colon)
  const fragment = (at: number) => {
    const end = part(t, at, '#', (e) => (suffixOk(t, e) ? e : -1))
    return end >= 0 ? end : suffixOk(t, at) ? at : -1
  }
  const query = (at: number) => {
    const end = part(t, at, '?', fragment)
    return end >= 0 ? end : fragment(at)
  }
  // What follows the colon does not depend on where the scheme started.
  for (let h = uricRun(t, colon + 1); h > colon + 1; h--) {
    if (!uriEnd(t, h)) continue
    const end = query(h)
    if (end >= 0) return { end, scheme }
  }
  memo.failedColon = colon
  return undefined
}

/** An e-mail address starting at `p`: its end, or -1. */
function emailAddress(t: Text, p: number, memo: Memo): number {
  // The name: emailc runs joined by single dots, then an unescaped `@`.
  if (!emailc(t, p)) return -1
  const at = runEnd(memo.nameRun, p, t.to, (k) => emailc(t, k) || (t.text[k] === '.' && t.text[k - 1] !== '.'))
  if (t.text[at] !== '@' || t.escaped[at] || t.text[at - 1] === '.' || at === memo.failedAt) return -1
  // The host: an emailc, then emailc or dots, then a URI end, then a suffix
  // (the same for every name ending at this `@`).
  memo.failedAt = at
  if (!emailc(t, at + 1)) return -1
  let run = at + 2
  while (run < t.to && (emailc(t, run) || t.text[run] === '.')) run++
  const longest = uric(t, run) && t.text[run + 1] === '>' ? run + 1 : run
  for (let end = longest; end > at + 2; end--) {
    if (uriEnd(t, end) && suffixOk(t, end)) {
      memo.failedAt = -1
      return end
    }
  }
  return -1
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
  // A URI needs a colon after its scheme and an address an `@`, both before `to`: candidates
  // past the last of each cannot match, and most text has neither (one plain piece).
  const lastColon = lastIndexIn(text, ':', from, to)
  const lastAt = lastIndexIn(text, '@', from, to)
  if (lastColon < 0 && lastAt < 0) return to > from ? [{ from, to }] : []
  const t: Text = { text, escaped, to }
  const memo: Memo = { schemeRun: { from: -1, to: -1 }, failedColon: -1, nameRun: { from: -1, to: -1 }, failedAt: -1 }
  const pieces: Piece[] = []
  let textStart = from
  // After a link, the text after it is searched as a text of its own (docutils
  // recurses), so a candidate may start right at its beginning.
  let segment = from
  for (let p = from; p < to && (p < lastColon || p < lastAt); p++) {
    if (escaped[p] || (p > segment && !startPrefixOk(text[p - 1]))) continue
    const absolute = p < lastColon ? absoluteUri(t, p, memo) : undefined
    let end = absolute?.end ?? -1
    if (absolute && !schemes.has(absolute.scheme.toLowerCase())) break
    const email = end < 0
    if (email && p < lastAt) end = emailAddress(t, p, memo)
    if (end < 0) continue
    if (p > textStart) pieces.push({ from: textStart, to: p })
    const raw = text.slice(p, end).replace(/\\(.?)/g, '$1')
    pieces.push({ from: p, to: end, url: email ? `mailto:${raw}` : raw })
    textStart = end
    segment = end
    p = end - 1
  }
  if (to > textStart) pieces.push({ from: textStart, to })
  return pieces
}

/**
 * The last index of `char` in `text[from..to)`, or -1. Scanned by hand: the
 * stretch is often a small part of a long text, and `lastIndexOf` would go
 * on past `from` to the text's start (quadratic over a text's stretches).
 */
function lastIndexIn(text: string, char: string, from: number, to: number): number {
  const code = char.charCodeAt(0)
  for (let at = to - 1; at >= from; at--) if (text.charCodeAt(at) === code) return at
  return -1
}
