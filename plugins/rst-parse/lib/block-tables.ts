/**
 * Grid tables (docutils' `GridTableParser`: cells found by scanning from
 * each top-left corner right, down, left and up, so row and column spans
 * fall out) and simple tables (columns from the `=` border, continuation
 * lines with an empty first column, `-` lines for column spans). Cell text is
 * parsed as body elements with the cell's source coordinates. A table that
 * does not parse is reported and kept as a literal block.
 */
import type { Code, Table, TableCell, TableRow } from 'mdast'
import { span, warn, type Context } from './context.ts'
import type { Ln } from './lines.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import type { BlockResult } from './blocks.ts'

const { rules } = diagnosticRules.rst

/** A cell found in the grid. */
interface GridCell {
  top: number
  left: number
  bottom: number
  right: number
}

/** Work budget for the corner scan, so a huge malformed grid fails fast. */
const scanBudget = 4_000_000

/** A grid table starting at a `+-` line. */
export function gridTable(ctx: Context, lines: Ln[], i: number): BlockResult | undefined {
  if (!/^\+-[-+]*\+$/.test(lines[i].t)) return undefined
  let e = i
  while (e < lines.length && lines[e].t !== '' && lines[e].t.charCodeAt(0) !== 32) e++
  const block = lines.slice(i, e)
  const width = block[0].t.length
  const grid = block.map((ln) => ln.t.padEnd(width, ' '))
  let headerAt = -1
  for (let y = 1; y < grid.length; y++) {
    if (/^\+=[=+]*\+$/.test(grid[y])) {
      headerAt = y
      grid[y] = grid[y].replace(/=/g, '-')
      break
    }
  }
  const seps = { rows: new Set<number>(), cols: new Set<number>() }
  const cells = scanGrid(grid, seps)
  if (!cells) return malformed(ctx, block, e, 'Malformed grid table')
  // Every `+` on a cell's edges separates rows or columns (docutils), so a
  // border `+` with no cell boundary above it still makes a column.
  const rowSeps = [...new Set([...cells.flatMap((c) => [c.top, c.bottom]), ...seps.rows])].sort((a, b) => a - b)
  const colSeps = [...new Set([...cells.flatMap((c) => [c.left, c.right]), ...seps.cols])].sort((a, b) => a - b)
  const rowIndex = new Map(rowSeps.map((y, k) => [y, k]))
  const colIndex = new Map(colSeps.map((x, k) => [x, k]))
  const byTop = new Map<number, GridCell[]>()
  for (const c of cells) {
    const list = byTop.get(c.top)
    if (list) list.push(c)
    else byTop.set(c.top, [c])
  }
  const rows: TableRow[] = []
  for (let r = 0; r < rowSeps.length - 1; r++) {
    const rowCells = (byTop.get(rowSeps[r]) ?? []).sort((a, b) => a.left - b.left)
    const children: TableCell[] = rowCells.map((c) => {
      const cellLines: Ln[] = []
      for (let y = c.top + 1; y < c.bottom; y++) {
        const ln = block[y]
        cellLines.push({ t: grid[y].slice(c.left + 1, c.right).trimEnd(), l: ln.l, c: ln.c + c.left + 1 })
      }
      const node: TableCell = {
        type: 'tableCell',
        children: ctx.parseBody(dedentCell(cellLines)) as unknown as TableCell['children'],
        position: span(ctx, block[c.top], block[c.bottom], c.left),
      }
      node.position!.end = span(ctx, block[c.bottom], block[c.bottom], c.right + 1).start
      const colspan = colIndex.get(c.right)! - colIndex.get(c.left)!
      const rowspan = rowIndex.get(c.bottom)! - rowIndex.get(c.top)!
      if (colspan > 1 || rowspan > 1) node.data = { ...(colspan > 1 ? { colspan } : {}), ...(rowspan > 1 ? { rowspan } : {}) }
      return node
    })
    const row: TableRow = { type: 'tableRow', children, position: span(ctx, block[rowSeps[r]], block[rowSeps[r + 1]]) }
    // A cell spanning rows ends below its row: the row covers its cells.
    for (const cell of children) {
      if ((cell.position!.end.offset ?? 0) > (row.position!.end.offset ?? 0)) row.position!.end = cell.position!.end
    }
    if (headerAt >= 0 && rowSeps[r + 1] <= headerAt) row.data = { header: true }
    rows.push(row)
  }
  const table: Table = { type: 'table', children: rows, position: span(ctx, block[0], block[block.length - 1]) }
  return { nodes: [table], end: e }
}

/** Remove the common indentation of a cell's lines. */
function dedentCell(lines: Ln[]): Ln[] {
  let min = Infinity
  for (const ln of lines) if (ln.t.trim() !== '') min = Math.min(min, ln.t.length - ln.t.trimStart().length)
  return lines.map((ln) => {
    if (ln.t.trim() === '') return { t: '', l: ln.l, c: ln.c }
    return Number.isFinite(min) ? { t: ln.t.slice(min), l: ln.l, c: ln.c + min } : ln
  })
}

