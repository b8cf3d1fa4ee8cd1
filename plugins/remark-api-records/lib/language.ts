import type { Context, Effect, Status } from './schema.ts'
import { findMentions, type Mention } from './mentions.ts'

/**
 * The language of kernel documentation, as rules from phrases to facts. They
 * read clauses, not whole sentences, so that "its use is strongly discouraged
 * … and the preceding functions should be preferred" does not make the
 * subject preferred. A clause that negates ("never", "not", "no need to")
 * states nothing. Sentences no rule understands stay plain text.
 */

export type Field = 'status' | 'replacement' | 'contexts' | 'effects' | 'unmap'

/** A fact a rule derived, before it is attached to a record. */
export interface Derived {
  api: string
  field: Field
  value: string
}

/** What the reader of a sentence knows: the API the surrounding block describes. */
export interface Reading {
  /** The API whose description the sentence stands in, if any. */
  blockApi: string | null
}

const severity: Record<Status, number> = { available: 0, preferred: 1, discouraged: 2, deprecated: 3 }

/** The stronger of two statuses: a deprecation outweighs an older recommendation. */
export function strongerStatus(a: Status, b: Status): Status {
  return severity[b] > severity[a] ? b : a
}

const negation = /\b(never|not|no|cannot|can't|won't|doesn't|don't|isn't|aren't|nor)\b|n't\b/i

const statusRules: Array<{ status: Status; pattern: RegExp }> = [
  { status: 'deprecated', pattern: /\b(?:has|have) been deprecated\b|\b(?:is|are) (?:now )?deprecated\b|\bdeprecated in favou?r of\b/i },
  { status: 'discouraged', pattern: /\bdiscouraged\b|\bshould (?:no longer|not|never) be used\b|\bmust not (?:any longer )?be (?:called|used)\b/i },
  { status: 'preferred', pattern: /\bshould always be used\b|\bshould be preferred\b|\b(?:is|are) (?:the )?preferred\b|\bshould be used instead\b|\b(?:is|are) recommended\b/i },
]

const contextRules: Array<{ context: Context; pattern: RegExp }> = [
  { context: 'any', pattern: /\b(?:from|in) any context\b/i },
  { context: 'interrupt', pattern: /\bincluding interrupts?\b|\b(?:from|in|by) (?:hard |soft )?(?:interrupts?|IRQ)(?: contexts?| handlers?)?\b|\binterrupt contexts?\b/i },
  { context: 'preemptible', pattern: /(?<!non-)\bpreemptible context\b/i },
  { context: 'atomic', pattern: /\b(?:from|in) atomic contexts?\b/i },
]

const callable = /\b(?:invoked|called|callable|used|usable|safe|allowed)\b/i

const effectRules: Array<{ effect: Effect; pattern: RegExp }> = [
  { effect: 'disables-preemption', pattern: /\bnon-preemptible section\b|\bdisabl\w*\s+(?:[\w,/]+\s+){0,4}preemption\b|\bpreemption\s+(?:is|are)\s+(?:(?!never\b|not\b)\w+\s+)?disabled\b/i },
  { effect: 'disables-pagefaults', pattern: /\bdisabl\w*\s+(?:[\w,/]+\s+){0,3}page ?faults\b|\bpage ?faults\s+(?:is|are)\s+(?:(?!never\b|not\b)\w+\s+)?disabled\b/i },
  { effect: 'disables-migration', pattern: /\bdisabl\w*\s+(?:[\w,/]+\s+){0,3}migration\b|\bmigration\s+(?:is|are)\s+(?:(?!never\b|not\b)\w+\s+)?disabled\b|\bbound to the CPU\b/i },
  { effect: 'may-sleep', pattern: /\b(?:might|may|can|could|will)\s+(?:(?!not\b|never\b)\w+\s+)?(?:block|sleep)\b/i },
  { effect: 'takes-global-lock', pattern: /\bglobal (?:\w+ )?lock\b/i },
  { effect: 'flushes-tlb', pattern: /\bTLB (?:invalidation|flush(?:es|ing)?|shootdowns?)\b|\bflush\w* (?:the )?TLBs?\b/i },
  { effect: 'thread-local', pattern: /\bthread[- ]local\b|\bonly (?:be )?valid in the (?:thread|context)\b|\bonly be (?:used|accessed) (?:in|from within) (?:the|this) (?:thread|context)\b|\blocal to the thread\b|\bcannot be handed to other contexts\b/i },
  { effect: 'cpu-local', pattern: /\bCPU[- ]local\b|\brestricted to the CPU\b/i },
  { effect: 'stack-ordered', pattern: /\bstack[- ]based\b|\bstrictly ordered\b|\bLIFO\b|\bstack order\b/i },
]

