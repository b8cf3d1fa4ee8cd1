/** A sentence of the source, as written, with where it starts. */
export interface Sentence {
  /** The sentence with whitespace folded (line breaks and indentation gone). */
  text: string
  /** 1-based line where it starts. */
  line: number
  /** 1-based column where it starts. */
  column: number
}

/**
 * The longest sentence read as one, in characters. Prose sentences run to a
 * few hundred; a stretch with no sentence end past this (a generated table
 * flattened into a paragraph, a hostile run-on line) is cut at the next white
 * space, so that the work done per sentence (mentions against mentions,
 * clauses against rules) stays bounded and a document costs linear time.
 */
export const longestSentence = 2_000

/** Abbreviations whose full stop does not end a sentence. */
const abbreviations = /\b(?:e\.g|i\.e|etc|vs|cf|approx|resp|incl|Dr|Mr|Ms|No|Fig|Sec)\.$/i

/**
 * Split a stretch of source text into sentences. The text is taken from the
 * source itself (not from the tree's plain text), so a sentence quoted as a
 * fact can always be found again at its line. A sentence ends at `.`, `!` or
 * `?` followed by white space and a capital, an opening bracket, a quote, a
 * `NOTE:`-style marker, a call (`kmap() and …`, `alloc_file_pseudo(inode, …) is …` start a sentence), a
 * method (`->d_lock is …`), a C type (`struct napi_struct holds …`) or a name in literal markup (``` ``foo`` is … ```),
 * and a run-on stretch ends at the first white space past `longestSentence`.
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
  // Where the current sentence starts in the source, once a non-space is seen:
  // the sentence is sliced from the source when it ends, never accumulated, so
  // a paragraph with no full stop costs linear time.
  let from = -1
  let currentLine = line
  let currentColumn = column
  for (let index = start; index < end; index++) {
    const char = source[index]
    const space = isSpace(source.charCodeAt(index))
    if (from < 0 && !space) {
      from = index
      currentLine = line
      currentColumn = column
    }
    if (char === '\n') {
      line++
      column = 1
    } else column++
    const to = from < 0 ? -1 : (char === '.' || char === '!' || char === '?') && endsSentence(source, index, end, from) ? index + 1 : space && index - from >= longestSentence ? index : -1
    if (to >= 0) {
      pushSentence(sentences, source, from, to, currentLine, currentColumn)
      from = -1
    }
  }
  if (from >= 0) pushSentence(sentences, source, from, end, currentLine, currentColumn)
  return sentences
}

/**
 * A line of a listing of APIs: a call form alone, or with what it does after a
 * colon or a dash ("devm_ioremap_resource() : checks resource, …",
 * "pcim_iomap_table()\t: array of mapped addresses indexed by BAR").
 */
const listingLine = /^(?::c:[a-z]+:)?[`*]*[A-Za-z_][A-Za-z0-9_]*\(\)[`*]*\s*(?:$|(?::|--?|\u2013|\u2014)\s)/

/** Fewer lines than this are no listing: two names on two lines may be one sentence wrapped. */
const shortestListing = 3

/**
 * A paragraph that lists one API a line, read as one sentence a line; `null`
 * for any other stretch. Such a listing has no full stops, and as one
 * sentence it would lead with its first name and say of all what one line
 * says of one.
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
export function splitListing(source: string, start: number, end: number, firstLine: number, firstColumn: number): Sentence[] | null {
  const sentences: Sentence[] = []
  let from = start
  for (let line = firstLine; from <= end; line++) {
    const newline = source.indexOf('\n', from)
    const to = newline < 0 || newline > end ? end : newline
    const raw = source.slice(from, to)
    const text = raw.trim()
    if (text !== '') {
      if (!listingLine.test(text)) return null
      const column = (line === firstLine ? firstColumn : 1) + raw.length - raw.trimStart().length
      sentences.push({ text: text.replace(/\s+/g, ' '), line, column })
    }
    from = to + 1
  }
  return sentences.length >= shortestListing ? sentences : null
}

function pushSentence(sentences: Sentence[], source: string, from: number, to: number, line: number, column: number): void {
  const text = source.slice(from, to).trim().replace(/\s+/g, ' ')
  if (text) sentences.push({ text, line, column })
}

/** White space as `\s` has it in the ASCII range (documents are mostly ASCII); beyond it, `\s` itself. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13)
  return /\s/.test(String.fromCharCode(code))
}

/** How far back an abbreviation can reach from its full stop (`approx.` plus closing quotes). */
const abbreviationReach = 16

function endsSentence(source: string, index: number, end: number, from: number): boolean {
  let next = index + 1
  while (next < end && /["')\]]/.test(source[next])) next++
  if (next >= end) return false
  if (!/\s/.test(source[next])) return false
  while (next < end && /\s/.test(source[next])) next++
  if (next >= end) return false
  const tail = source.slice(Math.max(from, index + 1 - abbreviationReach), index + 1)
  if (abbreviations.test(tail.trimEnd().replace(/["')\]]+$/, ''))) return false
  const rest = source.slice(next, Math.min(end, next + 80))
  // A method ("->d_lock on dentry itself is still held") or a name in literal markup ("``foo()`` does …") opens one too.
  return /^["'(\[*`]*[A-Z0-9]/.test(rest) || /^[A-Za-z_][A-Za-z0-9_]*(?:\[[a-z]+\][A-Za-z0-9_]*)?\([^()]{0,60}\)/.test(rest) || /^:(?:c:)?[a-z]+:`/.test(rest) || /^(?:``)?->[A-Za-z_]/.test(rest) || /^(?:struct|union|enum)\s+[a-z_][a-z0-9_]*\b/.test(rest) || /^``\.?[A-Za-z_][A-Za-z0-9_]*(?:\(\))?``/.test(rest)
}