/** Report a table that cannot be parsed and keep its text as a literal block. */
function malformed(ctx: Context, block: Ln[], end: number, reason: string): BlockResult {
  const position = span(ctx, block[0], block[block.length - 1])
  warn(ctx, reason, position, rules.malformedTable)
  const node: Code = { type: 'code', lang: null, meta: null, value: block.map((ln) => ln.t).join('\n'), data: { kind: 'literal' }, position }
  return { nodes: [node], end }
}

/** Find the cells of a grid, or `undefined` when it is malformed. */
function scanGrid(grid: string[], seps: { rows: Set<number>; cols: Set<number> }): GridCell[] | undefined {
  const bottom = grid.length - 1
  const right = grid[0].length - 1
  if (bottom < 2 || grid.some((row) => row.length !== grid[0].length)) return undefined
  const done = new Int32Array(right + 1).fill(-1)
  const cells: GridCell[] = []
  // Corners are taken in (top, left) order, as docutils re-sorts its list;
  // a binary heap keyed on `top * width + left` keeps that linearithmic.
  const width = right + 1
  const corners: number[] = [0]
  const seen = new Set<number>()
  let budget = scanBudget
  while (corners.length > 0) {
    const key = heapPop(corners)
    const top = Math.floor(key / width)
    const left = key % width
    if (top === bottom || left === right || top <= done[left]) continue
    if (seen.has(key)) continue
    seen.add(key)
    const found = scanCell(grid, top, left, bottom, right, () => --budget > 0)
    if (budget <= 0) return undefined
    if (!found) continue
    cells.push(found)
    for (let x = found.left + 1; x < found.right; x++) if (grid[found.bottom][x] === '+') seps.cols.add(x)
    for (let y = found.top + 1; y < found.bottom; y++) if (grid[y][found.left] === '+') seps.rows.add(y)
    for (let x = found.left; x < found.right; x++) done[x] = Math.max(done[x], found.bottom - 1)
    heapPush(corners, found.top * width + found.right)
    heapPush(corners, found.bottom * width + found.left)
  }
  // Complete when every column is covered to the bottom line.
  for (let x = 0; x < right; x++) if (done[x] !== bottom - 1) return undefined
  return cells
}

/** Push onto a min-heap of numbers. */
function heapPush(heap: number[], value: number): void {
  heap.push(value)
  let k = heap.length - 1
  while (k > 0) {
    const parent = (k - 1) >> 1
    if (heap[parent] <= heap[k]) break
    ;[heap[parent], heap[k]] = [heap[k], heap[parent]]
    k = parent
  }
}

/** Pop the smallest number of a min-heap. */
function heapPop(heap: number[]): number {
  const top = heap[0]
  const last = heap.pop()!
  if (heap.length > 0) {
    heap[0] = last
    let k = 0
    for (;;) {
      const l = 2 * k + 1
      const r = l + 1
      let m = k
      if (l < heap.length && heap[l] < heap[m]) m = l
      if (r < heap.length && heap[r] < heap[m]) m = r
      if (m === k) break
      ;[heap[m], heap[k]] = [heap[k], heap[m]]
      k = m
    }
  }
  return top
}

/** Scan right along the top of a cell, then down, left and up. */
function scanCell(grid: string[], top: number, left: number, bottom: number, right: number, step: () => boolean): GridCell | undefined {
  if (grid[top][left] !== '+') return undefined
  for (let x = left + 1; x <= right && step(); x++) {
    const ch = grid[top][x]
    if (ch === '+') {
      const down = scanDown(grid, top, left, x, bottom, step)
      if (down !== undefined) return { top, left, bottom: down, right: x }
    } else if (ch !== '-') return undefined
  }
  return undefined
}

/** Scan down the right edge; at each `+`, check the bottom edge and the left edge. */
function scanDown(grid: string[], top: number, left: number, x: number, bottom: number, step: () => boolean): number | undefined {
  for (let y = top + 1; y <= bottom && step(); y++) {
    const ch = grid[y][x]
    if (ch === '+') {
      if (scanLeftUp(grid, top, left, y, x, step)) return y
    } else if (ch !== '|') return undefined
  }
  return undefined
}

/** Whether the bottom edge (right to left) and the left edge (bottom to top) close the cell. */
function scanLeftUp(grid: string[], top: number, left: number, y: number, x: number, step: () => boolean): boolean {
  const line = grid[y]
  for (let k = x - 1; k > left && step(); k--) if (line[k] !== '+' && line[k] !== '-') return false
  if (line[left] !== '+') return false
  for (let k = y - 1; k > top && step(); k--) if (grid[k][left] !== '+' && grid[k][left] !== '|') return false
  return true
}

const borderRe = /^=+(?: +=+)+$/