/** Words that refer back to the API being described. */
const pronoun = /^(?:it|its|it's|this|these|they|their|the function|this function|these functions|these mappings|the mappings?|this mapping|each call|such calls)\b/i
/** Mentions after these words are compared with, not talked about. */
const comparison = /\b(?:contrary to|unlike|than|instead of|over|rather than|as with|like|similar to)\s*$/i
const verb = /\b(?:is|are|was|were|has|have|had|should|must|may|might|can|could|will|would|does|do|did|creates?|requires?|permits?|takes?|disables?|returns?|needs?|comes?|allows?|provides?|uses?|maps?)\b/i

/**
 * Split a sentence into clauses: at semicolons, at conjunctions that start a
 * new statement (but, because, since, while, although, unless, lest), and
 * after a leading subordinate clause ("Although …, the CPU …").
 */
export function splitClauses(sentence: string): string[] {
  let text = sentence
  const leading = /^(?:although|though|while|since|if|when|unless|as said|as)\b[^,]*,\s*/i.exec(text)
  const clauses: string[] = []
  if (leading) {
    clauses.push(leading[0].replace(/,\s*$/, ''))
    text = text.slice(leading[0].length)
  }
  return [
    ...clauses,
    ...text
      .split(/;\s*|,?\s+\b(?=(?:but|because|since|while|whereas|although|though|unless|lest)\b)|,\s+(?=(?:and|so)\s+(?:it|its|this|these|they|their|the)\b)|\s+and\s+(?=(?:it|its|they|their)\b)/i)
      .filter((clause) => clause.trim() !== ''),
  ]
}

/** The APIs a clause talks about: named before its verb (not in a comparison), or referred to by a pronoun. */
function subjectsOf(clause: string, mentions: Mention[], previous: string[], reading: Reading): { explicit: string[]; fallback: string[] } {
  const verbAt = verb.exec(clause)?.index ?? clause.length
  const named = mentions
    .filter((mention) => mention.index < verbAt && !comparison.test(clause.slice(0, mention.index)))
    .map((mention) => mention.name)
  if (named.length > 0) return { explicit: unique(named), fallback: unique(named) }
  const body = clause.replace(/^(?:but|because|since|while|whereas|although|though|unless|lest|and|so|therefore|also|then|however|furthermore)[\s,]+/i, '').replace(/^(?:therefore|also|then|however|furthermore)[\s,]+/i, '')
  if (pronoun.test(body)) {
    const referent = previous.length > 0 ? previous : reading.blockApi ? [reading.blockApi] : []
    return { explicit: referent, fallback: referent }
  }
  return { explicit: [], fallback: previous.length > 0 ? previous : reading.blockApi ? [reading.blockApi] : [] }
}

const unique = <T,>(values: T[]) => [...new Set(values)]

/** Names mentioned after a phrase, up to the end of the clause. */
function mentionsAfter(clause: string, mentions: Mention[], pattern: RegExp): string[] {
  const match = pattern.exec(clause)
  if (!match) return []
  const from = match.index + match[0].length
  return unique(mentions.filter((mention) => mention.index >= from).map((mention) => mention.name))
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
  const derived: Derived[] = []
  let previous: string[] = []
  for (const clause of splitClauses(sentence)) {
    const mentions = findMentions(clause).filter((mention) => mention.kind === 'function' || mention.kind === 'macro')
    const { explicit, fallback } = subjectsOf(clause, mentions, previous, reading)
    const negated = negation.test(clause)
    const add = (apis: string[], field: Field, value: string) => {
      for (const api of apis) if (api !== value) derived.push({ api, field, value })
    }

    // "prefer X instead of Y" and "avoid the use of Y … prefer X": Y gives way to X.
    const preferOver = /\bprefer\s+(.+?)\s+(?:instead of|over|rather than|to)\s+(.+)$/i.exec(clause)
    const avoid = /\bavoid (?:the use of|using|calling)\s+(.+?)(?:\s+(?:by|and|,)\b.*)?$/i.exec(clause)
    if (preferOver && !negated) {
      const better = findMentions(preferOver[1]).map((mention) => mention.name)
      const worse = findMentions(preferOver[2]).map((mention) => mention.name)
      add(worse, 'status', 'discouraged')
      for (const name of better) add(worse, 'replacement', name)
    } else if (avoid) {
      const worse = findMentions(avoid[1]).map((mention) => mention.name)
      add(worse, 'status', 'discouraged')
      for (const name of mentionsAfter(clause, mentions, /\bprefer\b/i)) add(worse, 'replacement', name)
    } else {
      for (const { status, pattern } of statusRules) {
        if (!pattern.test(clause) || (negated && status !== 'discouraged')) continue
        add(explicit, 'status', status)
        if (status === 'deprecated') {
          const replacements = mentionsAfter(clause, mentions, /\buse\b|\bin favou?r of\b/i)
          for (const name of replacements) add(explicit, 'replacement', name)
        }
        break
      }
    }
    // "…; use X" after a deprecation stands in a clause of its own.
    if (/^\s*use\s/i.test(clause) && derived.some((fact) => fact.field === 'status' && fact.value === 'deprecated')) {
      const deprecated = unique(derived.filter((fact) => fact.value === 'deprecated').map((fact) => fact.api))
      for (const name of mentionsAfter(clause, mentions, /\buse\b/i)) add(deprecated, 'replacement', name)
    }

    if (callable.test(clause)) {
      for (const { context, pattern } of contextRules) if (states(clause, pattern)) add(fallback, 'contexts', context)
    }
    for (const { effect, pattern } of effectRules) if (states(clause, pattern)) add(fallback, 'effects', effect)
    if (explicit.length > 0) previous = explicit
  }
  return dedupe(derived)
}

/** Whether a clause states a phrase: it matches, and no negation stands outside the phrase itself ("cannot be handed to other contexts" is the phrase). */
function states(clause: string, pattern: RegExp): boolean {
  const match = pattern.exec(clause)
  if (!match) return false
  return !negation.test(clause.slice(0, match.index) + ' ' + clause.slice(match.index + match[0].length))
}

function dedupe(derived: Derived[]): Derived[] {
  const seen = new Set<string>()
  return derived.filter((fact) => {
    const key = `${fact.api}\0${fact.field}\0${fact.value}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
