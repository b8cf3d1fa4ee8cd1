import { foldWhitespace } from './text.ts'

/**
 * Web archives mask the domain of every e-mail address with as many `x`s as it
 * has characters (`akpm@xxxxxxxxxxxxxxxxxxxx`), in the diff as well as in the
 * headers. A masked word still matches the address it hides.
 */
const maskedDomain = /@(x{3,})/g

/**
 * A predicate that tells whether a base line says what a mangled patch line
 * says, ignoring whitespace differences and archive masking.
 */
export type LineMatcher = (baseText: string) => boolean

/** A mangled line cut at its masks: literal text, then a mask of `width` hidden characters, and so on. */
interface Masked {
  literals: string[]
  widths: number[]
}

/**
 * Build the matcher for one mangled patch line.
 *
 * A mask stands for exactly as many non-space characters as it has `x`s, so
 * the line is matched by a scan that never backtracks: linear in the line,
 * whatever the patch holds (no regular expression is built from its text).
 *
 * @param patchText
 *   The line's text as the archive shows it (op character removed).
 * @returns
 *   A matcher for base lines.
 */
export function looseMatcher(patchText: string): LineMatcher {
  const matches = foldedMatcher(patchText).matches
  return (baseText) => matches(foldWhitespace(baseText))
}

/**
 * The matcher for base lines already folded (`foldWhitespace`), as placing a
 * hunk folds each base line once, not once per try.
 *
 * @returns
 *   The matcher, and the folded text when only that text matches (no mask),
 *   for looking the line up in an index.
 */
export function foldedMatcher(patchText: string): { matches: LineMatcher; exact?: string } {
  const folded = foldWhitespace(patchText)
  const masked = cutAtMasks(folded)
  if (masked.widths.length === 0) return { matches: (foldedBase) => foldedBase === folded, exact: folded }
  return { matches: (foldedBase) => matchesMasked(foldedBase, masked) }
}

function cutAtMasks(folded: string): Masked {
  const literals: string[] = []
  const widths: number[] = []
  let last = 0
  maskedDomain.lastIndex = 0
  for (const match of folded.matchAll(maskedDomain)) {
    // The `@` is literal; the run of `x`s after it is the mask.
    literals.push(folded.slice(last, match.index + 1))
    widths.push(match[1].length)
    last = match.index + match[0].length
  }
  literals.push(folded.slice(last))
  return { literals, widths }
}

function matchesMasked(text: string, masked: Masked): boolean {
  let at = 0
  for (const [index, literal] of masked.literals.entries()) {
    if (!text.startsWith(literal, at)) return false
    at += literal.length
    const width = masked.widths[index]
    if (width === undefined) break
    if (at + width > text.length) return false
    // Folded text has no whitespace but single spaces.
    for (const end = at + width; at < end; at++) if (text.charCodeAt(at) === 32) return false
  }
  return at === text.length
}

/** Whether an archive word hides an address (`name@xxxxxxx`). */
export function isMaskedWord(word: string): boolean {
  maskedDomain.lastIndex = 0
  return maskedDomain.test(word)
}
