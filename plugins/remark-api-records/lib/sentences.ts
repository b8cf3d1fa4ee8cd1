/** A sentence of the source, as written, with where it starts. */
export interface Sentence {
  /** The sentence with whitespace folded (line breaks and indentation gone). */
  text: string
  /** 1-based line where it starts. */
  line: number
  /** 1-based column where it starts. */
  column: number
}

/** Abbreviations whose full stop does not end a sentence. */
const abbreviations = /\b(?:e\.g|i\.e|etc|vs|cf|approx|resp|incl|Dr|Mr|Ms|No|Fig|Sec)\.$/i

/**
 * Split a stretch of source text into sentences. The text is taken from the
 * source itself (not from the tree's plain text), so a sentence quoted as a
 * fact can always be found again at its line. A sentence ends at `.`, `!` or
 * `?` followed by white space and a capital, an opening bracket, a quote, a
 * `NOTE:`-style marker or an identifier (`kmap() and …` starts a sentence).
 *
 * @param source
 *   The whole document.
 * @param start
 *   Offset where the stretch starts.
 * @param end
 *   Offset where it ends.
 * @param firstLine
 *   1-based line of `start`.
 * @param firstColumn
 *   1-based column of `start`.
 */
export function splitSentences(source: string, start: number, end: number, firstLine: number, firstColumn: number): Sentence[] {
  const sentences: Sentence[] = []
  let line = firstLine
  let column = firstColumn
  let current = ''
  let currentLine = line
  let currentColumn = column
  const push = () => {
    const text = current.trim().replace(/\s+/g, ' ')
    if (text) sentences.push({ text, line: currentLine, column: currentColumn })
    current = ''
  }
  for (let index = start; index < end; index++) {
    const char = source[index]
    if (current.trim() === '' && !/\s/.test(char)) {
      currentLine = line
      currentColumn = column
    }
    current += char
    if (char === '\n') {
      line++
      column = 1
    } else column++
    if (/[.!?]/.test(char) && endsSentence(source, index, end, current)) push()
  }
  push()
  return sentences
}

function endsSentence(source: string, index: number, end: number, current: string): boolean {
  let next = index + 1
  while (next < end && /["')\]]/.test(source[next])) next++
  if (next >= end) return false
  if (!/\s/.test(source[next])) return false
  while (next < end && /\s/.test(source[next])) next++
  if (next >= end) return false
  if (abbreviations.test(current.trimEnd().replace(/["')\]]+$/, ''))) return false
  const rest = source.slice(next, Math.min(end, next + 80))
  return /^["'(\[*`]*[A-Z0-9]/.test(rest) || /^[A-Za-z_][A-Za-z0-9_]*(?:\[[a-z]+\][A-Za-z0-9_]*)?\(\)/.test(rest)
}
