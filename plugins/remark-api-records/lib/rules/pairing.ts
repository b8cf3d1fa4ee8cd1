import { expandName } from '../mentions.ts'
import { groupsOf, objectAt, subjectAt, type ReadClause, ownTopic } from '../subjects.ts'
import { factsFor, matches, negation, type ClauseRule, type Derived } from './derived.ts'

/**
 * Pairing: the API that releases, unlocks, unmaps, frees or ends what another
 * acquires. Read from the names kernel documents pair (`spin_lock()` and
 * `spin_unlock()`, `k[un]map_atomic()`, `kmap_local_page() / kunmap_local()`)
 * and from "must be released with kunmap()". A mapping's release is also its
 * `unmap`.
 */

/** Words of a name and the words of its release. */
const opposites: Array<[string, string]> = [
  ['lock', 'unlock'],
  ['get', 'put'],
  ['map', 'unmap'],
  ['remap', 'unmap'],
  ['alloc', 'free'],
  ['create', 'destroy'],
  ['create', 'remove'],
  ['register', 'unregister'],
  ['acquire', 'release'],
  ['begin', 'end'],
  ['enter', 'exit'],
  ['open', 'release'],
  ['open', 'close'],
  ['request', 'free'],
  ['request', 'release'],
  ['pin', 'unpin'],
  ['disable', 'enable'],
  ['save', 'restore'],
  ['irqsave', 'irqrestore'],
  ['hold', 'unhold'],
  ['ref', 'unref'],
  ['grab', 'release'],
  ['start', 'stop'],
  ['setup', 'teardown'],
  ['down', 'up'],
  ['claim', 'release'],
  ['mark', 'unmark'],
  ['init', 'destroy'],
  ['init', 'fini'],
  ['init', 'cleanup'],
  ['init', 'exit'],
  ['start', 'end'],
  ['pre', 'post'],
  ['suspend', 'resume'],
  ['new', 'free'],
  ['add', 'remove'],
  ['add', 'del'],
]

/** The words a word of a name may become in its release: itself, and its opposites (kmap → kunmap, kmalloc → kfree). */
function releaseWords(token: string): ReadonlySet<string> {
  let options = knownReleaseWords.get(token)
  if (!options) {
    // Bounded, since the words come from any document: a document's own words repeat (helper, page, lock).
    if (knownReleaseWords.size >= releaseWordsKept) knownReleaseWords.clear()
    knownReleaseWords.set(token, (options = spellReleaseWords(token)))
  }
  return options
}

/** Each word is asked of every name it is in, and every sentence asks of every name it follows: spell each once. */
const knownReleaseWords = new Map<string, ReadonlySet<string>>()
const releaseWordsKept = 4096

function spellReleaseWords(token: string): Set<string> {
  const options = new Set<string>([token])
  for (const [acquire, release] of opposites) {
    if (token === acquire) options.add(release)
    else if (token.endsWith(acquire) && token.length > acquire.length) {
      // kmap → kunmap, ioremap → iounmap, kmalloc → kfree, vmalloc → vfree.
      const stem = token.slice(0, -acquire.length)
      options.add(stem + release)
      if (acquire === 'alloc') options.add(stem.replace(/[mzcv]$/, '') + release)
    }
  }
  return options
}

/** Names longer than this pair with nothing: every word may change, so their releases grow as a power of the length. */
const longestPaired = 6

/** Names that release what `name` acquires, by the kernel's naming. */
export function releasesOf(name: string): string[] {
  const all = name.split('_')
  if (all.length > longestPaired) return []
  // `try_module_get()` is released by `module_put()`: what is tried is released like what is done.
  if (all[0] === 'try' && all.length > 1) return [...new Set([...releasesOf(all.slice(1).join('_')), ...releasesSpelled(all)])].filter((candidate) => candidate !== name)
  return releasesSpelled(all)
}

function releasesSpelled(tokens: string[]): string[] {
  const name = tokens.join('_')
  const out = new Set<string>()
  // Every token may change (spin_lock_irqsave → spin_unlock_irqrestore), in one pass.
  const variants = (index: number): string[][] => {
    if (index === tokens.length) return [[]]
    return [...releaseWords(tokens[index])].flatMap((option) => variants(index + 1).map((rest) => [option, ...rest]))
  }
  for (const variant of variants(0)) {
    const candidate = variant.join('_')
    if (candidate !== name) out.add(candidate)
  }
  return [...out]
}

/**
 * Whether `release` pairs with `name`: a release by name, possibly dropping
 * trailing words (`kmap_local_page` → `kunmap_local`). Read word by word, as
 * `releasesOf` would spell it, without spelling out every release: a sentence
 * asks this of every name it follows.
 */