/** A simple table starting at a `=====  =====` border. */
export function simpleTable(ctx: Context, lines: Ln[], i: number): BlockResult | undefined {
  const top = lines[i]
  if (!borderRe.test(top.t)) return undefined
  // The table ends at a border followed by a blank line or the end.
  let e = i + 1
  const borders = [i]
  for (; e < lines.length; e++) {
    const t = lines[e].t
    if (/^=+[ =]*$/.test(t)) {
      borders.push(e)
      if (e + 1 >= lines.length || lines[e + 1].t === '') break
    }
  }
  if (e >= lines.length || borders.length < 2) {
    const endLine = Math.min(e, lines.length) - 1
    return malformed(ctx, lines.slice(i, endLine + 1).filter((ln, k, all) => k < all.length), endLine + 1, 'Malformed simple table: no bottom border')
  }
  const columns: Array<[number, number]> = []
  const re = /=+/g
  let match: RegExpExecArray | null
  while ((match = re.exec(top.t))) columns.push([match.index, match.index + match[0].length])
  const headerEnd = borders.length > 2 ? borders[1] : -1
  const rows: TableRow[] = []
  let rowLines: Ln[] = []
  let rowHeader = false
  let spans: Array<[number, number]> | undefined
  let marginText: Ln | undefined
  const flush = () => {
    if (rowLines.length === 0) return
    const rowSpans = spans ?? columns.map((_, k): [number, number] => [k, k])
    marginText ??= textInMargin(rowLines, rowSpans, columns)
    rows.push(simpleRow(ctx, rowLines, rowSpans, columns, rowHeader))
    rowLines = []
    spans = undefined
  }
  for (let y = i + 1; y < e; y++) {
    const ln = lines[y]
    if (borders.includes(y)) {
      flush()
      continue
    }
    if (/^-[- ]*$/.test(ln.t) && rowLines.length > 0) {
      spans = spanColumns(ln.t, columns)
      flush()
      continue
    }
    const firstColumn = ln.t.slice(columns[0][0], columns[0][1]).trim()
    if (ln.t !== '' && firstColumn !== '' && rowLines.some((r) => r.t !== '')) flush()
    if (ln.t === '' && rowLines.length === 0) continue
    rowHeader = headerEnd >= 0 && y < headerEnd
    rowLines.push(ln)
  }
  flush()
  if (marginText) {
    return malformed(ctx, lines.slice(i, e + 1), e + 1, `Malformed table: text in column margin (line ${marginText.l + 1})`)
  }
  const table: Table = { type: 'table', children: rows, position: span(ctx, top, lines[e]) }
  return { nodes: [table], end: e + 1 }
}

/** The first row line with text between two cells that are not spanned together, if any. */
function textInMargin(rowLines: Ln[], spans: Array<[number, number]>, columns: Array<[number, number]>): Ln | undefined {
  for (let k = 0; k + 1 < spans.length; k++) {
    const from = columns[spans[k][1]][1]
    const to = columns[spans[k + 1][0]][0]
    for (const ln of rowLines) if (ln.t.slice(from, to).trim() !== '') return ln
  }
  return undefined
}

/** Column ranges (first, last column index) from a `----  ---------` span line. */
function spanColumns(t: string, columns: Array<[number, number]>): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  const re = /-+/g
  let match: RegExpExecArray | null
  while ((match = re.exec(t))) {
    const start = match.index
    const end = match.index + match[0].length
    const first = columns.findIndex((c) => c[1] > start)
    let last = first
    while (last + 1 < columns.length && columns[last + 1][0] < end) last++
    if (first >= 0) spans.push([first, last])
  }
  return spans.length > 0 ? spans : columns.map((_, k) => [k, k])
}

/** One row of a simple table. */
function simpleRow(ctx: Context, rowLines: Ln[], spans: Array<[number, number]>, columns: Array<[number, number]>, header: boolean): TableRow {
  while (rowLines.length > 0 && rowLines[rowLines.length - 1].t === '') rowLines.pop()
  const children: TableCell[] = spans.map(([first, last]) => {
    const start = columns[first][0]
    const end = last === columns.length - 1 ? Infinity : columns[last + 1][0]
    const cellLines = rowLines.map((ln) => ({ t: ln.t.slice(start, end).trimEnd(), l: ln.l, c: ln.c + start }))
    const cell: TableCell = {
      type: 'tableCell',
      children: ctx.parseBody(dedentCell(cellLines)) as unknown as TableCell['children'],
      position: span(ctx, rowLines[0], rowLines[rowLines.length - 1], Math.min(start, rowLines[0].t.length)),
    }
    if (last > first) cell.data = { colspan: last - first + 1 }
    return cell
  })
  const row: TableRow = { type: 'tableRow', children, position: span(ctx, rowLines[0], rowLines[rowLines.length - 1]) }
  if (header) row.data = { header: true }
  return row
}
