/**
 * C code in a literal block (`::` followed by kernel code) loses its
 * indentation in a web archive like any other line, but its structure says
 * what it was: the kernel's coding style indents by brace depth with tabs,
 * a statement under an `if` without braces one level deeper, and a
 * continuation line up to the parenthesis it continues. The block's own
 * indentation comes from its other lines, else from the document's habit.
 */
import { columnWidth, leadingWhitespace } from '../text.ts'
import type { Alternatives, Confidence } from './types.ts'

/** A literal block the end of the document so far stands in. */
export interface LiteralBlock {
  /** The paragraph ending in `::` (or the `code-block` directive) that opens it. */
  intro: string
  /** The block's lines so far, blank ones included. */
  lines: string[]
}

/** How far back the opening of a literal block is looked for. */
const lookBehind = 400

const codeDirective = /^\s*\.\.\s+(?:code-block|code|sourcecode)::/

/**
 * Whether the end of `previous` is inside a literal block: the nearest line
 * above that ends in `::` (not a directive) or is a `code-block`, and that is
 * less indented than every line after it.
 *
 * @param previous
 *   The lines of the new document before the added line.
 */
export function literalBlockAt(previous: readonly string[]): LiteralBlock | undefined {
  let floor = Infinity
  for (let index = previous.length - 1; index >= Math.max(0, previous.length - lookBehind); index--) {
    const text = previous[index]
    if (text.trim() === '') continue
    const column = columnWidth(leadingWhitespace(text))
    const directive = codeDirective.test(text)
    const opens = directive || (text.trimEnd().endsWith('::') && !text.trimStart().startsWith('..'))
    if (opens && column < floor) {
      const lines = previous.slice(index + 1)
      // A literal block starts after a blank line; before one, the paragraph goes on.
      if (!directive && (lines.length === 0 || lines[0].trim() !== '')) return undefined
      return { intro: text, lines }
    }
    floor = Math.min(floor, column)
    if (floor === 0) return undefined
  }
  return undefined
}