export function pairs(name: string, release: string): boolean {
  if (name === release) return false
  const tokens = name.split('_')
  const words = release.split('_')
  if (tokens.length > longestPaired) return false
  if (tokens[0] === 'try' && words[0] !== 'try' && pairs(name.slice(4), release)) return true
  if (words.length > tokens.length) return false
  let changed = false
  for (let index = 0; index < words.length; index++) {
    if (words[index] === tokens[index]) continue
    if (!releaseWords(tokens[index]).has(words[index])) return false
    changed = true
  }
  // Equal to the name so far: a release must still differ in a word it drops.
  return changed || tokens.slice(words.length).some((token) => releaseWords(token).size > 1)
}

const releasedWith =
  /\b(?:released|unmapped|undone|freed|torn down|unlocked|dropped|balanced|paired|matched|put|ended|closed|unregistered|destroyed|reversed|disposed of|cleaned up|removed)\s+(?:\w+\s+)?(?:with|by|using|through|via)\s+(?:the\s+)?(?:a\s+(?:matching\s+|corresponding\s+)?call\s+to\s+|calling\s+)?|\bmust be (?:followed|paired|matched|balanced) (?:by|with)\s+(?:a\s+(?:matching\s+|corresponding\s+)?call\s+to\s+)?/i

/** The facts of `api` being released by `release`: a mapping's release is also its `unmap`. */
export function releaseFacts(api: string, release: string): Derived[] {
  const facts = factsFor([api], 'release', release)
  if (/unmap/.test(release) && /map/.test(api)) facts.push(...factsFor([api], 'unmap', release))
  return facts
}

/** A sentence introducing prototypes that release something: "The mappings are released with::", "To free an URB, use usb_free_urb()::". */
export const releaseIntro =
  /\b(?:released|freed|disposed of|removed|unmapped|destroyed|torn down|undone|unregistered|unlocked|closed|put)\s+(?:\w+\s+)?(?:with|by|using|via|through)\b|^\W*to (?:free|release|remove|destroy|unmap|unregister|dispose of|tear down|close|put)\b/i

/**
 * Pairs APIs introduced as releases with the APIs described before them that
 * they release by the kernel's naming: after "The mappings are released
 * with::" and `io_mapping_unmap_local()`, `io_mapping_map_local_wc` is
 * released by it. An exact counterpart wins over one that drops a trailing
 * word (`gpiod_get_array` pairs with `gpiod_put_array`, not `gpiod_put`), and
 * only a release of three words or more may drop one: a short one could be
 * any `gpiod_get_*`'s, any `debugfs_create_*`'s. Each API is paired once and
 * then leaves the index, so a document of many releases costs linear time.
 */
export class ReleaseIndex {
  /** Release name → the APIs it releases exactly. */
  private exact = new Map<string, Set<string>>()
  /** Shortened release name (three words or more) → the APIs it releases by dropping trailing words. */
  private shortened = new Map<string, Set<string>>()
  private paired = new Set<string>()
  /** Each API's releases, spelled out once: it is indexed under them, and taken out of the index under them again. */
  private releases = new Map<string, string[]>()

  /** APIs described but not indexed yet: most documents introduce no release, and then none is spelled out. */
  private pending: string[] = []

  /** An API the document describes. */
  add(api: string): void {
    this.pending.push(api)
  }

  private index(api: string): void {
    if (this.paired.has(api)) return
    const put = (map: Map<string, Set<string>>, key: string) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(api)
    for (const candidate of this.releasesOf(api)) {
      put(this.exact, candidate)
      const words = candidate.split('_')
      for (let length = words.length - 1; length >= 3; length--) put(this.shortened, words.slice(0, length).join('_'))
    }
  }

  /** The [API, release] pairs the APIs an introduction introduces as releases make. */
  pair(releases: readonly string[]): Array<[string, string]> {
    for (const api of this.pending) this.index(api)
    this.pending = []
    const found = new Map<string, string>()
    for (const release of releases) for (const api of this.exact.get(release) ?? []) if (!releases.includes(api) && !found.has(api)) found.set(api, release)
    // Longest first, so that `io_mapping_unmap_local` beats a shorter release of the same API.
    for (const release of [...releases].sort((a, b) => b.length - a.length)) {
      for (const api of this.shortened.get(release) ?? []) if (!releases.includes(api) && !found.has(api)) found.set(api, release)
    }
    for (const api of found.keys()) this.forget(api)
    return [...found]
  }

  private forget(api: string): void {
    this.paired.add(api)
    for (const map of [this.exact, this.shortened]) for (const key of keysOf(this.releasesOf(api))) map.get(key)?.delete(api)
  }

  private releasesOf(api: string): string[] {
    let releases = this.releases.get(api)
    if (!releases) this.releases.set(api, (releases = releasesOf(api)))
    return releases
  }
}

