import type { Status } from '../../../src/schema/records.ts'
import { distinct } from './distinct.ts'
import { readClauses } from './clauses.ts'
import { longestSentence } from './sentences.ts'
import { findMentions, type Mention } from './mentions.ts'
import { extraposedTopic, groupsOf, nextTopic, otherSubjectTopic, type ReadClause } from './subjects.ts'
import { mayMatch, needed, type ClauseRule, type Derived, type SentenceState } from './rules/derived.ts'
import { standingRule } from './rules/standing.ts'
import { callingRule } from './rules/calling.ts'
import { lockingRule } from './rules/locking.ts'
import { returnsRule } from './rules/returns.ts'
import { pairingRule } from './rules/pairing.ts'
import { sinceRule } from './rules/since.ts'

/**
 * The language of kernel documentation, read as clauses with API mentions as
 * tokens: each rule family (status and replacement, calling context, locks,
 * return values, pairing, since) finds its phrases and asks `subjects.ts` who
 * they are about. A clause that negates or hedges a phrase states nothing; a
 * sentence no rule understands stays plain text.
 */

export type { Derived, Field } from './rules/derived.ts'
export { splitClauses } from './clauses.ts'

/** What the reader of a sentence knows from around it. */
export interface Reading {
  /** The API whose description the sentence stands in, if any. */
  blockApi: string | null
  /** Every API that description is of (a title or a prototype block naming several); defaults to `blockApi`. */
  described?: string[]
  /** What the previous sentence of the paragraph was about; defaults to the block's API. */
  topic?: string[]
  /** The topic comes from the previous paragraph: a pronoun may refer to it, a missing subject may not. */
  carried?: boolean
  /** APIs the previous sentence of the paragraph deprecated or removed. */
  recent?: string[]
  /** And which of the two. */
  recentStatus?: 'removed' | 'deprecated'
  /** The APIs of the list the sentence's paragraph introduces ("Instead of X, drivers are encouraged to use higher-level APIs. … the following wrappers:"). */
  listed?: string[]
  /** The mentions of the sentence, bare words included (`findMentions(sentence, { weak: true })`), when the caller has them already. */
  mentions?: Mention[]
}

