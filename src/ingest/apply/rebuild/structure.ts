import { columnWidth, leadingWhitespace } from '../text.ts'

/**
 * What reST makes of a line's start, for the indentation rules: a list item
 * opens a body at the column after its marker, an explicit markup start
 * (`.. note::`) opens one three columns in.
 */
export interface LineShape {
  /** Column of the first non-blank character (tabs expanded). */
  column: number
  /** Column where the block this line opens (or continues) has its body. */
  bodyColumn: number
  /** `bullet:*`, `enum:1.`-style kind of list marker, or `null`. */
  marker: string | null
  /** Every list marker that opens on the line, outermost first (`* - cell` has two), with its column. */
  markers: Array<{ kind: string; column: number }>
  blank: boolean
}

const bullet = /^([*+\-•‣⁃])(\s+|$)/
const enumerator = /^(\(?)(\d+|#|[a-zA-Z]|[ivxlcdmIVXLCDM]+)([.)])(\s+|$)/
const explicit = /^\.\.(\s+|$)/
const field = /^:[^:\s][^:]*:(\s+|$)/

/** The list-marker kind of a line's content, if it opens a list item. */
export function markerOf(content: string): { kind: string; width: number } | null {
  const b = bullet.exec(content)
  if (b) return { kind: `bullet:${b[1]}`, width: b[0].length || 2 }
  const e = enumerator.exec(content)
  if (e) {
    const style = /^\d+$/.test(e[2]) ? '1' : e[2] === '#' ? '#' : /^[ivxlcdm]+$/.test(e[2]) ? 'i' : /^[IVXLCDM]+$/.test(e[2]) ? 'I' : /^[a-z]$/.test(e[2]) ? 'a' : 'A'
    return { kind: `enum:${e[1]}${style}${e[3]}`, width: e[0].length || e[1].length + e[2].length + 2 }
  }
  return null
}

/** Describe a document line. */
export function shapeOf(text: string): LineShape {
  const ws = leadingWhitespace(text)
  const content = text.slice(ws.length)
  const column = columnWidth(ws)
  if (content.trim() === '') return { column, bodyColumn: column, marker: null, markers: [], blank: true }
  const marker = markerOf(content)
  const opened = marker ? marker.width : explicit.test(content) ? 3 : field.exec(content)?.[0].length ?? 0
  // Tabs after a marker (`0.\tIs RCU…`) count to the next tab stop, and a
  // body may open with another marker (`* - cell` in a list-table, a bullet in
  // a field body): the body is where the innermost construct's text starts.
  const inner = innerMarkers(content.slice(opened))
  const bodyColumn = opened === 0 ? column : columnWidth(ws + content.slice(0, opened) + inner)
  const markers = marker ? [{ kind: marker.kind, column }] : []
  let taken = content.slice(0, opened)
  for (let rest = inner; rest !== ''; ) {
    const next = openerOf(rest)!
    if (next.kind !== 'field') markers.push({ kind: next.kind, column: columnWidth(ws + taken) })
    taken += rest.slice(0, next.width)
    rest = rest.slice(next.width)
  }
  return { column, bodyColumn, marker: marker?.kind ?? null, markers, blank: false }
}

/** A list marker or a field name opening text, with its width. */
function openerOf(content: string): { kind: string; width: number } | null {
  const marker = markerOf(content)
  if (marker) return marker
  const name = field.exec(content)
  return name ? { kind: 'field', width: name[0].length } : null
}

/** The markers and field names that open a line's body after its first one (`- ` in `* - cell`), as text. */
function innerMarkers(rest: string): string {
  let taken = ''
  for (let depth = 0; depth < 8; depth++) {
    const next = openerOf(rest.slice(taken.length))
    if (!next || next.width >= rest.length - taken.length) break
    taken += rest.slice(taken.length, taken.length + next.width)
  }
  return taken
}
/**
 * Whitespace that reaches `column`, reusing the reference line's own leading
 * whitespace (tabs stay tabs) and adding spaces beyond it.
 */
export function whitespaceFor(column: number, reference: string | undefined): string {
  const ws = reference === undefined ? '' : leadingWhitespace(reference)
  const width = columnWidth(ws)
  if (width === column) return ws
  if (width < column) return ws + ' '.repeat(column - width)
  return ' '.repeat(column)
}
