import { foldWhitespace } from './text.ts'

/**
 * Web archives mask the domain of every e-mail address with as many `x`s as it
 * has characters (`akpm@xxxxxxxxxxxxxxxxxxxx`), in the diff as well as in the
 * headers. A masked word still matches the address it hides.
 */
const maskedDomain = /@(x{3,})/g

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A predicate that tells whether a base line says what a mangled patch line
 * says, ignoring whitespace differences and archive masking.
 */
export type LineMatcher = (baseText: string) => boolean

/**
 * Build the matcher for one mangled patch line.
 *
 * @param patchText
 *   The line's text as the archive shows it (op character removed).
 * @returns
 *   A matcher for base lines.
 */
export function looseMatcher(patchText: string): LineMatcher {
  const folded = foldWhitespace(patchText)
  if (!maskedDomain.test(folded)) return (baseText) => foldWhitespace(baseText) === folded
  maskedDomain.lastIndex = 0
  let source = ''
  let last = 0
  for (const match of folded.matchAll(maskedDomain)) {
    source += escape(folded.slice(last, match.index)) + `@\\S{${match[1].length}}`
    last = match.index! + match[0].length
  }
  const pattern = new RegExp(`^${source}${escape(folded.slice(last))}$`)
  return (baseText) => pattern.test(foldWhitespace(baseText))
}

/** Whether an archive word hides an address (`name@xxxxxxx`). */
export function isMaskedWord(word: string): boolean {
  maskedDomain.lastIndex = 0
  return maskedDomain.test(word)
}
