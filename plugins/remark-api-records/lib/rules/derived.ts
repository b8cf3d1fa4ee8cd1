import type { ReadClause } from '../subjects.ts'

/** A record field a rule can derive. */
export type Field =
  | 'status'
  | 'replacement'
  | 'contexts'
  | 'forbiddenContexts'
  | 'effects'
  | 'unmap'
  | 'release'
  | 'locking'
  | 'returnValues'
  | 'since'

/** A fact a rule derived, before it is attached to a record. */
export interface Derived {
  api: string
  field: Field
  value: string
  condition?: string
}

/** A rule family: reads one clause, gives the facts it states. */
export type ClauseRule = (clause: ReadClause, sentence: SentenceState) => Derived[]

/** What rules share while reading one sentence (a later clause may finish what an earlier began). */
export interface SentenceState {
  /** APIs an earlier clause of the sentence advised against ("avoid the use of kmap() … and prefer …"). */
  advisedAgainst: string[]
  /** APIs an earlier clause deprecated or removed. */
  deprecated: string[]
  /** APIs an earlier clause told return values of ("… return 0, otherwise -ENODEV or -ENXIO"). */
  returned?: string[]
}

/** Negations that undo a statement standing after them in its stretch of clause. */
export const negation = /\b(?:never|not|no|cannot|can't|won't|doesn't|don't|isn't|aren't|wasn't|weren't|hasn't|haven't|shouldn't|mustn't|nor|neither|need not|needn't|used to (?:be|have))\b|n't\b/i

/** Hedges: "may be deprecated", "might eventually be removed" state nothing. */
export const hedge = /\b(?:may|might|could|would|possibly|probably|perhaps|eventually|likely|hopefully|someday|one day)\s+(?:\w+\s+){0,2}$/i

/** A fact for each API, skipping an API that would be its own value. */
export function factsFor(apis: readonly string[], field: Field, value: string, condition?: string): Derived[] {
  return apis.filter((api) => api !== value).map((api) => (condition ? { api, field, value, condition } : { api, field, value }))
}

/** Global copies of the rules' own patterns, compiled once. */
const globals = new WeakMap<RegExp, RegExp>()

/** Every match of a pattern in a clause, in one pass. */
export function matches(pattern: RegExp, text: string): RegExpExecArray[] {
  let global = globals.get(pattern)
  if (!global) {
    global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g')
    globals.set(pattern, global)
  }
  global.lastIndex = 0
  const found: RegExpExecArray[] = []
  for (let match = global.exec(text); match; match = global.exec(text)) {
    found.push(match)
    if (match[0] === '') global.lastIndex++
  }
  return found
}
