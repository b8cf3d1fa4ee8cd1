import { lowerOf, type ReadClause } from '../subjects.ts'

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
  /** The APIs the clause before named, for a contrast that recommends another ("… caught with A, but B is recommended"). */
  named?: string[]
}

/** Negations that undo a statement standing after them in its stretch of clause. */
export const negation = /\b(?:never|not|no|cannot|can't|won't|doesn't|don't|isn't|aren't|wasn't|weren't|hasn't|haven't|shouldn't|mustn't|nor|neither|need not|needn't|used to (?:be|have))\b|n't\b/i

/** Hedges: "may be deprecated", "might eventually be removed" state nothing. */
export const hedge = /\b(?:may|might|could|would|possibly|probably|perhaps|eventually|likely|hopefully|someday|one day)\s+(?:\w+\s+){0,2}$/i

/** Where one stretch of a clause ends and the next begins, for what a negation reaches. */
const stretchBreak = /[,;]|\b(?:and|but|because|since|which|that)\b/gi

/** The clause just before `at`, within `reach` characters and back to the nearest comma, semicolon or conjunction. */
export function stretchBefore(text: string, at: number, reach: number): string {
  const before = text.slice(Math.max(0, at - reach), at)
  let from = 0
  stretchBreak.lastIndex = 0
  for (let found = stretchBreak.exec(before); found; found = stretchBreak.exec(before)) from = found.index + found[0].length
  return before.slice(from)
}

/** Whether a negation stands in the stretch just before a phrase ("must not be called with … held", "need not hold"). */
export function negatedBefore(text: string, at: number, reach: number): boolean {
  const stretch = stretchBefore(text, at, reach)
  const negated = negation.exec(stretch)
  if (!negated) return false
  // "Filesystems which may not have an I_NEW inode should use d_drop()", "Drivers which must not sleep should use
  // …": the negation has a verb of its own, in the relative clause about the subject; the phrase after it is the main clause's.
  const relative = /\b(?:which|who)\s*$/i.test(text.slice(Math.max(0, at - reach), at - stretch.length))
  return !(relative && /^\s+[a-z]+\b/i.test(stretch.slice(negated.index + negated[0].length)))
}

/** A fact for each API, skipping an API that would be its own value. */
export function factsFor(apis: readonly string[], field: Field, value: string, condition?: string): Derived[] {
  return apis.filter((api) => api !== value).map((api) => (condition ? { api, field, value, condition } : { api, field, value }))
}

/**
 * Global copies of the rules' own patterns, compiled once each. Rules pass
 * their module-level patterns (a literal written in a function would be a
 * new object, and compiled again, on every call); the patterns are the
 * rules' own, never input text.
 */
const globalOf = new WeakMap<RegExp, RegExp>()

/** Every match of a pattern in a clause, in one pass. */
export function matches(pattern: RegExp, text: string): RegExpExecArray[] {
  let global = globalOf.get(pattern)
  if (!global) globalOf.set(pattern, (global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g')))
  global.lastIndex = 0
  const found: RegExpExecArray[] = []
  for (let match = global.exec(text); match; match = global.exec(text)) {
    found.push(match)
    if (match[0] === '') global.lastIndex++
  }
  return found
}

/**
 * Whether a clause may match a pattern that cannot match without one of
 * the words `needs` finds (lower-case words it spells out in every
 * alternative, made by `needed`). Most clauses hold none, and looking for
 * them costs far less than running the pattern; where one is there, the
 * pattern decides.
 */
export function mayMatch(clause: ReadClause, needs: RegExp): boolean {
  return needs.test(lowerOf(clause))
}

/**
 * The words a pattern cannot match without, lower case, as one pattern of
 * plain alternatives for `mayMatch`: the engine finds any of them in one
 * scan, several times faster than a search for each.
 */
export function needed(...words: string[]): RegExp {
  return new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))
}