/** Whether a line reads as C: a statement, a brace, a preprocessor line or a comment. */
export function looksLikeC(text: string): boolean {
  const line = text.trim()
  return (
    /[{};]\s*(?:\/\*.*\*\/\s*)?$/.test(line) ||
    /^(?:#\s*(?:include|define|if|ifdef|ifndef|endif|else)\b|\/\*|\*\/?|\/\/)/.test(line) ||
    /^(?:if|for|while|switch|do|else|return|static|struct|union|enum|int|void|unsigned|long|char|bool|const|u8|u16|u32|u64)\b.*[(){;,=]/.test(line)
  )
}

/** The indentation units tried, in a fixed order so that all lines of a block can share one choice. */
const units = ['\t', ' '.repeat(8), ' '.repeat(4), ' '.repeat(2)]

/**
 * One way a literal block may indent its C: its own indentation, then a unit
 * per brace level (`base` + `unit` × depth), or, as some kernel documents
 * mix them, a base for the outermost lines and tabs from the line start for
 * nested ones (`absolute`).
 */
export interface CodeStyle {
  base: string
  unit: string
  absolute: boolean
}

export interface CodeIndent {
  /** One option per style of `styles`, the likeliest first. */
  indent: Alternatives
  confidence: Confidence
  /** The styles, in option order, for the block's later lines to follow. */
  styles: CodeStyle[]
}

/**
 * The indentation of an added C line in a literal block, for each way the
 * block may indent: brace depth in the block's unit (tabs, eight, four or two
 * spaces), up to the open parenthesis a continuation continues, or one column
 * past the `/*` a comment continues; likeliest first.
 *
 * @param block
 *   The literal block so far.
 * @param content
 *   The added line, whitespace folded and trimmed.
 * @param following
 *   The base lines after the added run (an existing block continues there).
 * @param habit
 *   The leading whitespace the document's literal blocks most often start with.
 * @param styles
 *   The styles of the block's first rebuilt line, which this one follows (optional).
 */
export function codeIndent(block: LiteralBlock, content: string, following: readonly string[], habit: string, styles?: readonly CodeStyle[]): CodeIndent {
  const lines = block.lines.filter((line) => line.trim() !== '')
  const introWs = leadingWhitespace(block.intro)
  const after = following.find((line) => line.trim() !== '')
  const deeperAfter = after && width(after) > columnWidth(introWs) ? after : undefined
  const reference = lines.length > 0 ? lines.reduce((least, line) => (width(line) < width(least) ? line : least)) : deeperAfter
  const chosen = styles ? [...styles] : stylesOf(lines, reference ? [leadingWhitespace(reference)] : unique([introWs + habit, ...[' '.repeat(4), '\t', ' '.repeat(2), ' ', ' '.repeat(8)].map((ws) => introWs + ws)]), habit)
  const base = chosen[0].base
  const { depth, continuation } = structureOf(lines.map((line) => line.slice(Math.min(base.length, leadingWhitespace(line).length))), content)
  const previous = lines.at(-1)
  const opener = commentOpener(lines)
  const options = chosen.map((style) => {
    if (opener !== undefined && /^\*/.test(content.trim())) return leadingWhitespace(opener) + ' '
    if (continuation === 'paren' && previous !== undefined) {
      const column = openParenColumn(previous)
      return style.absolute ? alignFrom(0, column, true) : style.base + alignFrom(columnWidth(style.base), column, style.unit === '\t')
    }
    const levels = Math.max(0, depth + (continuation === 'operator' ? 1 : 0))
    return style.absolute && levels > 0 ? '\t'.repeat(levels) : style.base + style.unit.repeat(levels)
  })
  const rule =
    opener !== undefined && /^\*/.test(content.trim())
      ? 'C code in a literal block: a comment continued one column past its opening'
      : continuation === 'paren'
        ? 'C code in a literal block: continuation aligned with its open parenthesis'
        : `C code in a literal block: brace depth ${depth}${continuation === 'operator' ? ' and a continued expression' : ''}, ${chosen[0].unit === '\t' ? 'tabs as kernel style' : 'as the block indents'}`
  return { indent: { options, rule }, confidence: reference ? 'medium' : 'low', styles: chosen }
}

/** The styles a block may use, the one its own lines show (else the kernel's tabs) first. */
function stylesOf(lines: readonly string[], bases: readonly string[], habit: string): CodeStyle[] {
  const base = bases[0]
  const learned = unitOf(lines, base)
  const preferred = learned ?? (base.includes('\t') || habit.includes('\t') ? '\t' : '    ')
  const order = [preferred, ...units.filter((unit) => unit !== preferred)]
  const relative = bases.flatMap((each) => order.map((unit) => ({ base: each, unit, absolute: false })))
  const absolute = bases.map((each) => ({ base: each, unit: '\t', absolute: true }))
  // Nested lines indented by tabs from the line start, under a base of spaces.
  const mixed = learned === undefined && lines.some((line) => /^\t+\S/.test(line) && !line.startsWith(base))
  return mixed ? [...absolute, ...relative] : [...relative, ...absolute]
}

/** The line that opened a block comment still open at the end of `lines`, if any. */
function commentOpener(lines: readonly string[]): string | undefined {
  let opener: string | undefined
  for (const line of lines) {
    const code = line.replace(/"(?:\\.|[^"\\])*"/g, '""')
    const open = code.lastIndexOf('/*')
    const close = code.lastIndexOf('*/')
    if (open > close) opener = line
    else if (close >= 0) opener = undefined
  }
  return opener
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}

const width = (line: string) => columnWidth(leadingWhitespace(line))

/** The unit the block's own lines indent by beyond its base, if they show one. */
function unitOf(lines: readonly string[], base: string): string | undefined {
  let smallest: string | undefined
  for (const line of lines) {
    const ws = leadingWhitespace(line)
    if (!ws.startsWith(base) || ws.length === base.length) continue
    const extra = ws.slice(base.length)
    if (extra.startsWith('\t')) return '\t'
    const spaces = /^ +/.exec(extra)![0]
    if (!smallest || spaces.length < smallest.length) smallest = spaces
  }
  return smallest
}

/** Code with string and character literals and comments blanked, so their braces do not count. */
function codeOnly(line: string): string {
  return line
    .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""')
    .replace(/\/\*.*?\*\//g, '')
    .replace(/\/\/.*$/, '')
}

/**
 * The brace depth at an added line and whether it continues the line above.
 *
 * @param lines
 *   The block's non-blank lines, the block's own indentation taken off.
 * @param content
 *   The added line.
 */
function structureOf(lines: readonly string[], content: string): { depth: number; continuation: 'paren' | 'operator' | null } {
  let depth = 0
  let single = false
  let open = 0
  let last = ''
  for (const code of withoutComments(lines)) {
    if (code === '') continue
    const opened = (code.match(/\{/g) ?? []).length
    const closed = (code.match(/\}/g) ?? []).length
    open += (code.match(/\(/g) ?? []).length - (code.match(/\)/g) ?? []).length
    depth = Math.max(0, depth + opened - closed)
    // `if (x)` without a brace governs the next statement only.
    single = open <= 0 && /^(?:\}\s*)?(?:if|for|while|else(?:\s+if)?)\b/.test(code) && !/[;{]$/.test(code)
    last = code
  }
  const trimmed = content.trim()
  if (open > 0) return { depth, continuation: 'paren' }
  if (/(?:[=+\-*/?:]|&&|\|\|)$/.test(last) && !/^(?:case\b.*|default):$/.test(last) && !/^[{}]/.test(trimmed)) return { depth, continuation: 'operator' }
  if (trimmed.startsWith('}')) return { depth: Math.max(0, depth - 1), continuation: null }
  if (/^(?:case\b.*|default)\s*:/.test(trimmed)) return { depth: Math.max(0, depth - 1), continuation: null }
  if (single && !trimmed.startsWith('{')) return { depth: depth + 1, continuation: null }
  return { depth, continuation: null }
}

/** The lines' code, trimmed: literals blanked, comments (over several lines too) taken out. */
function withoutComments(lines: readonly string[]): string[] {
  let inComment = false
  return lines.map((line) => {
    let code = line.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""')
    if (inComment) {
      const end = code.indexOf('*/')
      if (end < 0) return ''
      code = code.slice(end + 2)
      inComment = false
    }
    code = code.replace(/\/\*.*?\*\//g, '').replace(/\/\/.*$/, '')
    const start = code.indexOf('/*')
    if (start >= 0) {
      inComment = true
      code = code.slice(0, start)
    }
    return code.trim()
  })
}

/** Column just after the innermost parenthesis a line leaves open. */
function openParenColumn(line: string): number {
  const ws = leadingWhitespace(line)
  const code = codeOnly(line.slice(ws.length))
  const stack: number[] = []
  for (let index = 0; index < code.length; index++) {
    if (code[index] === '(') stack.push(index)
    else if (code[index] === ')') stack.pop()
  }
  return columnWidth(ws) + (stack.length > 0 ? stack.at(-1)! + 1 : 0)
}

/** Whitespace from column `from` to column `to`: kernel style (tabs to the last tab stop, then spaces) or spaces. */
function alignFrom(from: number, to: number, tabs: boolean): string {
  let out = ''
  let column = from
  while (tabs && column + 8 - (column % 8) <= to) {
    out += '\t'
    column += 8 - (column % 8)
  }
  return out + ' '.repeat(Math.max(0, to - column))
}

/**
 * The leading whitespace the document's literal blocks most often open with
 * (ties: the first seen); four spaces when it has none.
 *
 * @param lines
 *   The base document's lines.
 */
export function literalHabit(lines: readonly string[]): string {
  const counts = new Map<string, number>()
  for (let index = 0; index + 2 < lines.length; index++) {
    const intro = lines[index]
    if (!(intro.trimEnd().endsWith('::') && !intro.trimStart().startsWith('..')) || intro.trim() === '::') continue
    const first = lines.slice(index + 1, index + 4).find((line) => line.trim() !== '')
    if (!first) continue
    const introWs = leadingWhitespace(intro)
    const ws = leadingWhitespace(first)
    if (!ws.startsWith(introWs) || ws.length === introWs.length) continue
    const own = ws.slice(introWs.length)
    counts.set(own, (counts.get(own) ?? 0) + 1)
  }
  let best = '    '
  let most = 0
  for (const [ws, count] of counts) {
    if (count > most) {
      best = ws
      most = count
    }
  }
  return best
}
