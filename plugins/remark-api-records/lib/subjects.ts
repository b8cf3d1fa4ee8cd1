import type { Mention } from './mentions.ts'

/**
 * Who a phrase is about. A clause is read with its API mentions as tokens:
 * `kmap(), kmap_atomic() and kmap_local_page() are deprecated` has one
 * subject group of three; `create_proc_entry which was removed` has the
 * group before `which`; `it is deprecated` refers back to the topic. A noun
 * that is not an API ("the callers may not sleep") is a subject of its own,
 * and the phrase then says nothing about any API.
 */

/** A clause with its mentions, ready for rules to ask who a phrase is about. */
export interface ReadClause {
  text: string
  /** Every mention in the clause, weak ones included, in order. */
  mentions: Mention[]
  /** The APIs the clause refers back to with a pronoun or no subject: the previous subject, else the API the block describes. */
  topic: string[]
  /** The clause follows another in its sentence. */
  following?: true
  /** The APIs the description the clause stands in is of: what "the return value" of a description is the value of. */
  described?: string[]
  /** Condition the sentence puts on the clause, from a leading "if …," or "On 64-bit systems,". */
  condition?: string
  /** APIs the previous sentence of the paragraph deprecated or removed: "X is gone.  Use Y." */
  recent?: string[]
  /** The topic was carried over from the previous paragraph: only a pronoun may refer to it ("Use them."), not a missing subject. */
  carried?: boolean
  /** The APIs of the list the clause's paragraph introduces: what "higher-level APIs" or "one of the following" stands for. */
  listed?: string[]
  /** The status the previous sentence gave them, for "Ditto for Z". */
  recentStatus?: 'removed' | 'deprecated'
  /** What rules asked of the clause so far, kept on it: a weak map costs more than the questions on a short clause. */
  asked?: Asked
}

/** Runs of mentions joined by commas, `and`, `or`, `/`: one subject. */
interface Group {
  start: number
  end: number
  mentions: Mention[]
}

