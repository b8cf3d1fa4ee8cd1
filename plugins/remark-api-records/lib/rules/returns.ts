import { objectAt, subjectAt, type ReadClause, ownTopic } from '../subjects.ts'
import { factsFor, matches, negation, type ClauseRule, type Derived, type SentenceState } from './derived.ts'

/**
 * Return values: "returns NULL on failure", "returns -ENOMEM if …", "the
 * return value is 0 on success", "SEQ_SKIP is returned". Only values a
 * caller can test for are taken: constants, error codes, booleans.
 */

// Case matters: `-EINVAL` and `SEQ_SKIP` are constants, "errors" is a word.
const valueWords = String.raw`NULL|null|-E[A-Z0-9]+|E[A-Z]{3,}\b|ERR_PTR\([^)]{0,40}\)|ERR_PTR|[Tt]rue|[Ff]alse|TRUE|FALSE|[Zz]ero|0|1|-1|[Nn]on-?zero|an? (?:negative |negated )?(?:error(?: code| number| value)?|errno(?: code)?)(?= |$|[,.;)])|(?:an? )?negative(?: (?:error(?: code| number| value)?|errno(?: code)?|value|number))?|-errno|an? error pointer|an? ERR_PTR|[A-Z][A-Z0-9]*_[A-Z0-9_]+`
const value = new RegExp(`^(?:${valueWords})(?![\\w(])`)

/** Values as the record writes them. */
function canonical(written: string): string {
  if (/^zero$/i.test(written)) return '0'
  if (/^ERR_PTR|error pointer|ERR_PTR$/i.test(written)) return 'ERR_PTR'
  if (/negative|negated|^-errno$|error|errno/i.test(written)) return '-errno'
  if (/^non-?zero$/i.test(written)) return 'nonzero'
  if (/^(?:true|false)$/i.test(written)) return written.toLowerCase()
  if (/^null$/i.test(written)) return 'NULL'
  if (/^E[A-Z]{3,}$/.test(written)) return '-' + written
  return written
}

const joiner = /^\s*(?:,\s*(?:or|and|else|otherwise)?|or|and|else|otherwise|;\s*(?:else|otherwise))\s+/i
const conditionAt = /^\s*(?:\([^)]*\)\s*)?((?:on|if|when|in case of|in case|upon|unless|for|after|once)\b[^,;.()]{0,80})/i
/** A condition ends where the next value is joined on: "non-zero if it acquires the spinlock on the first try or 0 if not". */
const nextValue = new RegExp(`\\s+(?:or|and|else|otherwise)\\s+(?=(?:${valueWords})(?![\\w(]))`)
/** A stated value that is no constant ("a pointer to the allocated URB"): skipped up to the next item of the list. */
const freeItem = /^[^,;.()]{1,60}?(?=,\s*(?:or\s+|and\s+|else\s+|otherwise\s+)?\S|\s+or\s+\S)/

/** A value and the condition written right after it. */
export interface FoundValue {
  value: string
  condition?: string
}

/** The values written at the start of `text` ("0 on success, or -EINVAL if …" gives 0 on success and -EINVAL if …). */
export function valuesAt(text: string): FoundValue[] {
  return readValues(text).values
}

