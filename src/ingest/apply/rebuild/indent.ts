import { markerOf, shapeOf, whitespaceFor, type LineShape } from './structure.ts'
import type { Alternatives, Confidence } from './types.ts'

export interface IndentGuess {
  /** The indentation, preferred first; several when the structure allows more than one. */
  indent: Alternatives
  confidence: Confidence
}

interface Enclosing {
  text: string
  shape: LineShape
}

/**
 * The blocks that enclose the end of `previous`: walking back, each line less
 * indented than everything after it opens a block the next line may belong to.
 */
function enclosing(previous: readonly string[]): Enclosing[] {
  const chain: Enclosing[] = []
  let limit = Infinity
  for (let index = previous.length - 1; index >= 0 && limit > 0; index--) {
    const shape = isDirectiveOption(previous, index) ? { ...shapeOf(previous[index]), bodyColumn: shapeOf(previous[index]).column } : shapeOf(previous[index])
    if (shape.blank || shape.column >= limit) continue
    chain.push({ text: previous[index], shape })
    limit = shape.column
  }
  return chain
}

/**
 * Whether a line is a directive's option (`:header-rows: 1` under
 * `.. list-table::`): a field directly under the directive or another option.
 * Its value opens no body that later blocks could belong to.
 */
function isDirectiveOption(previous: readonly string[], index: number): boolean {
  const field = /^\s*:[^:\s][^:]*:(\s|$)/
  for (let above = index; above >= 0; above--) {
    const text = previous[above]
    if (text.trim() === '') return false
    if (/^\s*\.\.\s+[\w:-]+::/.test(text)) return above < index
    if (!field.test(text)) return false
  }
  return false
}

const one = (ws: string, rule: string, confidence: Confidence = 'high'): IndentGuess => ({
  indent: { options: [ws], rule },
  confidence,
})

/**
 * Guess the leading whitespace of an added line whose indentation a web
 * archive folded away, from the reST structure around it: a continuation line
 * takes the body column of the line it continues, a new bullet the column of
 * its sibling items, a new paragraph the body of the innermost open block.
 *
 * @param previous
 *   The lines of the new document before this one.
 * @param following
 *   The base lines after the hunk's current position (the known structure after it).
 * @param content
 *   The added line's text, whitespace folded and trimmed.
 * @param indented
 *   Whether the archive kept a space before it (it collapses, but keeps, indentation).
 */
export function guessIndent(
  previous: readonly string[],
  following: readonly string[],
  content: string,
  indented: boolean,
): IndentGuess {
  if (content === '') return one('', 'blank line')
  if (!indented) return one('', 'no indentation in the patch')
  const chain = enclosing(previous)
  const last = previous.at(-1)
  const marker = markerOf(content)
  const afterBlank = last === undefined || shapeOf(last).blank
  const nearest = chain[0]

  if (!afterBlank && nearest) {
    // The innermost open list of that kind (`- b` after `* - a` is a sibling
    // of `- a`; `* c` after `  - b` one of `* - a`, two lines up).
    const sibling = marker
      ? chain.flatMap((block) => [...block.shape.markers].reverse().map((each) => ({ ...each, text: block.text }))).find((each) => each.kind === marker.kind)
      : undefined
    if (sibling) return one(whitespaceFor(sibling.column, sibling.text), 'sibling list item')
    return one(whitespaceFor(nearest.shape.bodyColumn, nearest.text), 'continues the line above')
  }

  if (marker) {
    const sibling = siblingItem(previous, marker.kind)
    if (sibling) return one(whitespaceFor(shapeOf(sibling).column, sibling), 'sibling list item')
  }

  // A paragraph ending in `::` (not a directive) introduces a literal block.
  if (nearest && nearest.text.trimEnd().endsWith('::') && !nearest.text.trimStart().startsWith('..')) {
    return literalIndent(nearest, following)
  }

  // A new block after a blank line belongs to one of the open blocks; the
  // innermost is the usual reading, the others stay as alternatives.
  const options: string[] = []
  for (const block of chain) {
    for (const column of [block.shape.bodyColumn, block.shape.column]) {
      if (column > 0) options.push(whitespaceFor(column, block.text))
    }
  }
  const next = following.find((line) => !shapeOf(line).blank)
  if (next && shapeOf(next).column > 0) options.push(whitespaceFor(shapeOf(next).column, next))
  const unique = [...new Set(options)]
  if (unique.length === 0) return one('  ', 'indented, but no open block: two spaces', 'low')
  return {
    indent: { options: unique, rule: 'new block inside the innermost open block' },
    confidence: unique.length === 1 ? 'high' : 'medium',
  }
}

/** The nearest earlier item of the same list kind, not separated from here by a less indented line. */
function siblingItem(previous: readonly string[], kind: string): string | undefined {
  let floor = Infinity
  for (let index = previous.length - 1; index >= 0; index--) {
    const shape = shapeOf(previous[index])
    if (shape.blank) continue
    if (shape.marker === kind && shape.column <= floor) return previous[index]
    floor = Math.min(floor, shape.column)
    if (floor === 0) return undefined
  }
  return undefined
}

/** The first line of a literal block: deeper than the paragraph that introduced it. */
function literalIndent(intro: Enclosing, following: readonly string[]): IndentGuess {
  const next = following.find((line) => !shapeOf(line).blank)
  if (next && shapeOf(next).column > intro.shape.bodyColumn) {
    return one(whitespaceFor(shapeOf(next).column, next), 'literal block, as the block after it', 'medium')
  }
  return one(whitespaceFor(intro.shape.bodyColumn + 4, intro.text), 'literal block: four columns in', 'low')
}
