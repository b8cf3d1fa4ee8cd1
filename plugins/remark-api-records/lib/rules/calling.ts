import type { CallingContext } from '../../../../src/schema/records.ts'
import { objectAt, subjectAt, type ReadClause, ownTopic } from '../subjects.ts'
import { factsFor, matches, mayMatch, needed, negatedBefore, negation, type ClauseRule, type Derived } from './derived.ts'

/**
 * Calling context: where an API may or must not be called from, whether it
 * may sleep, and what it does to its caller. "Can be called from interrupt
 * context", "must not be called with interrupts disabled", "may sleep",
 * "never sleeps", and for a callback, "is called in process context".
 */

/** A context as kernel documents name it, to the record's vocabulary. */
const contextWords: Array<{ context: CallingContext; pattern: RegExp }> = [
  { context: 'any', pattern: /^(?:any|all|every|arbitrary)\s+contexts?\b/i },
  { context: 'interrupt', pattern: /^(?:any|all) (?:sort|kind|type|form)s? of (?:irq|interrupt) contexts?\b/i },
  { context: 'nmi', pattern: /^(?:an? )?NMI(?:s| contexts?| handlers?)?\b/i },
  { context: 'softirq', pattern: /^(?:an? )?(?:soft ?irq|softirq|software interrupt|bottom[- ]half|BH|tasklet|timer)(?:s| contexts?| handlers?| callbacks?)?\b/i },
  { context: 'interrupt', pattern: /^(?:an? )?(?:(?:hard(?:ware)? ?)?(?:interrupts?|IRQs?|irqs?|hardirqs?))(?: contexts?| handlers?| service routines?)?\b/i },
  { context: 'atomic', pattern: /^(?:an? )?atomic (?:contexts?|sections?|code|regions?)\b/i },
  { context: 'preemptible', pattern: /^(?:a )?preemptible contexts?\b/i },
  { context: 'process', pattern: /^(?:a )?(?:process|user|task|thread|sleepable|blocking|non-atomic|normal process)(?:[- ]context|[- ]contexts)\b/i },
]