const joiner = /^(?:\s+(?:helper|function|macro|pointer|field|flag|member|structure|type|variable|callback|method|hook|routine|wrapper)s?\b)?[\s,`*()]*(?:(?:,|and|or|and\/or|\/|&|nor)[\s`*()]*(?:(?:the|a|an)\s+)?)*$/
/** Where a subject can start: the clause start, punctuation, a conjunction or a relative pronoun. */
const boundary = /[,;:(]|\b(?:and|or|but|so|because|since|while|although|whereas|then|which|that|who|where|when|if|unless|until|as)\b/gi
/** Words that refer back to the topic. */
const pronoun =
  /^(?:(?:it|its|it's|they|their|them|each|both|either|such calls?|the (?:former|latter)|each call|its use|(?:the )?use of (?:it|this|these|them))\b|(?:this|these|those|the following|the above|all (?:of )?th(?:ese|ose))(?:\s+(?:\w+\s+)?(?:functions?|macros?|helpers?|calls?|interfaces?|apis?|variants?|methods?|callbacks?|operations?|routines?|ones?|family|accessors?|primitives?|wrappers?|mappings?))?\s*$|the (?:functions?|macros?|helpers?|calls?|callbacks?|methods?|routines?)\s*$)/i
/** Who calls the topic: "the caller must hold …" is a rule of the API being described. */
const caller = /^(?:the )?(?:callers?|users?|you|drivers?|code)(?: of (?:it|this|these|them|th(?:is|e|ese) (?:function|functions|macro|api|interface)s?))?\b/i
/** Words that may stand between a subject and its verb without being one. */
const adverbs = /^(?:(?:also|now|still|then|therefore|however|thus|hence|instead|only|always|never|generally|usually|normally|typically|currently|furthermore|moreover|in (?:fact|general|particular|addition)|of course|finally|similarly|likewise|again|too|either)\b[\s,]*)+/i
/**
 * After a relative pronoun, before the phrase: a verb of the relative clause and its object, so the phrase
 * is the main clause's. A determiner or pronoun first makes the "that" a conjunction ("Note that these
 * functions should …"), not a relative pronoun.
 */
const relativeThenMain = /^\s*(?!(?:is|are|was|were|can|may|must|should|will|would|could|might|shall|has|have|had|be|been|does|do|did|the|a|an|this|these|those|that|it|its|they|their|there|we|you|he|she|such|all|some|any|each|every|no|not|also|only)\b)[a-z]+\s+\S.*\s$/is

/** A mention after these words is compared with, not talked about. */
const comparison = /\b(?:contrary to|unlike|than|instead of|over|rather than|as with|like|similar to|except(?: for)?|apart from|besides|other than|such as|as opposed to|compared to|compared with)\s*[`*]*\s*$/i

export function groupsOf(text: string, mentions: readonly Mention[]): Group[] {
  const groups: Group[] = []
  for (const mention of mentions) {
    const last = groups[groups.length - 1]
    if (last && mention.index >= last.end && joiner.test(text.slice(last.end, mention.index))) {
      last.mentions.push(mention)
      last.end = Math.max(last.end, mention.end)
    } else if (!last || mention.index >= last.end) groups.push({ start: mention.index, end: mention.end, mentions: [mention] })
    else last.mentions.push(mention)
  }
  return groups
}

/**
 * The start of the stretch of the clause that can hold the subject of a
 * phrase at `at`: just after the last boundary before it that does not stand
 * inside a run of mentions.
 */
function subjectStart(text: string, groups: readonly Group[], at: number): { start: number; relative: boolean } {
  let start = 0
  let relative = false
  boundary.lastIndex = 0
  for (let match = boundary.exec(text); match && match.index < at; match = boundary.exec(text)) {
    const inside = groups.some((group) => match!.index >= group.start && match!.index < group.end)
    if (inside) continue
    start = match.index + match[0].length
    relative = /^(?:which|who)$/i.test(match[0]) || (/^that$/i.test(match[0]) && !/,\s*$/.test(text.slice(0, match.index)))
  }
  return { start, relative }
}

/**
 * The APIs a phrase at offset `at` of the clause is about.
 *
 * @param options.callerMeansTopic
 *   Read "the caller must …" as a rule of the topic (context and lock rules).
 * @param options.weak
 *   Accept a bare snake_case word as the subject (status and replacement).
 */
export function subjectAt(clause: ReadClause, at: number, options: { callerMeansTopic?: boolean; weak?: boolean } = {}): string[] {
  // Rules ask again where another rule asked ("called with the zone lock held" is read by two lock phrases and a context one).
  const asked = askedOf(clause)
  const key = at * 4 + (options.callerMeansTopic ? 2 : 0) + (options.weak ? 1 : 0)
  asked.subjects ??= new Map()
  let subject = asked.subjects.get(key)
  if (!subject) asked.subjects.set(key, (subject = readSubjectAt(clause, at, options)))
  return subject
}

function readSubjectAt(clause: ReadClause, at: number, options: { callerMeansTopic?: boolean; weak?: boolean }): string[] {
  const { mentions, groups } = groupedFor(clause, Boolean(options.weak))
  const { start, relative } = subjectStart(clause.text, groups, at)
  if (relative) {
    // "create_proc_entry, which was removed": the group just before the pronoun.
    const before = clause.text.slice(0, start).replace(/[\s,]*(?:which|that|who)$/i, '')
    const antecedent = groups.filter((group) => group.end <= before.length && /^[\s`*()]*$/.test(before.slice(group.end)))
    if (antecedent.length > 0) return names(antecedent[antecedent.length - 1])
    // "Filesystems which use d_instantiate_new() to install the new inode can safely return NULL": the relative
    // clause ends before the phrase, whose subject is the noun before "which", and no API is.
    // "Code which calls foo() must hold the lock" is a rule of foo(): its callers are who the antecedent is.
    if (relativeThenMain.test(clause.text.slice(start, at)) && !(options.callerMeansTopic && caller.test(/(\w+)\W*$/.exec(before)?.[1] ?? ''))) return []
  }
  // "atomic_dec_and_test() (returns true if it was decremented to zero)": a parenthesis right after a name speaks of that name.
  if (clause.text[start - 1] === '(' && /^[\s`*]*$/.test(clause.text.slice(start, at))) {
    const named = mentions.filter((mention) => mention.end < start && /^[\s`*]*\($/.test(clause.text.slice(mention.end, start))).pop()
    if (named) return [named.name]
  }
  const span = clause.text.slice(start, at)
  // The name right before the verb phrase is its subject, whatever stands before it ("If the budget is 0 napi_complete_done() should never be called").
  const adjacent = groups.filter((group) => group.start >= start && group.end <= at && /^[\s`*()]*(?:(?:also|still|then|only|always|never|now|too)\s+)*$/i.test(clause.text.slice(group.end, at))).pop()
  if (adjacent && !comparison.test(clause.text.slice(start, adjacent.start))) return names(adjacent)
  // A subject stands before its verb: in "it's called on final iput() with …", iput() is no subject.
  const verbAt = /(?:^|\s)(?:is|are|was|were|has|have|had|be|been|should|must|may|might|can|could|will|would|shall|does|do|did)\b|'s\b/i.exec(span)
  const end = verbAt ? start + verbAt.index : at
  const inSpan = groups.filter((group) => group.start >= start && group.end <= end && !comparison.test(clause.text.slice(start, group.start)))
  if (inSpan.length > 0) return names(inSpan[0])
  // The subject ends where the verb phrase begins: "This function is deprecated in favour of …".
  const words = span.replace(/[`*"']/g, '').replace(/(?:^|\s)(?:is|are|was|were|has|have|had|be|been|being|should|must|may|might|can|could|will|would|shall|does|do|did)\b.*$/is, '').trim().replace(adverbs, '').trim()
  if (words === '') return clause.carried ? [] : clause.topic
  // "…, but this is not recommended": a bare demonstrative after another clause stands for what that clause said.
  if (clause.following && /^(?:this|that)$/i.test(words)) return []
  if (pronoun.test(words)) return clause.topic
  if (options.callerMeansTopic && caller.test(words)) return ownTopic(clause)
  // "All net shaper callbacks are invoked while holding …" in the description of `struct net_shaper_ops`: the
  // methods of the operations structure described are the structure's.
  if (membersOf.test(words) && clause.topic.length === 1 && operationsStructure.test(clause.topic[0]) && !clause.carried) return clause.topic
  return []
}

/** A noun phrase for the methods of a structure: "All net shaper callbacks", "all ethtool ops without exceptions", "the methods". */
const membersOf = /(?:^|\s)(?:all\s+(?:of\s+)?)?(?:(?:the|these|its|their)\s+)?(?:[\w"'-]+\s+){0,3}(?:callbacks|ops|methods|operations|hooks)(?:\s+without exceptions)?$/i

/** The name of an operations structure: `net_shaper_ops`, `super_operations`, `file_operations`. */
const operationsStructure = /_(?:ops|operations)$/

/**
 * The clause's mentions, bare words included or not, and their groups: every
 * rule that finds a phrase asks for the subject of the clause, and each
 * would group the same mentions again.
 */
function groupedFor(clause: ReadClause, weak: boolean): Grouped {
  const asked = askedOf(clause)
  const key = weak ? 'weak' : 'strong'
  let found = asked[key]
  if (!found) {
    const mentions = weak ? clause.mentions : clause.mentions.filter((mention) => !mention.weak)
    asked[key] = found = { mentions, groups: groupsOf(clause.text, mentions) }
  }
  return found
}
interface Grouped {
  mentions: readonly Mention[]
  groups: readonly Group[]
}

/** What the rules have asked of a clause so far: its groups, and the subjects of the phrases they found. */
export interface Asked {
  weak?: Grouped
  strong?: Grouped
  subjects?: Map<number, string[]>
  lower?: string
}
/** The clause in lower case, made once for all the words rules look for. */
export function lowerOf(clause: ReadClause): string {
  return (askedOf(clause).lower ??= clause.text.toLowerCase())
}

function askedOf(clause: ReadClause): Asked {
  return (clause.asked ??= {})
}

/** The APIs named right after offset `at` (the object of "use", "prefer", "avoid"), up to the next boundary. */
export function objectAt(clause: ReadClause, at: number, options: { weak?: boolean } = {}): string[] {
  const mentions = clause.mentions.filter((mention) => (options.weak || !mention.weak) && mention.index >= at)
  const groups = groupsOf(clause.text, mentions)
  const first = groups[0]
  if (!first) return []
  const between = clause.text.slice(at, first.start)
  // Only articles and a few words of the noun phrase may stand between the verb and its object.
  if (!/^[\s`*"']*(?:(?:the|a|an|either|only|instead|rather|of|its|their|above|raw|old|older|legacy|existing|previous|original|low-level|lower-level|new|safe|safer|helper|helpers|function|functions|macro|api|interface|variant|family|of the|plain|regular|generic|standard|dedicated|appropriate|corresponding)\b[\s`*"']*){0,4}$/i.test(between)) return []
  return names(first)
}

const names = (group: Group) => [...new Set(group.mentions.map((mention) => mention.name))]

/** The APIs of the group of names that ends right before `at`, with only white space or markup between: "setattr_prepare (which …". */
export function groupBefore(clause: ReadClause, at: number, options: { weak?: boolean } = {}): string[] {
  const groups = groupsOf(clause.text, clause.mentions.filter((mention) => (options.weak || !mention.weak) && mention.end <= at))
  const last = groups[groups.length - 1]
  return last && /^[\s`*"')]*$/.test(clause.text.slice(last.end, at)) ? names(last) : []
}

/** The topic for what refers back without a pronoun ("Use X instead", "the caller must …"): none when it was carried over from another paragraph. */
export function ownTopic(clause: ReadClause): string[] {
  return clause.carried ? [] : clause.topic
}

/** The topic to hand to the next clause: what this one named as subject, else what it was handed. */
export function nextTopic(subjects: string[], topic: string[]): string[] {
  return subjects.length > 0 ? subjects : topic
}

/** "It is possible to …", "it's OK to …": an `it` that stands for the action after it, not for an API. */
const extraposition = /^\s*(?:but\s+|however,?\s+)?it(?:'s|\s+is|\s+was|\s+would be)\s+(?:\w+\s+)?(?:possible|ok|okay|fine|allowed|legal|safe|important|necessary|better|best|recommended|advisable|common|easy|hard|useful|required|tempting)\s+to\b/i

/**
 * The topic after a clause that opens with an extraposed `it`: a later "it
 * should be avoided" refers to the action ("It is possible to override these
 * semantics …, but it should be avoided"), so only an API the clause names
 * as the object of that action stays the topic. `null` for any other clause.
 */
export function extraposedTopic(text: string, mentions: readonly Mention[]): string[] | null {
  if (!extraposition.test(text)) return null
  const first = groupsOf(text, mentions.filter((mention) => !mention.weak))[0]
  return first ? names(first) : []
}

/** A subject that names something other than an API: "the callback function will …", "the driver must …". */
const otherSubject = /^\W*(?:the|a|an|each|every|any)\s+(?:[\w-]+\s+){0,2}?(?=(?:will|must|should|is|are|can|may|does|has|gets?)\b)/i

/**
 * The topic after a clause that follows another and whose subject is a noun that is no API ("If
 * call_rcu() is used, the callback function will be called from softirq
 * context. In particular, it cannot block."): nothing, so that a later "it"
 * is not taken for the API of an earlier clause. `null` for any other clause.
 */
export function otherSubjectTopic(text: string, mentions: readonly Mention[]): string[] | null {
  const head = otherSubject.exec(text)
  if (!head || mentions.some((mention) => !mention.weak && mention.index < head[0].length)) return null
  const words = head[0].replace(/^\W+/, '').trim()
  return pronoun.test(words) || caller.test(words) ? null : []
}