/** A sentence that puts a case for the sake of argument: "Now consider the case where …", "Suppose that …", "Imagine …". */
const hypothetical = /^\W*(?:(?:now|so|but|and|then),?\s+)?(?:(?:let(?:'s| us)\s+)?consider\s+(?:the|a)\s+case\s+(?:where|when|that|in which)|suppose|imagine|let(?:'s| us) (?:say|assume|suppose)|what if)\b/i

/** "_not_", "*NOT*" after a space or a bracket. It starts with its markup, and the engine skips ahead to that quickly. */
const emphasisedNegation = /(?<=^|[\s(])[_*]{1,2}(not|never|no|NOT|NEVER|NO)[_*]{1,2}(?=[\s,.;)])/g

/** Words of status and replacement phrases. */
const standingWords = needed('deprecat', 'obsolet', 'remov', 'renam', 'consider', 'gone', 'no more', 'replac', 'supersed', 'favor', 'favour', 'prefer', 'recommend', 'discourag', 'avoid', 'instead', 'legacy', 'going away', 'static', 'export', 'ditto', 'bad idea', 'restricted', 'switch', 'convert', 'migrat', 'advantage', 'required', 'encouraged', 'advised', 'better', 'best', 'rather', 'moderation', 'formerly', 'previously', 'née', 'everything', 'same job', 'same thing')

/** Words of context and effect phrases. */
const contextWords = needed('context', 'interrupt', 'irq', 'nmi', 'sleep', 'block', 'wait', 'schedul', 'atomic', 'preempt', 'tasklet', 'timer', 'bottom', 'pagefault', 'page fault', 'migration', 'lock', 'tlb', 'local', 'stack', 'lifo', 'order', 'synchroni', 'bound', 'restricted', 'handed')

/** Words of lock phrases. */
const lockWords = needed('lock', 'mutex', 'sem', 'held', 'hold', 'bkl', 'rcu', 'seq')

/** Words of return phrases. */
const returnWords = needed('return', 'true', 'false', 'otherwise', 'else')

/** Words of pairing phrases. */
const releaseWords = needed('()', '->', 'released', 'freed', 'unmapped', 'undone', 'unlocked', 'paired', 'matched', 'balanced', 'disposed', 'removed', 'destroyed', 'closed', 'put', 'ended', 'torn', 'cleaned', 'reversed', 'dropped', 'unregistered')

/** The words of status and replacement phrases that need a word boundary: "use" in "because", "port" in "support". */
const standingWordStarts = /\bexist|\bus(?:e|ing)|\bport|\bplace|\bcall(?!ers?\b)/i
/** A version ("since 5.10"). */
const versionNumber = /\d\.\d/

/**
 * Each rule family with the words none of its phrases can do without: a
 * clause that has none of them is not read by the family at all, which
 * keeps the stage fast on prose that states nothing. The words are found by
 * one pattern of plain alternatives over the lower-cased clause (`mayMatch`);
 * the few that need a word boundary, by a pattern of their own.
 */
const rules: Array<{ rule: ClauseRule; gate: (clause: ReadClause) => boolean }> = [
  { rule: standingRule, gate: (clause) => mayMatch(clause, standingWords) || standingWordStarts.test(clause.text) },
  { rule: callingRule, gate: (clause) => mayMatch(clause, contextWords) },
  { rule: lockingRule, gate: (clause) => mayMatch(clause, lockWords) },
  { rule: returnsRule, gate: (clause) => mayMatch(clause, returnWords) },
  { rule: pairingRule, gate: (clause) => mayMatch(clause, releaseWords) },
  { rule: sinceRule, gate: (clause) => versionNumber.test(clause.text) },
]

const severity: Record<Status, number> = { available: 0, preferred: 1, discouraged: 2, deprecated: 3, removed: 4 }

/** The stronger of two statuses: a deprecation outweighs an older recommendation, a removal outweighs both. */
export function strongerStatus(a: Status, b: Status): Status {
  return severity[b] > severity[a] ? b : a
}

const verb = /\b(?:is|are|was|were|has|have|had|should|must|may|might|can|could|will|would|does|do|did|shall|needs?|use|uses|call|calls|called|invoked|prefer|avoid|see|convert|replace|add|remove|make|turn|declare|returns?|takes?|requires?|provides?)\b|\w'(?:s|re)\b/i

/** The APIs a clause names as its grammatical subject (before its first verb), which later clauses may refer back to. */
function explicitSubject(text: string, mentions: Mention[]): string[] {
  const strong = mentions.filter((mention) => !mention.weak)
  const first = groupsOf(text, strong)[0]
  if (!first) return []
  const head = text.slice(0, first.start)
  // "There is a macro to do this: wait_event_interruptible()", "There is a mutex_trylock() which …", "A call to
  // debugfs_change_name() will …": the name introduced is the subject ("… a wrapper to seq_open() called seq_open_private()" is no such).
  const introduced = /^\s*there (?:is|are) (?:also )?(?:a|an|one|two|some)\b(?:[^.;]*:\s*|\s*)[`*:\w]*$|^\s*(?:a|the|each|any) calls? to\s*[`*:\w]*$/i.test(head)
  const verbAt = verb.exec(head.replace(/\b[A-Za-z_]\w*\(\)/g, (call) => ' '.repeat(call.length)))
  if (verbAt && !introduced) return []
  if (/\b(?:contrary to|unlike|than|instead of|rather than|like|as with|similar to|except)\s*[`*]*\s*$/i.test(text.slice(0, first.start))) return []
  return [...new Set(first.mentions.map((mention) => mention.name))]
}

/** Read one sentence: the facts it states, and what the next sentence may refer back to. */
export function readSentence(sentence: string, reading: Reading): { derived: Derived[]; topic: string[]; deprecated: string[]; status?: 'removed' | 'deprecated'; carried?: boolean } {
  let topic = reading.topic ?? (reading.blockApi ? [reading.blockApi] : [])
  // Sentences are cut to this length where they are split; a caller's own text may be longer, and a run-on no rule can read well.
  // Nor does a question, or a case put for the sake of argument ("Now consider the case where cache_find() can be called from interrupt context").
  if (sentence.length > longestSentence || /\?\s*["')]*$/.test(sentence) || hypothetical.test(sentence)) return { derived: [], topic, deprecated: [] }
  // With no API named and none to refer back to, no rule has anyone to give a fact to.
  const written = sentence
  const all = reading.mentions ?? findMentions(sentence, { weak: true })
  if (topic.length === 0 && !reading.recent?.length && all.length === 0) return { derived: [], topic, deprecated: [] }
  // Emphasis on a negation ("do _not_ use", "should *NOT*") is still a negation.
  if (sentence.includes('_') || sentence.includes('*')) sentence = sentence.replace(emphasisedNegation, '$1')
  // A clause is a stretch of the sentence: its mentions are the sentence's within it, found once. Where
  // emphasis was taken off, offsets moved, and the clause is searched again.
  let from = 0
  const derived: Derived[] = []
  const state: SentenceState = { advisedAgainst: [], deprecated: [] }
  let carried = Boolean(reading.carried)
  for (const [index, { text, condition }] of readClauses(sentence).entries()) {
    const start = sentence === written ? sentence.indexOf(text, from) : -1
    if (start >= 0) from = start + text.length
    const mentions = start >= 0 ? clauseMentions(all, start, from) : findMentions(text, { weak: true })
    const described = reading.described ?? (reading.blockApi ? [reading.blockApi] : [])
    // Built field by field: spreading optional parts into a literal costs more than the rules that read it.
    const clause: ReadClause = { text, mentions, topic }
    if (index > 0) clause.following = true
    if (described.length > 0) clause.described = described
    if (carried) clause.carried = carried
    if (condition) clause.condition = condition
    if (reading.listed) clause.listed = reading.listed
    if (reading.recent?.length) {
      clause.recent = reading.recent
      if (reading.recentStatus) clause.recentStatus = reading.recentStatus
    }
    for (const { rule, gate } of rules) if (gate(clause)) derived.push(...rule(clause, state))
    state.named = strongNames(mentions)
    // "If call_rcu() is used, the callback function …": what a condition is about is no subject to refer back to.
    const explicit = index === 0 && condition === undefined && /^\W*(?:if|when|whenever|unless|once)\b/i.test(text) ? [] : explicitSubject(text, mentions)
    if (explicit.length > 0) carried = false
    topic = extraposedTopic(text, mentions) ?? (explicit.length === 0 && index > 0 ? otherSubjectTopic(text, mentions) : null) ?? nextTopic(explicit, topic)
  }
  const status = derived.some((fact) => fact.field === 'status' && fact.value === 'removed') ? 'removed' : 'deprecated'
  return { derived: dedupe(derived), topic, deprecated: [...new Set(state.deprecated)], status, carried }
}

/**
 * Read one sentence: the facts it states, about which APIs.
 *
 * @param sentence
 *   The sentence, whitespace folded.
 * @param reading
 *   What the surrounding structure says (the API the block describes).
 */
export function interpretSentence(sentence: string, reading: Reading): Derived[] {
  return readSentence(sentence, reading).derived
}

/** The APIs named as such (bare words left out), each once. */
function strongNames(mentions: readonly Mention[]): string[] {
  const names: string[] = []
  for (const mention of mentions) if (!mention.weak && !names.includes(mention.name)) names.push(mention.name)
  return names
}

/** The mentions of a sentence between two offsets, as offsets into that stretch. */
function clauseMentions(mentions: readonly Mention[], start: number, end: number): Mention[] {
  const inside: Mention[] = []
  for (const mention of mentions) {
    if (mention.index < start || mention.end > end) continue
    inside.push(start === 0 ? mention : { ...mention, index: mention.index - start, end: mention.end - start })
  }
  return inside
}

function dedupe(derived: Derived[]): Derived[] {
  return distinct(derived, (a, b) => a.api === b.api && a.field === b.field && a.value === b.value, (fact) => `${fact.api}\0${fact.field}\0${fact.value}`)
}
