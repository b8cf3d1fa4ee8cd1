import { subjectAt, type ReadClause, ownTopic } from '../subjects.ts'
import { factsFor, matches, negation, type ClauseRule, type Derived } from './derived.ts'

/**
 * Return values: "returns NULL on failure", "returns -ENOMEM if …", "the
 * return value is 0 on success", "SEQ_SKIP is returned". Only values a
 * caller can test for are taken: constants, error codes, booleans.
 */

// Case matters: `-EINVAL` and `SEQ_SKIP` are constants, "errors" is a word.
const value =
  /^(?:NULL|null|-E[A-Z0-9]+|E[A-Z]{3,}\b|ERR_PTR\([^)]{0,40}\)|ERR_PTR|[Tt]rue|[Ff]alse|TRUE|FALSE|[Zz]ero|0|1|-1|[Nn]on-?zero|an? (?:negative |negated )?(?:error(?: code| number| value)?|errno(?: code)?)(?= |$|[,.;)])|(?:an? )?negative(?: (?:error(?: code| number| value)?|errno(?: code)?|value|number))?|-errno|an? error pointer|an? ERR_PTR|[A-Z][A-Z0-9]*_[A-Z0-9_]+)(?![\w(])/

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
const conditionAt = /^\s*(?:\([^)]*\)\s*)?((?:on|if|when|in case of|in case|upon|unless|for|after|once)\b[^,;.]{0,80})/i

/** A value and the condition written right after it. */
export interface FoundValue {
  value: string
  condition?: string
}

/** The values written at the start of `text` ("0 on success, or -EINVAL if …" gives 0 on success and -EINVAL if …). */
export function valuesAt(text: string): FoundValue[] {
  const values: FoundValue[] = []
  let rest = text
  for (let step = 0; step < 4; step++) {
    rest = rest.replace(/^[\s`*"']*(?:either\s+|the\s+value\s+|a\s+value\s+of\s+|the\s+constant\s+)?[`*"']*/i, '')
    const found = value.exec(rest)
    if (!found) break
    rest = rest.slice(found[0].length).replace(/^[`*"']*/, '')
    const when = conditionAt.exec(rest)
    values.push(when ? { value: canonical(found[0]), condition: when[1].trim() } : { value: canonical(found[0]) })
    if (when) rest = rest.slice(when[0].length)
    const joined = joiner.exec(rest)
    if (!joined) break
    rest = rest.slice(joined[0].length)
  }
  return values
}

const phrases = [
  /\b(?:returns?|returning|will return|shall return|must return|should return|can return|may return|would return)\s+/i,
  /\b(?:the )?return (?:value|code) (?:is|will be|should be|must be)\s+/i,
]
const passive = /\b(?:is|are|will be|gets?)\s+returned\b/i

export const returnsRule: ClauseRule = (clause: ReadClause) => {
  const derived: Derived[] = []
  const add = (apis: string[], found: FoundValue[]) => {
    for (const each of found) derived.push(...factsFor(apis, 'returnValues', each.value, [clause.condition, each.condition].filter(Boolean).join('; ') || undefined))
  }
  for (const pattern of phrases) {
    for (const match of matches(pattern, clause.text)) {
      const before = clause.text.slice(Math.max(0, match.index - 30), match.index)
      if (negation.test(before.split(/[,;]/).pop() ?? '')) continue
      const found = valuesAt(clause.text.slice(match.index + match[0].length))
      if (found.length > 0) add(subjectAt(clause, match.index), found)
    }
  }
  // "SEQ_SKIP is returned if …": the value stands before the verb; the subject is the topic.
  const back = passive.exec(clause.text)
  if (back) {
    const head = clause.text.slice(0, back.index).replace(/^.*(?:[,;]|\b(?:and|but|then)\b)/i, '')
    const found = valuesAt(head)
    const rest = clause.text.slice(back.index + back[0].length)
    const condition = conditionAt.exec(rest)?.[1]?.trim()
    if (found.length > 0 && !negation.test(head)) add(ownTopic(clause), found.map((each) => (condition ? { value: each.value, condition } : each)))
  }
  return derived
}
