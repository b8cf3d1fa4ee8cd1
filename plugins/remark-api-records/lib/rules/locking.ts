import type { LockRule } from '../../../../src/schema/records.ts'
import { objectAt, subjectAt, type ReadClause, ownTopic } from '../subjects.ts'
import { factsFor, matches, mayMatch, needed, negatedBefore, negation, type ClauseRule, type Derived } from './derived.ts'

/**
 * Lock rules: "must be called with the mmap lock held", "caller must hold
 * rcu_read_lock()", "called without BKL", "takes the zone lock".
 */

/** A noun that names a lock. */
const lockNoun = /^(?:\w*lock|locks|mutex(?:es)?|semaphores?|rwsem|\w*_sem|sem|BKL|spinlocks?|rwlocks?|seqlocks?|seqcounts?|\w*_mutex|\w*_rwsem|\w*_lock)$/i

/**
 * The lock named at the start of `text`: an identifier (`rcu_read_lock()`,
 * `->i_rwsem`, `dev->mutex`, `&inode->i_lock`) or up to four words ending in
 * a lock noun ("the zone lock" → `zone_lock`). `null` when none is named, or
 * only "the lock" with nothing to tell which.
 */
export function lockAt(text: string): string | null {
  if (noLock.test(text)) return 'any_lock'
  const rest = text.replace(lockArticle, '')
  const identifier = lockIdentifier.exec(rest)
  if (identifier) {
    const name = identifier[0].replace(/^&/, '')
    const last = name.split(/->|\./).pop()!
    if (lockNoun.test(last) || /lock|mutex|sem|rcu/i.test(last)) return last === name ? name : name.replace(/^->/, '')
  }
  // Up to four words, the last a lock noun: "the mmap read lock internally" → mmap_read_lock.
  const words = rest.split(/\s+/, 5).map((word) => word.replace(wordQuotes, ''))
  const at = words.findIndex((word) => lockNoun.test(word))
  if (at < 0) return null
  const noun = words[at]
  const qualifiers = words.slice(0, at).filter((word) => word && !vagueQualifier.test(word))
  if (qualifiers.some((word) => !/^[\w-]+$/.test(word))) return null
  if (qualifiers.length === 0 && /^(?:lock|locks|mutex|mutexes|semaphore|semaphores)$/i.test(noun)) return null
  const parts = [...qualifiers, noun].map((word) => (/^[A-Z0-9_]+$/.test(word) && word.length > 1 && word !== 'RCU' ? word : word.toLowerCase()))
  const joined = parts.join('_')
  return joined.includes('-') ? joined.replaceAll('-', '_') : joined
}