/** Every key an API with these releases is indexed under. */
function keysOf(releases: readonly string[]): string[] {
  return releases.flatMap((candidate) => {
    const words = candidate.split('_')
    return [candidate, ...Array.from({ length: Math.max(0, words.length - 3) }, (_, index) => words.slice(0, words.length - 1 - index).join('_'))]
  })
}

/** `k[un]map_atomic()`: an acquire and its release written at once. */
const bracketedUn = /(?<!\w)([A-Za-z_]\w*)\[(un)\](\w*)\(\)/

/** Two names joined by "and" alone. */
const sideBySide = /^[\s`*]*and[\s`*]*$/i

/** `kmap_local_page() / kunmap_local()`. */
const slashPair = /(?<!\w)([A-Za-z_]\w*)\(\)\s*\/\s*([A-Za-z_]\w*)\(\)/

function pushReleaseFacts(derived: Derived[], api: string, release: string): void {
  derived.push(...releaseFacts(api, release))
}

export const pairingRule: ClauseRule = (clause: ReadClause) => {
  const derived: Derived[] = []
  const strong = clause.mentions.filter((mention) => !mention.weak)
  // Names that pair by the kernel's naming, told together in a sentence of their own (not in a list of many names).
  // "It is also not allowed to individually release descriptors (using gpiod_put()) from an array acquired with gpiod_get_array()" pairs nothing.
  const stated = /\b(?:is|are|was|were|be|must|should|can|may|will|use|call|called|pair|paired|match|matching|with|before|after|then|until)\b/i.test(clause.text)
  if (strong.length <= 4 && !negation.test(clause.text) && !stated) {
    // "netif_napi_add() and netif_napi_del() add/remove a NAPI instance": the two alone, side by side, in the order an
    // acquire and its release are written ("See DEFINE_PER_CPU(), get_cpu_var() and put_cpu_var()" is a list, no pair).
    for (const group of groupsOf(clause.text, strong)) {
      const [left, right] = group.mentions
      if (group.mentions.length === 2 && sideBySide.test(clause.text.slice(left.end, right.index)) && pairs(left.name, right.name)) pushReleaseFacts(derived, left.name, right.name)
    }
  } else if (strong.length <= 4 && !negation.test(clause.text)) {
    // "There are also devm_request_free_mem_region(), devm_memremap_pages(), devm_memunmap_pages(), and …": names
    // listed three or more together are an enumeration, not a pair told.
    const listed = new Set(groupsOf(clause.text, strong).filter((group) => group.mentions.length >= 3).flatMap((group) => group.mentions))
    for (const first of strong) {
      for (const second of strong) {
        if (!pairs(first.name, second.name) || (listed.has(first) && listed.has(second))) continue
        // "can be passed to request_irq() or free_irq()": either one, no pair told.
        const [left, right] = first.index < second.index ? [first, second] : [second, first]
        if (/^[\s`*]*or\s+[`*]*$/i.test(clause.text.slice(left.end, right.index))) continue
        pushReleaseFacts(derived, first.name, second.name)
      }
    }
  }
  // In a longer list, a pair told side by side: "(1) rcu_read_lock() and rcu_read_unlock(), (2) … rcu_read_lock_bh() and rcu_read_unlock_bh()".
  else if (strong.length > 4 && !negation.test(clause.text)) {
    for (let index = 1; index < strong.length; index++) {
      const [left, right] = [strong[index - 1], strong[index]]
      if (!sideBySide.test(clause.text.slice(left.end, right.index))) continue
      if (pairs(left.name, right.name)) pushReleaseFacts(derived, left.name, right.name)
      else if (pairs(right.name, left.name)) pushReleaseFacts(derived, right.name, left.name)
    }
  }
  // `k[un]map_atomic()`: both written at once.
  if (clause.text.includes('[un]')) for (const match of matches(bracketedUn, clause.text)) {
    const [without, withUn] = expandName(`${match[1]}[${match[2]}]${match[3]}`)
    pushReleaseFacts(derived, without, withUn)
  }
  // `kmap_local_page() / kunmap_local()`.
  if (clause.text.includes('/')) for (const match of matches(slashPair, clause.text)) {
    if (/un|release|free|put/.test(match[2]) && !/un|release|free|put/.test(match[1])) pushReleaseFacts(derived, match[1], match[2])
  }
  for (const match of matches(releasedWith, clause.text)) {
    const release = objectAt(clause, match.index + match[0].length)[0]
    if (!release) continue
    const apis = subjectAt(clause, match.index)
    for (const api of apis.length > 0 ? apis : ownTopic(clause)) if (api !== release) pushReleaseFacts(derived, api, release)
  }
  return derived
}
