/**
 * Tables from directives: `list-table` (a bullet list of bullet lists) and
 * `csv-table` (comma-separated content), both turned into the same
 * `table` > `tableRow` > `tableCell` tree as grid and simple tables.
 */
import type { List, Paragraph, Table, TableCell, TableRow } from 'mdast'
import { warn, type Context } from './context.ts'
import { toInlineText, scanInline } from './inline.ts'
import type { Ln } from './lines.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import type { Directive, RstBlockContent } from './types.ts'

const { rules } = diagnosticRules.rst

/** Number of header rows from the `header-rows` option. */
function headerRows(node: Directive): number {
  const n = Number.parseInt(node.options['header-rows'] ?? '0', 10)
  return Number.isFinite(n) && n > 0 ? n : 0
}

/** A `list-table`: rows are the outer list's items, cells the inner lists' items. */
export function listTable(ctx: Context, node: Directive, children: RstBlockContent[]): RstBlockContent {
  const list = children.length === 1 && children[0].type === 'list' ? (children[0] as List) : undefined
  const rows: TableRow[] = []
  if (list) {
    for (const item of list.children) {
      const inner = item.children.length === 1 && item.children[0].type === 'list' ? (item.children[0] as List) : undefined
      if (!inner) {
        rows.length = 0
        break
      }
      rows.push({
        type: 'tableRow',
        children: inner.children.map((cell) => ({ type: 'tableCell', children: cell.children as unknown as TableCell['children'], position: cell.position })),
        position: item.position,
      })
    }
  }
  if (rows.length === 0) {
    warn(ctx, 'Error parsing content block for the `list-table` directive: exactly one bullet list of bullet lists expected', node.position!, rules.malformedTable)
    node.children = children
    return node
  }
  const header = headerRows(node)
  rows.forEach((row, index) => {
    if (index < header) row.data = { header: true }
  })
  const table: Table = { type: 'table', children: rows, position: node.position }
  if (node.argument) table.data = { caption: node.argument } as Table['data']
  return table
}

/** A `csv-table`: content (or the `header` option) parsed as CSV; cells parsed as inline text. */
export function csvTable(ctx: Context, node: Directive, content: Ln[]): RstBlockContent {
  const rows: TableRow[] = []
  const position = node.position!
  const header = node.options.header
  const delimiter = node.options.delim === 'tab' ? '\t' : node.options.delim === 'space' ? ' ' : node.options.delim?.[0] ?? ','
  const records = [...(header ? parseCsv([{ t: header, l: content[0]?.l ?? position.start.line - 1, c: 0 }], delimiter, true) : []), ...parseCsv(content, delimiter, false)]
  for (const record of records) {
    rows.push({
      type: 'tableRow',
      children: record.cells.map((cell) => {
        const children: Paragraph[] = cell.lines.length > 0 && cell.lines.some((ln) => ln.t !== '')
          ? [{ type: 'paragraph', children: cell.positionless ? [{ type: 'text', value: cell.lines.map((ln) => ln.t).join(' '), position }] : scanInline(ctx, toInlineText(cell.lines)), position }]
          : []
        return { type: 'tableCell', children: children as unknown as TableCell['children'], position }
      }),
      data: record.header ? { header: true } : undefined,
      position,
    })
  }
  const headerCount = headerRows(node)
  rows.forEach((row, index) => {
    if (index < headerCount) row.data = { header: true }
  })
  if (rows.length === 0) {
    warn(ctx, 'No table data in the `csv-table` directive', position, rules.malformedTable)
    return node
  }
  const table: Table = { type: 'table', children: rows, position }
  if (node.argument) table.data = { caption: node.argument } as Table['data']
  return table
}

/** One CSV record. */
interface Record_ {
  cells: Array<{ lines: Ln[]; positionless: boolean }>
  header: boolean
}

/**
 * A small CSV reader (quotes, doubled quotes, quoted newlines): one pass over
 * the characters, cells keep their line so inline markup gets positions.
 */
function parseCsv(lines: Ln[], delimiter: string, header: boolean): Record_[] {
  const records: Record_[] = []
  let cells: Record_['cells'] = []
  let cell: Ln[] = []
  let current: Ln | undefined
  let quoted = false
  let quotedCell = false
  const endCell = () => {
    if (current) cell.push(current)
    const trimmed = cell.map((ln) => {
      const pad = ln.t.length - ln.t.trimStart().length
      return { t: ln.t.trim(), l: ln.l, c: ln.c + pad }
    })
    cells.push({ lines: trimmed, positionless: quotedCell })
    cell = []
    current = undefined
    quotedCell = false
  }
  for (const ln of lines) {
    if (!quoted && ln.t.trim() === '') continue
    for (let k = 0; k <= ln.t.length; k++) {
      const ch = ln.t[k]
      if (ch === undefined) break
      current ??= { t: '', l: ln.l, c: ln.c + k }
      if (quoted) {
        if (ch === '"' && ln.t[k + 1] === '"') {
          current.t += '"'
          k++
        } else if (ch === '"') quoted = false
        else current.t += ch
      } else if (ch === '"' && current.t.trim() === '') {
        quoted = true
        quotedCell = true
        current = { t: '', l: ln.l, c: ln.c + k + 1 }
      } else if (ch === delimiter) endCell()
      else current.t += ch
    }
    if (quoted) {
      if (current) cell.push(current)
      current = undefined
    } else {
      endCell()
      records.push({ cells, header })
      cells = []
    }
  }
  if (quoted) {
    endCell()
    records.push({ cells, header })
  }
  return records
}