/** `valuesAt`, with what is left of the text after the values read. */
function readValues(text: string): { values: FoundValue[]; rest: string } {
  const values: FoundValue[] = []
  let rest = text
  for (let step = 0; step < 4; step++) {
    // "It immediately returns, either with status 0 (request queued) or …".
    rest = rest.replace(/^[\s`*"']*(?:,\s*)?(?:either\s+)?(?:with\s+(?:(?:a\s+)?(?:status|value|code|return code)\s+)?|the\s+value\s+|a\s+value\s+of\s+|the\s+constant\s+)?[`*"']*/i, '')
    const found = value.exec(rest)
    if (!found) {
      // "Return value is a pointer to the allocated URB, 0 if allocation failed": a described value, then a constant.
      const skipped = step === 0 || values.length > 0 ? freeItem.exec(rest) : null
      if (!skipped) break
      rest = rest.slice(skipped[0].length)
    } else {
      rest = rest.slice(found[0].length).replace(/^[`*"']*/, '')
      const when = conditionAt.exec(rest)
      const cut = when ? nextValue.exec(when[1]) : null
      const condition = when ? (cut ? when[1].slice(0, cut.index) : when[1]).trim() : undefined
      values.push(condition ? { value: canonical(found[0]), condition } : { value: canonical(found[0]) })
      if (when) rest = rest.slice(when[0].length - (cut ? when[1].length - cut.index : 0))
    }
    const joined = joiner.exec(rest)
    if (!joined) break
    rest = rest.slice(joined[0].length)
  }
  return { values, rest }
}

const phrases = [
  /\b(?:returns?|returning|will return|shall return|must return|should return|can return|may return|would return)(?!\s+(?:value|code|type)s?\b)(?:\s+|\s*,\s*(?=either\b))/i,
  /\b(?:the )?return (?:value|code) (?:is|will be|should be|must be)\s+/i,
]
/** The value an API named after it returns: "the return value of X", "the value returned from X". */
const returnOf = /\b(?:the )?(?:return (?:value|code)s?|values? returned|value it returns) (?:of|from|by)\s+/i
/** A call said to be true or false. */
const predicate = /\b(?:is|will be)\s+(?:always\s+|guaranteed(?:\s+to\s+be)?\s+)?(true|false)\b/gi
const passive = /\b(?:is|are|gets?|(?:will|would|should|must|shall|may|can) be)\s+returned\b/i
/** "An ERR_PTR(-ERROR) return value indicates …", "A true return from seq_has_overflowed() means …": a value named as a return. */
const namedReturn = new RegExp(String.raw`\b(?:[Aa]n?|[Tt]he)\s+[\x60*]*(${valueWords})(?![\w(])[\x60*]*\s+return(?:\s+(?:value|code))?\b(?!\s+(?:type|address)\b)(?:\s+(?:from|of)\s+)?`, 'g')

/**
 * The values a stretch ends with: "In that case ERR_PTR(-EXDEV)" gives ERR_PTR. Each word start is tried in
 * turn, and each try is anchored and reads at most a few values, so a long stretch costs no more than its words.
 */
function valuesEnding(text: string): FoundValue[] {
  for (let at = 0; at < text.length; at++) {
    if (at > 0 && !/[\s(`*"']/.test(text[at - 1])) continue
    if (!/[-A-Za-z0-9]/.test(text[at])) continue
    const { values, rest } = readValues(text.slice(at))
    if (values.length > 0 && /^[\s`*"')]*$/.test(rest)) return values
  }
  return []
}

/** The values found, as facts of `apis`, each under the clause's condition and its own; `apis` is who "otherwise" goes on about. */
function addReturned(derived: Derived[], clause: ReadClause, state: SentenceState, apis: string[], found: FoundValue[]): void {
  for (const each of found) derived.push(...factsFor(apis, 'returnValues', each.value, [clause.condition, each.condition].filter(Boolean).join('; ') || undefined))
  if (apis.length > 0 && found.length > 0) state.returned = apis
}

export const returnsRule: ClauseRule = (clause: ReadClause, state) => {
  const derived: Derived[] = []
  // "If you accept the device return 0, otherwise -ENODEV or -ENXIO": the values go on in a clause of their own.
  const otherwise = /^\W*(?:otherwise|else)\s*,?\s+/i.exec(clause.text)
  if (otherwise && state.returned) addReturned(derived, clause, state, state.returned, valuesAt(clause.text.slice(otherwise[0].length)))
  for (const pattern of phrases) {
    for (const match of matches(pattern, clause.text)) {
      const before = clause.text.slice(Math.max(0, match.index - 30), match.index)
      if (negation.test(before.split(/[,;]/).pop() ?? '')) continue
      // "return NULL;" is a C statement written inline, not what anything is said to return.
      if (/^return\s/i.test(match[0]) && /^[^;,.()]{1,40};/.test(clause.text.slice(match.index + match[0].length))) continue
      const found = valuesAt(clause.text.slice(match.index + match[0].length))
      // "Again, the return value will be a dentry pointer …": in a description, the value of the API described.
      const definite = /return (?:value|code)/i.test(match[0]) && clause.described && !clause.mentions.some((mention) => !mention.weak && mention.index < match.index)
      const ofTopic = definite ? clause.described!.filter((api) => clause.topic.includes(api)) : []
      const subjects = definite ? (ofTopic.length > 0 ? ofTopic : clause.described!) : subjectAt(clause, match.index)
      // "If you accept the device return 0, otherwise -ENODEV or -ENXIO": told to whoever implements the callback described.
      const imperative = subjects.length === 0 && /^return\s/i.test(match[0]) && clause.described ? clause.described : subjects
      if (found.length > 0) addReturned(derived, clause, state, imperative, found)
    }
  }
  // "The return value of gpiod_get_array_value() and its variants is 0 on success …": the API named after "of".
  for (const match of matches(returnOf, clause.text)) {
    const at = match.index + match[0].length
    const apis = objectAt(clause, at)
    const last = clause.mentions.filter((mention) => mention.index >= at && apis.includes(mention.name)).pop()
    const verb = last ? /^[^,;]{0,40}?\b(?:is|are|will be|would be)\s+(?:(?:generally|usually|always|normally|either|then)\s+)?/i.exec(clause.text.slice(last.end)) : null
    if (!last || !verb || negation.test(verb[0])) continue
    addReturned(derived, clause, state, apis, valuesAt(clause.text.slice(last.end + verb[0].length)))
  }
  // "netif_running() is guaranteed false", "in_interrupt() is false": what a predicate evaluates to.
  for (const match of matches(predicate, clause.text)) {
    const subject = clause.mentions.filter((mention) => !mention.weak && mention.kind === 'function' && mention.index < match.index).pop()
    if (!subject || !/^[\s`*]*(?:\([^)]{0,60}\))?[\s`*]*$/.test(clause.text.slice(subject.end, match.index))) continue
    if (negation.test(clause.text.slice(subject.end, match.index + match[0].length))) continue
    const condition = conditionAt.exec(clause.text.slice(match.index + match[0].length))?.[1]?.trim()
    addReturned(derived, clause, state, [subject.name], [condition ? { value: match[1].toLowerCase(), condition } : { value: match[1].toLowerCase() }])
  }
  // "SEQ_SKIP is returned if …": the value stands before the verb; the subject is the topic.
  const back = passive.exec(clause.text)
  if (back) {
    const head = clause.text.slice(0, back.index).replace(/^.*(?:[,;]|\b(?:and|but|then)\b)/i, '')
    const found = valuesEnding(head)
    const rest = clause.text.slice(back.index + back[0].length)
    const condition = conditionAt.exec(rest)?.[1]?.trim()
    if (found.length > 0 && !negation.test(head)) addReturned(derived, clause, state, ownTopic(clause), found.map((each) => (condition ? { value: each.value, condition } : each)))
  }
  // "An ERR_PTR(-ERROR) return value indicates that something went wrong", "A true return from seq_has_overflowed() means …".
  for (const match of matches(namedReturn, clause.text)) {
    if (negation.test(clause.text.slice(Math.max(0, match.index - 30), match.index))) continue
    // Whose return it is: the API named after "from", else, where the return is what the clause opens with and no
    // other API is named, the API described ("the lock helper can propagate the -EALREADY return code" is the helper's).
    const of = /(?:from|of)\s+$/.test(match[0]) ? objectAt(clause, match.index + match[0].length) : []
    const opens = /^[\W]*$/.test(clause.text.slice(0, match.index))
    const described = opens && clause.described && !clause.mentions.some((mention) => !mention.weak) ? clause.described : []
    addReturned(derived, clause, state, of.length > 0 ? of : described, [{ value: canonical(match[1]) }])
  }
  return derived
}