const noLock = /^[\s`*"']*(?:no|any)\s+(?:other\s+)?locks?\b/i
const lockArticle = /^[\s`*"']*(?:(?:the|a|an|its|their|his|her|both|any|all|this|that|some)\s+)?[`*"']*/i
const lockIdentifier = /^&?(?:[A-Za-z_]\w*)?(?:(?:->|\.)[A-Za-z_]\w*)+|^[A-Za-z_]\w*(?=\(\))|^[A-Za-z_]\w*_\w+/
const wordQuotes = /^[`*"'(]+|[`*"'),.;:]+$/g
/** Words that tell no lock from another: "the appropriate lock", "the big lock". */
const vagueQualifier = /^(?:the|a|an|same|appropriate|relevant|corresponding|necessary|required|proper|right|global|big)$/i

/** The stretch of clause before a phrase negates it ("must not be called with … held", "need not hold"). */
const negatedAt = (text: string, at: number) => negatedBefore(text, at, 40)

interface LockPhrase {
  pattern: RegExp
  /** Words the pattern cannot match without (`mayMatch`). */
  needs: RegExp
  /** The rule when the phrase stands plain, and when a negation stands before it; `null`: the negation undoes it. */
  plain: LockRule
  negated: LockRule | null
  /** Read "the caller must …" as a rule of the topic. */
  caller: boolean
}

const phrases: LockPhrase[] = [
  { pattern: /\b(?:called|invoked|run|entered|executed|used|done|performed|issued|happen|happens|occur|occurs)\s+(?:with|while holding|while|under|inside|within)\s+/i, needs: needed('with', 'while', 'under', 'inside', 'within'), plain: 'holds', negated: 'not-held', caller: true },
  // "… callbacks are called during net_device registration and de-registration, under rtnl_lock": when, then under what.
  { pattern: /\b(?:called|invoked|run|executed)\s+(?:during|at|on|from|in|when|after|before|for)\b[^;:,]{0,80},\s*(?:and\s+)?(?:with|under|while holding)\s+/i, needs: needed('under', 'with', 'holding'), plain: 'holds', negated: 'not-held', caller: true },
  { pattern: /\bwith\s+(?=(?:(?!held\b|taken\b)[\w`*>&.()-]+\s+){1,4}(?:held|taken|locked|acquired)\b)/i, needs: needed('with'), plain: 'holds', negated: 'not-held', caller: true },
  { pattern: /\b(?:called|invoked|run|entered|executed|used)\s+without\s+(?:holding\s+|taking\s+)?/i, needs: needed('without'), plain: 'not-held', negated: null, caller: true },
  // "does not need to hold", "is not required to hold": no rule either way (the rule against holding is "must not hold", below).
  { pattern: /\b(?:must|should|has to|have to|needs? to|is required to|are required to)\s+(?:already\s+|always\s+)?(?:be\s+)?hold(?:ing)?\s+/i, needs: needed('hold'), plain: 'holds', negated: null, caller: true },
  { pattern: /\b(?:must|should|may|can)\s+(?:not|never)\s+(?:be\s+)?hold(?:ing)?\s+/i, needs: needed('hold'), plain: 'not-held', negated: null, caller: true },
  { pattern: /\bcallers?\s+(?:of\s+[^,;]{1,40}?\s+)?(?:[_*]*always[_*]*\s+)?(?:hold|holds|need|needs|must hold|must have|have|has)\s+/i, needs: needed('caller'), plain: 'holds', negated: 'not-held', caller: true },
  { pattern: /\b(?:requires?|expects?)\s+(?=(?:[\w`*>&.()-]+\s+){0,4}(?:to be\s+)?(?:held|locked|taken)\b)/i, needs: needed('require', 'expect'), plain: 'holds', negated: null, caller: true },
  { pattern: /\b(?:takes|acquires|grabs|will take|will acquire|will grab|takes out)\s+/i, needs: needed('take', 'acquire', 'grab'), plain: 'takes', negated: null, caller: false },
  { pattern: /\b(?:releases|drops|unlocks|will release|will drop)\s+/i, needs: needed('release', 'drop', 'unlock'), plain: 'releases', negated: null, caller: false },
]

/** "The mmap lock must be held by the caller", "inode_hash_lock is still held": the lock stands before its verb. */
const heldPassive = /\b(?:is|are|must be|should be|has to be|needs to be|will be)\s+(not\s+)?(?:still\s+|already\s+|always\s+)?(?:held|taken|locked|acquired)\b/i

/** The last conjunction that opens a stretch of the clause, for where the lock of "… when rtnl_lock is held" is named. */
const subordinator = /\b(?:when|where|while|whenever|if|unless|once|as long as)\s+/gi

/** Where a clause says a call happens. */
const callVerb = /\b(?:called|invoked|run|entered|executed)\b/i

/** ", or a spinlock held" in what a call must never be under. */
const heldInEnumeration = /(?:,|\bor\b)\s*(?:or\s+)?(?:with\s+)?((?:an?|the|any)\s+(?:[\w-]+\s+){0,2}?)?([\w-]+)\s+held\b/i

/** Where the clause says "called", "invoked" …, once for all its lock phrases. */
function callsIn(text: string): number[] {
  return matches(callVerb, text).map((match) => match.index)
}

/** Words `heldPassive` cannot match without. */
const heldWords = needed('held', 'taken', 'locked', 'acquired')

export const lockingRule: ClauseRule = (clause: ReadClause) => {
  const derived: Derived[] = []
  if (mayMatch(clause, heldWords)) for (const match of matches(heldPassive, clause.text)) {
    const head = clause.text.slice(0, match.index)
    // The stretch after the last comma or semicolon, found without a pattern that rescans the head from every position.
    let start = Math.max(head.lastIndexOf(','), head.lastIndexOf(';')) + 1
    // "foo() can be used when rtnl_lock is already held": the lock opens the stretch after "when", and the API is the main clause's subject.
    let opened = -1
    subordinator.lastIndex = start
    for (let found = subordinator.exec(head); found; found = subordinator.exec(head)) [opened, start] = [found.index, found.index + found[0].length]
    const lock = lockAt(head.slice(start))
    if (!lock) continue
    if (negatedAt(clause.text, match.index)) continue
    // "That lock must be held before calling X()": the API named after the verb; else the one being described.
    const after = clause.mentions.filter((mention) => !mention.weak && mention.index > match.index && /\b(?:before|when|while)\s+(?:calling|using|invoking)\s+[`*]*$/i.test(clause.text.slice(match.index, mention.index)))
    const subject = after.length === 0 && opened >= 0 ? subjectAt(clause, opened, { callerMeansTopic: true }) : []
    const apis = after.length > 0 ? [after[0].name] : subject.length > 0 ? subject : ownTopic(clause)
    // "where rtnl_lock is not already held": the call is made without it.
    derived.push(...factsFor(apis.filter((api) => api !== lock), 'locking', `${match[1] ? 'not-held' : 'holds'}:${lock}`, clause.condition))
  }
  // "This should never be called outside user context (…), with interrupts disabled, or a spinlock held": an
  // enumeration of what the call must not be under, a lock held among them.
  const never = /\b(?:never|not)\s+(?:be\s+)?(?:called|used|invoked)\b/i.exec(clause.text)
  if (never) {
    for (const held of matches(heldInEnumeration, clause.text.slice(never.index))) {
      const lock = lockAt(`${held[1] ?? ''}${held[2]}`)
      if (lock && lock !== 'any_lock') derived.push(...factsFor(subjectAt(clause, never.index, { callerMeansTopic: true }).filter((api) => api !== lock), 'locking', `not-held:${lock}`, clause.condition))
    }
  }
  let calls: number[] | undefined
  const locksAt = new Map<number, string | null>()
  for (const { pattern, needs, plain, negated, caller } of phrases) {
    if (!mayMatch(clause, needs)) continue
    for (const match of matches(pattern, clause.text)) {
      // "called with the zone lock held" is found by two phrases that end where the lock begins: read it once.
      // "Takes and releases the trace lock": the lock of both verbs.
      const end = match.index + match[0].length
      let lock = locksAt.get(end)
      if (lock === undefined) locksAt.set(end, (lock = lockAt(clause.text.slice(end).replace(/^(?:and|or|\/)\s+(?:releases|drops|takes|acquires|unlocks|locks)\s+/i, ''))))
      if (!lock) continue
      // "… callback used to be called with both ->i_lock and inode_hash_lock held": history, no rule either way.
      if (/\bused to (?:be|have)\b/i.test(clause.text.slice(Math.max(0, match.index - 40), match.index))) continue
      let rule = negatedAt(clause.text, match.index) ? negated : plain
      // "with no locks held": none may be.
      if (/^\s*no\s+locks?\b/i.test(clause.text.slice(match.index + match[0].length))) rule = rule === 'holds' ? 'not-held' : rule
      if (!rule) continue
      // "Callers of notify_change() need ->i_mutex": the API is the one the callers call.
      const of = /\bcallers?\s+of\s+/i.exec(match[0])
      const called = of ? objectAt(clause, match.index + of.index + of[0].length) : []
      // The enumeration after "never be called" was read above.
      if (never && match.index > never.index && /^with/i.test(match[0])) continue
      // "returns non-zero if it acquires the spinlock on the first try": when it returns what, not a lock it always takes.
      if ((rule === 'takes' || rule === 'releases') && /\b(?:if|whether|unless)\s+(?:it|they|this|the \w+)\s+$/i.test(clause.text.slice(Math.max(0, match.index - 30), match.index))) continue
      // "ERR_PTR(-EXDEV) is returned, with no locks taken": how the call leaves, not what its caller must hold.
      if (/^with/i.test(match[0]) && /\b(?:is|are)\s+returned\b|\breturns\b/i.test(clause.text.slice(0, match.index))) continue
      // "it's called on final iput() with inode->i_lock held": the lock goes with the call, whose subject is "it".
      const call = /^with/i.test(match[0]) ? (calls ??= callsIn(clause.text)).filter((at) => at < match.index).pop() ?? -1 : -1
      const apis = (called.length > 0 ? called : subjectAt(clause, call >= 0 ? call : match.index, { callerMeansTopic: caller })).filter((api) => api !== lock)
      derived.push(...factsFor(apis, 'locking', `${rule}:${lock}`, clause.condition))
    }
  }
  return derived
}
