/**
 * A lexical view of C text for the kernel-doc parser: comments, string and
 * character literals blanked to spaces (newlines kept, so offsets and line
 * numbers stay those of the file), plus where the comments were. Prototype
 * and member parsing then never trips over a `;` or `{` inside a comment.
 */

/** A block comment: offsets of `/*` and just past `*\/`. */
export interface CommentSpan {
  start: number
  end: number
  /** Starts with `/**` (not `/***`): a kernel-doc comment. */
  doc: boolean
}

export interface CView {
  /** The text with comments and literals blanked. */
  code: string
  /** `code` with preprocessor lines other than `#define` blanked too, as `scripts/kernel-doc` skips them. */
  decl: string
  /** Every block comment, in order. */
  comments: CommentSpan[]
  /** Offset of the start of each line (index 0 is line 1). */
  lineStarts: number[]
}

/**
 * Scan C text once.
 *
 * A literal ends at the end of its line at the latest, so an apostrophe in
 * `#error don't` cannot swallow the rest of the file; an unclosed comment
 * runs to the end of the text. Never throws.
 *
 * @param text
 *   The C source.
 * @returns
 *   The views and the comment spans.
 */
export function scanC(text: string): CView {
  const parts: string[] = []
  const comments: CommentSpan[] = []
  let done = 0
  const blank = (from: number, to: number) => {
    if (to <= from) return
    parts.push(text.slice(done, from), spaces(text.slice(from, to)))
    done = to
  }
  let i = 0
  while (i < text.length) {
    const c = text[i]
    const next = text[i + 1]
    if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2)
      const end = close === -1 ? text.length : close + 2
      const doc = text[i + 2] === '*' && text[i + 3] !== '*' && !(text[i + 3] === '/' && end === i + 4)
      comments.push({ start: i, end, doc })
      blank(i, end)
      i = end
    } else if (c === '/' && next === '/') {
      const newline = text.indexOf('\n', i)
      const end = newline === -1 ? text.length : newline
      blank(i, end)
      i = end
    } else if (c === '"' || c === "'") {
      let k = i + 1
      while (k < text.length && text[k] !== c && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1
      blank(i + 1, Math.min(k, text.length))
      i = k + 1
    } else {
      i++
    }
  }
  parts.push(text.slice(done))
  const code = parts.join('')
  const decl = blankPrivate(blankPreprocessor(code), text, comments)
  return { code, decl, comments, lineStarts: lineStartsOf(text) }
}

/**
 * Blank struct members after a `/* private: *\/` comment, up to a
 * `/* public: *\/` comment or the `}` that closes the body, because
 * `scripts/kernel-doc` neither shows nor checks them.
 *
 * @param decl
 *   The blanked view.
 * @param text
 *   The original text (to read the comments).
 * @param comments
 *   Every block comment.
 * @returns
 *   The view with private members blanked.
 */
function blankPrivate(decl: string, text: string, comments: readonly CommentSpan[]): string {
  const markers = { private: /^\/\*+\s*private:/, public: /^\/\*+\s*public:/ }
  const marker = (span: CommentSpan, word: keyof typeof markers) =>
    markers[word].test(text.slice(span.start, Math.min(span.end, span.start + 40)))
  const parts: string[] = []
  let done = 0
  let publics = comments.filter((span) => marker(span, 'public'))
  for (const span of comments) {
    if (span.start < done || !marker(span, 'private')) continue
    publics = publics.filter((other) => other.start > span.start)
    const stopAt = Math.min(publics[0]?.start ?? decl.length, decl.length)
    let depth = 0
    let end = span.end
    for (; end < stopAt; end++) {
      if (decl[end] === '{') depth++
      else if (decl[end] === '}' && --depth < 0) break
    }
    parts.push(decl.slice(done, span.end), spaces(decl.slice(span.end, end)))
    done = end
  }
  parts.push(decl.slice(done))
  return parts.join('')
}

/**
 * @param text
 *   Any text.
 * @returns
 *   The same length of spaces, newlines kept.
 */
function spaces(text: string): string {
  return text.replace(/[^\n]/g, ' ')
}

/**
 * Blank preprocessor lines (with their `\` continuations) except `#define`.
 *
 * @param code
 *   Text whose comments are already blanked.
 * @returns
 *   The same text with `#if`, `#include`, … lines blanked.
 */
function blankPreprocessor(code: string): string {
  const lines = code.split('\n')
  let continuing = false
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]
    const directive = /^\s*#/.test(line)
    if (continuing || (directive && !/^\s*#\s*define\b/.test(line))) {
      lines[n] = ' '.repeat(line.length)
      continuing = /\\\s*$/.test(line)
    } else {
      continuing = false
    }
  }
  return lines.join('\n')
}

/**
 * @param text
 *   Any text.
 * @returns
 *   Offsets at which each line starts.
 */
function lineStartsOf(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1)
  return starts
}

/**
 * Turn an offset into a 1-based point.
 *
 * @param lineStarts
 *   From {@link scanC}.
 * @param offset
 *   0-based offset into the text.
 * @returns
 *   Line and column, both 1-based.
 */
export function pointAt(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0
  let high = lineStarts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (lineStarts[mid] <= offset) low = mid
    else high = mid - 1
  }
  return { line: low + 1, column: offset - lineStarts[low] + 1 }
}

const isWordChar = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95

/**
 * Find a name as a whole word (`\b…\b` at the ends that are word
 * characters), by scanning: names come from the file being read, and a
 * regular expression built from them breaks on `[` or `+`.
 *
 * @param text
 *   Where to look.
 * @param word
 *   The name (`addr`, `args...`, `u.member`).
 * @param followedBy
 *   A character that must come next, after optional whitespace (`(` for a call).
 * @returns
 *   The offset of the first such occurrence, or -1.
 */
export function findWord(text: string, word: string, followedBy?: string): number {
  if (word === '') return -1
  const startsWord = isWordChar(word.charCodeAt(0))
  const endsWord = isWordChar(word.charCodeAt(word.length - 1))
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (startsWord && at > 0 && isWordChar(text.charCodeAt(at - 1))) continue
    let next = at + word.length
    if (endsWord && next < text.length && isWordChar(text.charCodeAt(next))) continue
    if (followedBy === undefined) return at
    while (next < text.length && /\s/.test(text[next])) next++
    if (text[next] === followedBy) return at
  }
  return -1
}
