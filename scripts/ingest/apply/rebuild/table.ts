/**
 * Grid-table rows lose the padding inside their cells in a web archive
 * (`|  a  |  b |` arrives as `| a | b |`), and a misaligned row breaks the
 * table. The cell borders are known from the nearest border line, so each cell
 * is padded back to its column: the table renders as the original did, even
 * though the padding itself cannot be known.
 */

const border = /^\+([-=]+\+)+$/

/**
 * Re-pad a folded grid-table row against the border above it.
 *
 * @param content
 *   The row, whitespace folded and trimmed (`| a | b |`).
 * @param previous
 *   The lines of the new document before this one.
 * @returns
 *   The row padded to the border's columns (without indentation), or `undefined`
 *   when the line is not a row of a grid table whose columns are known.
 */
export function realignGridRow(content: string, previous: readonly string[]): string | undefined {
  if (!content.startsWith('|') || !content.endsWith('|')) return undefined
  const frame = nearestBorder(previous)
  if (!frame) return undefined
  const columns: number[] = []
  for (let index = 0; index < frame.length; index++) if (frame[index] === '+') columns.push(index)
  const cells = content.slice(1, -1).split('|')
  if (cells.length !== columns.length - 1) return undefined
  let row = '|'
  for (const [index, cell] of cells.entries()) {
    const width = columns[index + 1] - columns[index] - 1
    const text = cell.trim() === '' ? '' : ` ${cell.trim()}`
    if (text.length > width) return undefined
    row += text.padEnd(width) + '|'
  }
  return row
}

/** The closest border line above, while the lines above are still the table. */
function nearestBorder(previous: readonly string[]): string | undefined {
  for (let index = previous.length - 1; index >= 0; index--) {
    const text = previous[index].trim()
    if (border.test(text)) return text
    if (!text.startsWith('|') && !text.startsWith('+')) return undefined
  }
  return undefined
}
