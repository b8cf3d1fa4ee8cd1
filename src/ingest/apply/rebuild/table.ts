import type { Alternatives, Template } from './types.ts'
/**
 * Grid-table rows lose the padding inside their cells in a web archive
 * (`|  a  |  b |` arrives as `| a | b |`), and a misaligned row breaks the
 * table. The cell borders are known from the nearest border line, so each cell
 * is padded back to its column: the table renders as the original did, even
 * though the padding itself cannot be known.
 */

const border = /^\+([-=]+\+)+$/

/**
 * Re-pad a folded grid-table row against the border above it. A cell's text
 * starts one column in, or where the same cell's text starts in the row above
 * when that differs (a table whose cells are indented more), or, in a first
 * row, one or two columns in: the choices stay open for the blob.
 *
 * @param content
 *   The row, whitespace folded and trimmed (`| a | b |`).
 * @param previous
 *   The lines of the new document before this one.
 * @param rowBefore
 *   The template of the rebuilt row right above, if any (its open cells lead this row's).
 * @returns
 *   The row padded to the border's columns (without indentation), or `undefined`
 *   when the line is not a row of a grid table whose columns are known.
 */
export function realignGridRow(content: string, previous: readonly string[], rowBefore?: Template): Template | undefined {
  if (!content.startsWith('|') || !content.endsWith('|')) return undefined
  const frame = nearestBorder(previous)
  if (!frame) return undefined
  const columns: number[] = []
  for (let index = 0; index < frame.length; index++) if (frame[index] === '+') columns.push(index)
  const cells = content.slice(1, -1).split('|')
  if (cells.length !== columns.length - 1) return undefined
  const above = rowAbove(previous, columns)
  const row: Template = ['|']
  for (const [index, cell] of cells.entries()) {
    const width = columns[index + 1] - columns[index] - 1
    const text = cell.trim()
    const padded = (lead: number) => (text === '' ? '' : ' '.repeat(lead) + text).padEnd(width)
    if (padded(1).length > width) return undefined
    // Under a rebuilt row, the cell starts where that row's cell does, whichever way it goes.
    const over = rowBefore?.[1 + 2 * index]
    const overLeads = over && typeof over !== 'string' ? leadsOf.get(over) : undefined
    const leads = overLeads ?? (above === undefined ? [1, 2] : [...new Set([1, above[index] ?? 1])])
    const fitting = leads.map((lead) => (padded(lead).length <= width ? lead : 1))
    const options = fitting.map(padded)
    if (new Set(options).size === 1 && !(over && overLeads)) {
      row.push(options[0], '|')
      continue
    }
    const alternatives: Alternatives = { options, rule: 'grid-table cell: text one column in, or where the row above has it', ...(over && overLeads ? { follows: over as Alternatives } : {}) }
    leadsOf.set(alternatives, leads)
    row.push(alternatives, '|')
  }
  return row
}

/** The leads (columns from the left border) each open cell's options stand for. */
const leadsOf = new WeakMap<Alternatives, number[]>()

/** Where the text of each cell starts in the nearest row above (from its left border), when the row has every column. */
function rowAbove(previous: readonly string[], columns: readonly number[]): Array<number | undefined> | undefined {
  for (let index = previous.length - 1; index >= 0; index--) {
    const text = previous[index].trim()
    if (border.test(text)) continue
    if (!text.startsWith('|')) return undefined
    if (columns.some((column) => text[column] !== '|')) return undefined
    return columns.slice(0, -1).map((column, cell) => {
      const inside = text.slice(column + 1, columns[cell + 1])
      return inside.trim() === '' ? undefined : inside.length - inside.trimStart().length
    })
  }
  return undefined
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
