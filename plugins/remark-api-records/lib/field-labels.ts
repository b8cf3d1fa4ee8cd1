import { matches, type Derived } from './rules/derived.ts'
import { contextsAt } from './rules/calling.ts'
import { lockAt } from './rules/locking.ts'
import { valuesAt } from './rules/returns.ts'

/**
 * Labelled fields in prose: the description of an API written as kernel-doc
 * writes its sections, one label a line ("Synchronization: rtnl_lock()
 * semaphore.", "Context: process", "Context: BHs disabled", "Locking: caller
 * holds the zone lock", "Returns: 0 on success"). netdevices.rst describes
 * every callback this way. A label's value says what the API being described
 * is under; it reaches to the next label, and a following sentence that
 * opens "In addition," adds to it.
 */

export type Label = 'context' | 'locking' | 'returns' | 'other'

/** What a paragraph's previous sentence left open. */
export interface LabelState {
  label: Label | null
  /** The label stood with no value after it ("Context:" as a term of its own): the next text is its value, even in the next paragraph. */
  awaiting?: boolean
}

/** Derived facts without their API: the reader of the description gives them to it. */
export type LabelFact = Omit<Derived, 'api'>

const labels = /(?:^|(?<=[\s.;]))(Context|Calling context|Synchroni[sz]ation|Locking|Locks|Return(?:s| values?)?|Notes?|Warning|See also)\s*:(?=\s|$)/gi
const continuation = /^\s*(?:in addition|additionally|also),?\s+/i

/** Whether a sentence opens with a label of a field the rules read. */
export function opensWithLabel(text: string): boolean {
  return /^[\s*`]*(?:Context|Calling context|Synchroni[sz]ation|Locking|Locks|Returns?|Return values?)\s*:/i.test(text)
}

function labelOf(word: string): Label {
  if (/context/i.test(word)) return 'context'
  if (/synchroni|lock/i.test(word)) return 'locking'
  if (/return/i.test(word)) return 'returns'
  return 'other'
}

/** The facts the labelled parts of one sentence state. */
export function labelledFacts(text: string, state: LabelState): LabelFact[] {
  const facts: LabelFact[] = []
  const found = matches(labels, text)
  const first = found[0]?.index ?? text.length
  const opened = continuation.exec(text.slice(0, first))
  if (state.awaiting && state.label) facts.push(...valueFacts(state.label, text.slice(0, first)))
  else if (opened && state.label) facts.push(...valueFacts(state.label, text.slice(opened[0].length, first)))
  state.label = found.length > 0 || opened || state.awaiting ? state.label : null
  state.awaiting = false
  found.forEach((match, index) => {
    const label = labelOf(match[1])
    const end = found[index + 1]?.index ?? text.length
    const value = text.slice(match.index! + match[0].length, end)
    facts.push(...valueFacts(label, value))
    state.label = label
    state.awaiting = value.trim() === ''
  })
  return facts
}

const condition = (value: string) => /\b(?:if|when|unless|for)\b[^.;()]*/i.exec(value)?.[0].trim()

function valueFacts(label: Label, value: string): LabelFact[] {
  if (label === 'context') return contextValues(value).map((context) => context)
  if (label === 'locking') {
    const words = value.replace(/^[\s`*]+/, '')
    if (/^(?:none|no\b|nothing|not\b)/i.test(words)) return []
    // A value that is a sentence ("caller must hold the zone lock") is read by the lock rules as one.
    if (/^(?:\S+\s+){0,3}?(?:holds?|held|takes?|taken|must|should|needs?|acquires?|called|calls?|is|are)\b/i.test(words.replace(/\([^)]*\)?/g, ''))) return []
    // "rtnl_lock() semaphore", "__netif_tx_lock spinlock", "RCU (can be called …)", "NAPI_STATE_SCHED bit in napi->state".
    const lock = lockAt(words) ?? /^(?:[A-Za-z_]\w*_\w+|RCU)\b/.exec(words)?.[0]
    if (!lock) return []
    const when = condition(value)
    return [when ? { field: 'locking', value: `holds:${lock}`, condition: when } : { field: 'locking', value: `holds:${lock}` }]
  }
  if (label === 'returns') return valuesAt(value).map((found) => (found.condition ? { field: 'returnValues', value: found.value, condition: found.condition } : { field: 'returnValues', value: found.value }))
  return []
}

/**
 * The contexts a context label or section names: "process", "atomic (can't
 * sleep under RCU)", "Process with BHs disabled or BH (timer), will be called
 * with interrupts disabled by netconsole".
 */
export function contextValues(value: string): LabelFact[] {
  const facts: LabelFact[] = []
  const add = (field: Derived['field'], context: string) => facts.push({ field, value: context })
  for (const item of value.split(/\s*(?:,|;|\bor\b)\s*/i)) {
    const head = /^[\s`*(]*([A-Za-z-]+)/.exec(item)?.[1]
    // The first word names the context: "process", "BH (timer)", "softirq will be called …".
    const disabled = /^[\s`*(]*[A-Za-z-]+\s+(?:are\s+|is\s+)?disabled\b/i.test(item)
    if (head && !disabled && !/^(?:will|is|are|can|may|must|with|called|the|a|an|any|not|no)$/i.test(head)) for (const context of contextsAt(`${head} context`)) add('contexts', context)
    else if (head && /^any$/i.test(head)) for (const context of contextsAt(item.trim())) add('contexts', context)
    // "BHs disabled": no softirq can run, so the code is atomic.
    if (/\b(?:BHs?|bottom halves|softirqs?|preemption)\s+(?:are\s+|is\s+)?disabled\b/i.test(item)) add('contexts', 'atomic')
    if (/\b(?:interrupts|irqs)\s+(?:are\s+)?disabled\b/i.test(item)) add('contexts', 'irqs-disabled')
    if (/\b(?:can't|cannot|can not|must not|may not|does not|doesn't|never)\s+sleep\b/i.test(item)) add('effects', 'no-sleep')
    else if (/\b(?:may|might|can|will)\s+sleep\b/i.test(item)) add('effects', 'may-sleep')
  }
  return facts
}
