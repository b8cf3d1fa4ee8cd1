/**
 * Pathological reST inputs for the parser: the shapes that make naive
 * parsers quadratic (inline-markup starts that never close, so every start
 * scans to the end of the paragraph), recurse deeply (nested lists) or build
 * huge lines. Each generator gives about `size` bytes.
 */

/** Wrap words into lines of at most 76 columns, as one paragraph (no blank lines). */
function paragraphOf(unit: string, size: number): string {
  const lines: string[] = []
  let line = ''
  let total = 0
  while (total < size) {
    if (line.length + unit.length > 76) {
      lines.push(line.trimEnd())
      line = ''
    }
    line += unit
    total += unit.length
  }
  lines.push(line.trimEnd())
  return `${lines.join('\n')}\n`
}

/**
 * Nested bullet lists, each item indented two columns more than its parent,
 * as deep as `size` allows (about √size levels).
 */
function nestedLists(size: number): string {
  const parts: string[] = []
  let total = 0
  for (let depth = 0; total < size; depth++) {
    const item = `${' '.repeat(depth * 2)}* item ${depth}\n\n`
    parts.push(item)
    total += item.length
  }
  return parts.join('')
}

/** Pathological cases by name. */
export const pathologicalInputs: Record<string, (size: number) => string> = {
  'unclosed * starts': (size) => paragraphOf('*a ', size),
  'unclosed ** starts': (size) => paragraphOf('**a ', size),
  'unclosed ` starts': (size) => paragraphOf('`a ', size),
  'unclosed | starts': (size) => paragraphOf('|a ', size),
  'unclosed [ starts': (size) => paragraphOf('[a ', size),
  'many closed inline markups': (size) => paragraphOf('*a* **b** ``c`` `d`_ |e| [#]_ ', size),
  'deeply nested lists': nestedLists,
  'one very long line': (size) => `${'word '.repeat(Math.ceil(size / 5)).trimEnd()}\n`,
}
