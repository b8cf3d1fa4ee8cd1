/**
 * Tables for Strata's outline (see `mdast-outline.ts`): a `table` block with
 * the counts docutils' doctree has (rows, the `tgroup`'s column count, header
 * rows, title), then `row` and `entry` blocks and the cells' own blocks.
 */
import type { AnyNode } from './mdast-inline.ts'
import { fold, type OutlineValue } from './outline.ts'

/** How a table reports its blocks: the outline walk's own emitters. */
export interface TableEmitter {
  /** Emit one block for `node`. */
  add: (node: AnyNode, type: string, depth: number, attrs?: Record<string, OutlineValue>) => void
  /** Emit the blocks of a cell's child. */
  visit: (node: AnyNode, depth: number) => void
}

/**
 * The column count docutils' `tgroup` would have: the widest row once
 * colspans and cells spanned from rows above are counted.
 *
 * @param rows
 *   `tableRow` nodes.
 * @returns
 *   Number of columns.
 */
export function columnCount(rows: readonly AnyNode[]): number {
  const covered: number[][] = rows.map(() => [])
  let cols = 0
  rows.forEach((row, r) => {
    let column = 0
    for (const cell of row.children ?? []) {
      while (covered[r].includes(column)) column++
      const colspan = Number(cell.data?.colspan ?? 1)
      const rowspan = Number(cell.data?.rowspan ?? 1)
      for (let down = 1; down < rowspan && r + down < rows.length; down++) {
        for (let c = column; c < column + colspan; c++) covered[r + down].push(c)
      }
      column += colspan
    }
    while (covered[r].includes(column)) column++
    cols = Math.max(cols, column, ...covered[r].map((c) => c + 1))
  })
  return cols
}

/**
 * Emit a table, its rows, its cells and the cells' blocks.
 *
 * @param node
 *   `table` node.
 * @param depth
 *   Nesting depth.
 * @param emit
 *   Emitters of the walk.
 */
export function tableBlocks(node: AnyNode, depth: number, emit: TableEmitter): void {
  const rows = node.children ?? []
  const headerRows = rows.filter((row) => row.data?.header).length
  const attrs: Record<string, OutlineValue> = { rows: rows.length, cols: columnCount(rows), headerRows }
  // The parser keeps a table directive's argument (its title) as written.
  const title = node.data?.caption ?? node.data?.title
  if (typeof title === 'string' && title) attrs.title = fold(title)
  emit.add(node, 'table', depth, attrs)
  for (const row of rows) {
    emit.add(row, 'row', depth + 1, row.data?.header ? { header: true } : undefined)
    for (const cell of row.children ?? []) {
      const span: Record<string, OutlineValue> = {}
      const colspan = Number(cell.data?.colspan ?? 1)
      const rowspan = Number(cell.data?.rowspan ?? 1)
      if (colspan > 1) span.colspan = colspan
      if (rowspan > 1) span.rowspan = rowspan
      emit.add(cell, 'entry', depth + 2, span)
      for (const child of cell.children ?? []) emit.visit(child, depth + 3)
    }
  }
}