/** The contexts named at the start of `text` ("any context (including interrupts)", "process or softirq context"). */
export function contextsAt(text: string): CallingContext[] {
  const found: CallingContext[] = []
  let rest = text.replace(/^[\s`*]*(?:the |an? |within )?/i, '')
  // "any sort of irq context" forbids both kinds of interrupt context.
  if (/^(?:any|all) (?:sort|kind|type|form)s? of (?:irq|interrupt) contexts?\b/i.test(rest)) return ['interrupt', 'softirq']
  // "the DMA engine's tasklet": a context noun after a few words that name whose.
  const owned = /^(?:(?!(?:or|and)\b)[\w'-]+\s+){1,3}?(?=(?:soft ?irq|tasklet|timer|bottom[- ]half|(?:hard )?irq|interrupt) (?:contexts?|handlers?|callbacks?)\b|tasklets?\b|timer callbacks?\b)/i.exec(rest)
  if (owned && !contextWords.some(({ pattern }) => pattern.test(rest))) rest = rest.slice(owned[0].length)
  for (let step = 0; step < 4; step++) {
    const word = contextWords.find(({ pattern }) => pattern.test(rest))
    if (!word) {
      // "process or softirq context", "hardware or software interrupt contexts": a word before the shared noun.
      const bare = /^(process|user|task|softirq|soft ?irq|interrupt|irq|hardirq|atomic|nmi|bottom[- ]half|hardware|software|hard|soft)\s+(?:or|and|,|\/)\s+/i.exec(rest)
      if (!bare) break
      const noun = /^(?:hardware|software|hard|soft)$/i.test(bare[1]) ? /^\S+\s+((?:interrupts?|irqs?)(?: contexts?| handlers?)?)\b/i.exec(rest.slice(bare[0].length))?.[1] : 'context'
      if (!noun) break
      const shared = contextsAt(`${bare[1]} ${noun}`)
      found.push(...shared)
      rest = rest.slice(bare[0].length)
      continue
    }
    found.push(word.context)
    rest = rest.replace(word.pattern, '')
    const including = /^\s*(?:\(|,\s*)(?:including|even|e\.g\.,?|i\.e\.,?|also|even from)\s+/i.exec(rest)
    const joined = /^\s*(?:,\s*(?:or|and)?|or|and|\/)\s+/i.exec(rest)
    if (including) rest = rest.slice(including[0].length)
    else if (joined) rest = rest.slice(joined[0].length)
    else break
  }
  return [...new Set(found)]
}

const callVerb = '(?:called|invoked|used|run|executed|taken|acquired|issued|done|performed|entered)'
/** "can be called from X": X is allowed. */
const allowedAt = new RegExp(`\\b(?:can|may|could|might|is safe to|are safe to|is allowed to|are allowed to|must|should|needs to|need to|has to|have to)\\s+(?:also\\s+|safely\\s+|only\\s+|even\\s+|always\\s+|still\\s+)?be\\s+(?:safely\\s+|only\\s+)?${callVerb}\\s+(?:only\\s+)?(?:while\\s+)?(?:from|in|within|inside|by|under)\\s+(?:within\\s+)?|\\b(?:is|are)\\s+(?:only\\s+|also\\s+|always\\s+)?(?:callable|usable|safe(?:\\s+to\\s+(?:call|use))?|allowed|valid|permitted)\\s+(?:from|in|within|inside)\\s+|\\b(?:is|are|gets?|will be|will always be)\\s+(?:always\\s+|only\\s+|now\\s+|usually\\s+|normally\\s+|often\\s+|typically\\s+|generally\\s+)?(?:called|invoked|run|executed)\\s+(?:only\\s+)?(?:while\\s+)?(?:from|in|within|inside|under)\\s+|\\bonly (?:allowed|permitted|callable|usable|valid|safe) (?:in|from)\\s+|\\bmay (?:also )?be used (?:by|in|from)\\s+`, 'i')
/** ", never from X", ", not in X": the context a call told where it is made is never made in, its verb left out. */
const elidedNever = /^[^,;]{1,80},\s*(?:never|not)\s+(?:from|in|within|inside)\s+/i

/** "must not be called from X": X is forbidden. */
const forbiddenAt = new RegExp(`\\b(?:must|should|may|can|could|shall)\\s*(?:not|never)\\s+(?:be\\s+)?(?:safely\\s+|ever\\s+)?(?:${callVerb}|call(?:ed)?)\\s+(?:from|in|within|inside|by|under)\\s+|\\b(?:cannot|can't|can not|mustn't|shouldn't)\\s+(?:be\\s+)?(?:safely\\s+|ever\\s+)?(?:${callVerb}|call(?:ed)?)\\s+(?:from|in|within|inside|by|under)\\s+|\\b(?:is|are)\\s+not\\s+(?:allowed|permitted|safe|callable|usable|valid)\\s+(?:to be called\\s+)?(?:from|in|within|inside)\\s+|\\bnever\\s+(?:be\\s+)?${callVerb}\\s+(?:from|in)\\s+`, 'i')
/** "must (not) be called with interrupts disabled". */
const calledWith = new RegExp(`\\b(?:be\\s+|is\\s+|are\\s+)?(?:${callVerb}|call(?:ed)?)\\s+with\\s+`, 'i')
/** A call of an object: "possible to call", "should normally issue", "use" as an imperative, "never call". */
const callObject = /\b(?:(?:possible|safe|allowed|okay|ok|fine|legal|valid)\s+to|(?:should|must|can|may|could|need to|have to)\s+(?:(?:normally|only|always|also|safely|never|not|generally|usually)\s+)*|never|don't|do not)\s*(?:call|use|invoke|issue|run)\s+|^\s*(?:(?:please|always|only|so|then)\s+)?(?:call|use|invoke|issue)\s+/i

/** "should never be called outside user context": only that context. */
const onlyAt = /\b(?:never|not)\s+(?:be\s+)?(?:called|used|invoked)\s+outside\s+(?:of\s+)?/i

const maySleep = /\b(?:might|may|can|could|will|is allowed to|are allowed to|is able to|are free to)\s+(?:also\s+|potentially\s+|still\s+|well\s+)?(?:sleep|block)\b|\bwill (?:also )?wait (?:for|until)\b|\b(?:used )?to block until\b|\b(?:and )?(?:in addition )?waits (?:for|until)\b|\brequires? a context (?:which|that) (?:may|can|might) sleep\b|\bsleeps\b|\b(?:functions|calls|routines|helpers|macros|primitives)\s+sleep\b|\b(?:is|are) (?:a )?(?:blocking|sleeping) (?:call|function|operation|primitive)s?\b|\bmay (?:also )?schedule\b|\[(?:MAY )?SLEEPS?\b/i
const noSleep = /\b(?:does not|doesn't|do not|don't|will not|won't|never|cannot|can't|can not|must not|mustn't|may not|should not|shouldn't|is not allowed to|are not allowed to)\s+(?:ever\s+|need to\s+)?(?:sleep|block)\b|\bshould be a non-?blocking\b|\bnon-?(?:sleeping|blocking)\b|\bwithout (?:sleeping|blocking)\b/i

/** What an API does to its caller: the phrase, and whether a negation before it undoes it. */
const effectPhrases: Array<{ effect: string; needs: RegExp; pattern: RegExp }> = [
  { effect: 'disables-preemption', needs: needed('preempt'), pattern: /\bnon-preemptible section\b|\bdisabl\w*\s+(?:[\w,/]+\s+){0,4}preemption\b|\bpreemption\s+(?:is|are)\s+(?:(?!never\b|not\b)\w+\s+)?disabled\b/i },
  { effect: 'disables-pagefaults', needs: needed('fault'), pattern: /\bdisabl\w*\s+(?:[\w,/]+\s+){0,3}page ?faults\b|\bpage ?faults\s+(?:is|are)\s+(?:(?!never\b|not\b)\w+\s+)?disabled\b/i },
  { effect: 'disables-migration', needs: needed('migration', 'bound to the cpu'), pattern: /\bdisabl\w*\s+(?:[\w,/]+\s+){0,3}migration\b|\bmigration\s+(?:is|are)\s+(?:(?!never\b|not\b)\w+\s+)?disabled\b|\bbound to the CPU\b/i },
  { effect: 'takes-global-lock', needs: needed('global'), pattern: /\bglobal (?:\w+ )?lock\b|\bglobal synchroni[sz]ation\b/i },
  { effect: 'flushes-tlb', needs: needed('tlb'), pattern: /\bTLB (?:invalidation|flush(?:es|ing)?|shootdowns?)\b|\bflush\w* (?:the )?TLBs?\b/i },
  { effect: 'thread-local', needs: needed('thread', 'context'), pattern: /\bthread[- ]local\b|\bonly (?:be )?valid in the (?:thread|context)\b|\bonly be (?:used|accessed) (?:in|from within) (?:the|this) (?:thread|context)\b|\blocal to the thread\b|\bcannot be handed to other contexts\b/i },
  { effect: 'cpu-local', needs: needed('cpu'), pattern: /\bCPU[- ]local\b|\brestricted to the CPU\b/i },
  { effect: 'stack-ordered', needs: needed('stack', 'ordered', 'lifo'), pattern: /\bstack[- ]based\b|\bstrictly ordered\b|\bLIFO\b|\bstack order\b/i },
]

/** Whether a negation stands in the clause outside the phrase (the phrase may carry its own: "cannot be handed to other contexts"). */
function negatedOutside(text: string, start: number, end: number): boolean {
  return negation.test(text.slice(0, start) + ' ' + text.slice(end))
}

/** Negation in the stretch just before a phrase, within its own part of the clause. */
const negatedAt = (text: string, at: number) => negatedBefore(text, at, 50)

/** Context rules read "the caller" as someone else, not as the API described. */
const callerNotTopic = { callerMeansTopic: false }

/** Words `forbiddenAt` cannot match without. */
const negationWords = needed('not', 'never', "n't")

/** Words `onlyAt` cannot match without. */
const outsideWords = needed('outside')

/** Words `calledWith` cannot match without. */
const withWords = needed('with')

/** Words `maySleep` cannot match without. */
const sleepWords = needed('sleep', 'block', 'wait', 'schedule')

/** Words `noSleep` cannot match without. */
const noSleepWords = needed('sleep', 'block')

export const callingRule: ClauseRule = (clause) => {
  const derived: Derived[] = []
  const text = clause.text
  const interruptsOff = /^(?:(?:local\s+)?(?:interrupts|irqs|IRQs)\s+(?:disabled|off)|(?:local\s+)?(?:interrupts|irqs|IRQs)\s+enabled)/i

  for (const match of matches(allowedAt, text)) {
    const at = match.index + match[0].length
    if (negatedAt(text, match.index)) continue
    const apis = subjectAt(clause, match.index, callerNotTopic)
    for (const context of contextsAt(text.slice(at))) derived.push(...factsFor(apis, 'contexts', context, clause.condition))
    // "… invoked from the DMA engines tasklet, never from interrupt context": the verb left out, what it is never called from.
    const never = elidedNever.exec(text.slice(at))
    if (never) for (const context of contextsAt(text.slice(at + never.index + never[0].length))) derived.push(...factsFor(apis, 'forbiddenContexts', context, clause.condition))
  }
  // "It is possible to call X() from atomic context", "You should normally issue these calls from a task context",
  // "Use the following calls to access GPIOs from an atomic context::": the object of the call takes the context;
  // "never call X() from interrupt context" forbids it.
  for (const match of matches(callObject, text)) {
    const at = match.index + match[0].length
    let objects = objectAt(clause, at)
    let end = objects.length > 0 ? clause.mentions.filter((mention) => mention.index >= at && objects.includes(mention.name)).pop()!.end : at
    if (objects.length === 0) {
      const pronoun = /^\s*(?:it|them|this (?:function|macro|call|helper)|these (?:functions|macros|calls|helpers)|the following (?:functions|macros|calls|helpers))\b/i.exec(text.slice(at))
      if (!pronoun) continue
      objects = ownTopic(clause)
      end = at + pronoun[0].length
    }
    const from = /^[\s`*()]*(?:(?:to|for)\s+(?:[\w-]+\s+){1,3}?)?(?:from|in|within|inside)\s+(?:their\s+|your\s+|its\s+)?/i.exec(text.slice(end))
    if (!from) continue
    const field = negatedAt(text, match.index) || negation.test(match[0]) ? 'forbiddenContexts' : 'contexts'
    for (const context of contextsAt(text.slice(end + from[0].length))) derived.push(...factsFor(objects, field, context, clause.condition))
  }
  if (mayMatch(clause, negationWords)) for (const match of matches(forbiddenAt, text)) {
    const apis = subjectAt(clause, match.index, callerNotTopic)
    for (const context of contextsAt(text.slice(match.index + match[0].length))) derived.push(...factsFor(apis, 'forbiddenContexts', context, clause.condition))
  }
  if (mayMatch(clause, outsideWords)) for (const match of matches(onlyAt, text)) {
    const apis = subjectAt(clause, match.index, callerNotTopic)
    for (const context of contextsAt(text.slice(match.index + match[0].length))) derived.push(...factsFor(apis, 'contexts', context, clause.condition))
  }
  // "must (not) be called with interrupts disabled".
  if (mayMatch(clause, withWords)) for (const match of matches(calledWith, text)) {
    const rest = interruptsOff.exec(text.slice(match.index + match[0].length))
    if (!rest) continue
    const enabled = /enabled$/i.test(rest[0])
    const negated = negatedAt(text, match.index)
    const apis = subjectAt(clause, match.index, callerNotTopic)
    if (enabled !== negated) derived.push(...factsFor(apis, 'forbiddenContexts', 'irqs-disabled', clause.condition))
    else derived.push(...factsFor(apis, 'contexts', 'irqs-disabled', clause.condition))
  }

  // "This should never be called outside of user context, with interrupts disabled, or with a spinlock held".
  const never = /\b(?:never|not)\s+(?:be\s+)?(?:called|used|invoked)\b/i.exec(text)
  if (never && /,\s*(?:or\s+)?with\s+(?:local\s+)?(?:interrupts|irqs)\s+disabled\b/i.test(text.slice(never.index))) {
    derived.push(...factsFor(subjectAt(clause, never.index, callerNotTopic), 'forbiddenContexts', 'irqs-disabled', clause.condition))
  }
  const sleep = mayMatch(clause, sleepWords) ? maySleep.exec(text) : null
  if (sleep && !negatedAt(text, sleep.index)) derived.push(...factsFor(subjectAt(clause, sleep.index, callerNotTopic), 'effects', 'may-sleep', clause.condition))
  const awake = mayMatch(clause, noSleepWords) ? noSleep.exec(text) : null
  if (awake) derived.push(...factsFor(subjectAt(clause, awake.index, callerNotTopic), 'effects', 'no-sleep', clause.condition))

  for (const { effect, needs, pattern } of effectPhrases) {
    const match = mayMatch(clause, needs) ? pattern.exec(text) : null
    if (!match || negatedOutside(text, match.index, match.index + match[0].length)) continue
    // An effect is told of the API being described even when the clause's
    // subject is a noun ("mapping space is … protected by a global lock").
    const apis = subjectAt(clause, match.index, callerNotTopic)
    derived.push(...factsFor(apis.length > 0 ? apis : ownTopic(clause), 'effects', effect, clause.condition))
  }
  return derived
}
