/**
 * The results table for a terminal: one row per figure, columns aligned,
 * numbers with precision that suits their size.
 */
import type { BenchRow } from './suite.ts'

/**
 * A number with three significant figures (at least one decimal below 100).
 *
 * @returns
 *   Formatted number.
 */
export function formatNumber(value: number): string {
  if (value === 0) return '0'
  if (Math.abs(value) >= 100) return value.toFixed(0)
  if (Math.abs(value) >= 10) return value.toFixed(1)
  if (Math.abs(value) >= 1) return value.toFixed(2)
  return value.toPrecision(3)
}

/**
 * Render rows as a text table.
 *
 * @param rows
 *   Figures.
 * @returns
 *   Table text ending in a newline, then notes and errors.
 */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['suite', 'figure', 'median', 'min', 'max', 'unit', 'runs']
  const body = rows.map((row) =>
    row.error
      ? [row.suite, row.name, 'n/a', '', '', row.unit, '0']
      : [row.suite, row.name, formatNumber(row.median), formatNumber(row.min), formatNumber(row.max), row.unit, String(row.runs)],
  )
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)))
  const numeric = new Set([2, 3, 4, 6])
  const line = (cells: string[]) =>
    cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  const notes = rows
    .filter((row) => row.error || row.note)
    .map((row) => `${row.suite} / ${row.name}: ${row.error ? `error: ${row.error}` : row.note}`)
  return `${[line(header), rule, ...body.map(line)].join('\n')}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`
}
