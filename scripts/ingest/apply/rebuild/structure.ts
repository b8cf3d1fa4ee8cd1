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
  if (content.trim() === '') return { column, bodyColumn: column, marker: null, blank: true }
  const marker = markerOf(content)
  if (marker) return { column, bodyColumn: column + marker.width, marker: marker.kind, blank: false }
  if (explicit.test(content)) return { column, bodyColumn: column + 3, marker: null, blank: false }
  const fieldMatch = field.exec(content)
  if (fieldMatch) return { column, bodyColumn: column + fieldMatch[0].length, marker: null, blank: false }
  return { column, bodyColumn: column, marker: null, blank: false }
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
