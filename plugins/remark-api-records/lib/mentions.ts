import type { Kind } from '../../../src/schema/records.ts'

/** An API named in a piece of text. */
export interface Mention {
  name: string
  kind: Kind
  /** Offset in the text where it is named. */
  index: number
  /** Offset just past the name as written (`()` and role markup included). */
  end: number
  /**
   * A bare snake_case word (`create_proc_entry`, no `()`): prose names
   * variables and fields the same way, so such a word is an API only where a
   * rule finds it in the place of one (a status's subject, a title).
   */
  weak?: true
}

export interface FindOptions {
  /** Also give bare snake_case words, marked `weak`. */
  weak?: boolean
}

// `kmap_local_page()`, `k[un]map_atomic()` (kmap_atomic and kunmap_atomic),
// `kmap{,_atomic}()` (kmap and kmap_atomic), each optionally with arguments
// written out (`kmap(page)`), the way kernel prose names functions.
const call = /(?<![\w>.-])([A-Za-z_][A-Za-z0-9_]*(?:\[[A-Za-z0-9_]+\][A-Za-z0-9_]*|\{[A-Za-z0-9_,]*\}[A-Za-z0-9_]*)*)\(([A-Za-z0-9_ ,*]{0,40})\)/g
const role = /:c:(func|macro|type|data|member|struct|union|enum):`~?([^`<]+?)(?:\s*<([^>]+)>)?`/g
// `hugepage_subpool_get/put_pages()`, `io_mapping_map_atomic/local_wc()`: two calls written at once, the second's
// first word taking the place of the first's last; `page_follow_link_light/page_put_link()` names two in full.
const slashed = /(?<![\w>.\/-])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\/([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\(\)/g
const config = /\bCONFIG_[A-Z0-9_]+\b/g
// `GFP_KERNEL`, and in the kernel's shorthand `FMODE_CAN_{WRITE,READ}` (FMODE_CAN_WRITE and FMODE_CAN_READ).
const macro = /(?<![\w-])[A-Z][A-Z0-9]*_(?:[A-Z0-9_]*\{[A-Z0-9_,]+\}[A-Z0-9_]*|[A-Z0-9_]*[A-Z0-9])(?![\w(-])/g
// `->lookup()`, `->d_revalidate`: a method of an operations structure, named
// the way VFS and driver documents write it.
const callback = /->([A-Za-z_][A-Za-z0-9_]*)(\(\))?/g
// `.ndo_init`, `.d_hash`: a method as its structure's initializer names it. Snake case only: `.rst`, `.config` are files.
const member = /(?<=^|[\s`(*"'])\.([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(\(\))?(?![\w(\/.-])/g
// `seqlock_t`, `rwlock_t`, `dma_cookie_t`: the kernel's typedefs end in `_t`, which English words never do.
const typedef = /(?<![\w>.\/$%-])[a-z][a-z0-9_]*_t(?![\w(\/-]|\.\w)/g
const bare = /(?<![\w>.\/$%-])_*[a-z][a-z0-9]*(?:_+[a-z0-9]+|\{[a-z0-9_,]+\}|\[[a-z]+\])+(?![\w(\/-]|\.\w)/g

/**
 * An English plural written with brackets, `page(s)` or `process(es)`: a
 * plain lower-case word followed by `(s)` or `(es)`. A call of a one-word
 * function on a variable named `s` reads the same and is taken for a plural
 * too; prose rarely names a call that way, and plurals are common.
 */
const plural = (name: string, inside: string) => /^(?:s|es)$/.test(inside) && /^[a-z]+$/.test(name)

/** Words that look like calls in prose but are not APIs. */
const notApis = new Set(['e', 'i', 's', 'etc', 'and', 'or', 'see', 'via', 'if', 'for', 'while', 'sizeof', 'typeof', 'return'])

/** Word parts the kernel writes in brackets to mean "with or without": `k[un]map`, `[re]lock`. */
const optionalPrefix = /^(?:un|re|de|dis|try|_[a-z0-9_]+|[a-z0-9_]*_)$/

/** The two calls `first/second()` writes: the second in full where it starts as the first does, else each with the other's ending. */
function slashedNames(first: string, second: string): string[] {
  const [head, ...rest] = second.split('_')
  const words = first.split('_')
  if (head === words[0]) return [first, second]
  return [[first, ...rest].join('_'), [...words.slice(0, -1), second].join('_')]
}

/** Expand the kernel's shorthand: `k[un]map` → kmap, kunmap; `kmap{,_atomic}` → kmap, kmap_atomic. */
export function expandName(written: string): string[] {
  if (!written.includes('[') && !written.includes('{')) return [written]
  const bracket = /\[([A-Za-z0-9_]+)\]/.exec(written)
  if (bracket) {
    const before = written.slice(0, bracket.index)
    const after = written.slice(bracket.index + bracket[0].length)
    // `k[un]map`: with or without a prefix; `nd_[gs]et_link`: one letter of a set, as in a shell glob.
    if (!optionalPrefix.test(bracket[1])) return [...bracket[1]].flatMap((letter) => expandName(before + letter + after))
    return [...expandName(before + after), ...expandName(before + bracket[1] + after)]
  }
  const brace = /\{([A-Za-z0-9_,]*)\}/.exec(written)
  if (brace) {
    const before = written.slice(0, brace.index)
    const after = written.slice(brace.index + brace[0].length)
    return brace[1].split(',').flatMap((choice) => expandName(before + choice + after))
  }
  return [written]
}

/**
 * One mask reused by every call, cleared to the text's length: allocating a
 * typed array per sentence costs more than reading the sentence.
 * `findMentions` never calls itself, so one is enough.
 */
let mask = new Uint8Array(4096)

function coveredFor(length: number): Uint8Array {
  if (mask.length < length) mask = new Uint8Array(Math.max(length, mask.length * 2))
  mask.fill(0, 0, length)
  return mask
}

/**
 * Every match of one of this module's global patterns: `matchAll` clones
 * its pattern on every call, which costs more than the matching itself on a
 * sentence.
 */
function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = []
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push(match)
  return found
}

function isFree(covered: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (covered[index]) return false
  return true
}

/**
 * Find the APIs a text names: functions written as calls, Sphinx C-domain
 * roles, `CONFIG_` options and upper-case macros with an underscore (plain
 * upper-case words such as TLB or CPU are not taken for macros).
 */
export function findMentions(text: string, options: FindOptions = {}): Mention[] {
  // Every kind of mention has a `(`, `_`, `:` or `->`: text without one names nothing (most prose, and cheap to tell).
  if (!/[(_:>]/.test(text)) return []
  if (!options.weak) return mentionsIn(text, false)
  if (!readOnce) return mentionsIn(text, true)
  let found = readOnce.get(text)
  if (!found) readOnce.set(text, (found = mentionsIn(text, true)))
  return found.slice()
}

/**
 * The texts read with bare words while `readingMentionsOnce` runs, and what
 * they name: a list item's text is read by the block finder (does it lead
 * with names? is it nothing but names?) and then, once every block is
 * found, again as a sentence. Dropped when the run ends, so that nothing of
 * one document stays behind for the next.
 */
let readOnce: Map<string, Mention[]> | null = null

/** Run `work` with each text's mentions read once however often it is asked. */
export function readingMentionsOnce<T>(work: () => T): T {
  const outer = readOnce
  readOnce = new Map()
  try {
    return work()
  } finally {
    readOnce = outer
  }
}

function mentionsIn(text: string, weak: boolean): Mention[] {
  const found: Mention[] = []
  // Each pass needs a character its pattern cannot match without: looking
  // for it first skips most passes on most sentences.
  const underscore = text.includes('_')
  // One flag per character taken by an earlier kind of mention: a list of
  // spans checked for every match would make a paragraph dense with names
  // quadratic, and the matches of one kind never overlap, so checking their
  // own characters stays linear.
  const covered = coveredFor(text.length)
  for (const match of text.includes(':c:') ? allMatches(role, text) : []) {
    const target = (match[3] ?? match[2]).trim().replace(/\(\)$/, '')
    const kind: Kind = match[1] === 'func' ? 'function' : match[1] === 'macro' ? 'macro' : 'type'
    for (const name of expandName(target)) found.push({ name, kind, index: match.index!, end: match.index! + match[0].length })
    covered.fill(1, match.index!, match.index! + match[0].length)
  }
  for (const match of text.includes('/') && text.includes('(') ? allMatches(slashed, text) : []) {
    for (const name of slashedNames(match[1], match[2])) found.push({ name, kind: 'function', index: match.index!, end: match.index! + match[0].length })
    covered.fill(1, match.index!, match.index! + match[0].length)
  }
  for (const match of text.includes('(') ? allMatches(call, text) : []) {
    if (!isFree(covered, match.index!, match.index! + match[0].length) || plural(match[1], match[2])) continue
    for (const name of expandName(match[1])) {
      if (notApis.has(name.toLowerCase()) || name.length < 2) continue
      found.push({ name, kind: /^[A-Z][A-Z0-9_]*$/.test(name) ? 'macro' : 'function', index: match.index!, end: match.index! + match[0].length })
    }
    covered.fill(1, match.index!, match.index! + match[0].length)
  }
  for (const match of text.includes('->') ? allMatches(callback, text) : []) {
    if (!isFree(covered, match.index!, match.index! + match[0].length) || notApis.has(match[1].toLowerCase())) continue
    found.push({ name: match[1], kind: 'callback', index: match.index!, end: match.index! + match[0].length })
    covered.fill(1, match.index!, match.index! + match[0].length)
  }
  for (const match of underscore && text.includes('.') ? allMatches(member, text) : []) {
    if (!isFree(covered, match.index!, match.index! + match[0].length)) continue
    found.push({ name: match[1], kind: 'callback', index: match.index!, end: match.index! + match[0].length })
    covered.fill(1, match.index!, match.index! + match[0].length)
  }
  for (const match of text.includes('CONFIG_') ? allMatches(config, text) : []) {
    if (isFree(covered, match.index!, match.index! + match[0].length)) found.push({ name: match[0], kind: 'config', index: match.index!, end: match.index! + match[0].length })
  }
  for (const match of underscore ? allMatches(macro, text) : []) {
    if (match[0].startsWith('CONFIG_') || !isFree(covered, match.index!, match.index! + match[0].length)) continue
    // A choice left empty before the underscore ends in one (`FOO_{,BAR}` gives `FOO_`): no macro is named so.
    for (const name of expandName(match[0])) if (!name.endsWith('_')) found.push({ name, kind: 'macro', index: match.index!, end: match.index! + match[0].length })
    covered.fill(1, match.index!, match.index! + match[0].length)
  }
  for (const match of underscore ? allMatches(typedef, text) : []) {
    if (!isFree(covered, match.index!, match.index! + match[0].length)) continue
    found.push({ name: match[0], kind: 'type', index: match.index!, end: match.index! + match[0].length })
    covered.fill(1, match.index!, match.index! + match[0].length)
  }
  if (weak && (underscore || text.includes('{') || text.includes('['))) {
    for (const match of allMatches(bare, text)) {
      if (!isFree(covered, match.index!, match.index! + match[0].length)) continue
      for (const name of expandName(match[0])) found.push({ name, kind: 'function', index: match.index!, end: match.index! + match[0].length, weak: true })
    }
  }
  return found.sort((a, b) => a.index - b.index)
}
