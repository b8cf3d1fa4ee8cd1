import type { Fact } from '../../../src/schema/records.ts'
import { readSentence } from './language.ts'
import { contextsAt } from './rules/calling.ts'
import { valuesAt } from './rules/returns.ts'

/** A kernel-doc comment's structured sections, as the C file states them. */
export interface KernelDocSections {
  /** The API the comment documents. */
  name: string
  /** The `Context:` section. */
  context?: string
  /** The `Return:` section. */
  returns?: string
  /** The C file and the line where the comment starts. */
  file: string
  line: number
}

/** kernel-doc markup to plain words: `%NULL`, `&struct page`, `@gfp`, ``code``. */
const plain = (text: string) => text.replace(/[%&@]([\w(])/g, '$1').replace(/``/g, '').replace(/\s+/g, ' ').trim()

/**
 * Facts from a kernel-doc comment's `Context:` and `Return:` sections: they
 * are written for exactly this (`Context: Any context.`, `Context: Process
 * context.  May sleep.`, `Return: %NULL on failure.`), so each leads with its
 * value and is read as such, and the rest by the same rules as prose.
 */
export function kernelDocFacts(sections: KernelDocSections): Fact[] {
  const facts: Fact[] = []
  const add = (field: string, value: string, sentence: string, condition?: string) =>
    facts.push({ field, value, sentence, line: sections.line, file: sections.file, ...(condition ? { condition } : {}) })
  for (const sentence of plain(sections.context ?? '').split(/(?<=[.;])\s+/).filter(Boolean)) {
    for (const context of contextsAt(sentence)) add('contexts', context, sentence)
    for (const derived of readSentence(sentence, { blockApi: sections.name }).derived) {
      if (derived.api === sections.name && ['contexts', 'forbiddenContexts', 'effects', 'locking'].includes(derived.field)) add(derived.field, derived.value, sentence, derived.condition)
    }
    // "May sleep." / "Must not sleep." stand without a subject: they are the function's.
    if (/^(?:may|might|can) (?:sleep|block)\b/i.test(sentence)) add('effects', 'may-sleep', sentence)
    if (/^(?:must not|does not|doesn't|will not|cannot|never) (?:sleep|block)\b/i.test(sentence)) add('effects', 'no-sleep', sentence)
  }
  const returns = plain(sections.returns ?? '')
  if (returns) {
    for (const found of valuesAt(returns)) add('returnValues', found.value, returns, found.condition)
    for (const derived of readSentence(returns, { blockApi: sections.name }).derived) {
      if (derived.api === sections.name && derived.field === 'returnValues') add('returnValues', derived.value, returns, derived.condition)
    }
  }
  return facts
}
