/**
 * The manifest's own JSON style, so that a manifest Strata writes reads like
 * one written by hand: two-space indentation, and an object or array on one
 * line (`{ "id": "v6.1", "label": "Linux v6.1" }`) when it fits.
 */

/** Lines stay within this many columns when an object or array is put on one. */
const width = 100

/**
 * Serialise a manifest (any JSON value) in the manifest style.
 *
 * @param value
 *   The JSON value.
 * @returns
 *   The text, ending with a newline.
 */
export function formatManifest(value: unknown): string {
  return formatValue(value, '', 0) + '\n'
}

/**
 * @param value
 *   The value to write.
 * @param indent
 *   The indentation of the line it starts on.
 * @param used
 *   Columns already taken on that line before the value (its key).
 */
function formatValue(value: unknown, indent: string, used: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  const inline = inlineForm(value)
  if (inline !== undefined && indent.length + used + inline.length <= width) return inline
  const inner = indent + '  '
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[\n${value.map((item) => inner + formatValue(item, inner, 0)).join(',\n')}\n${indent}]`
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined)
  if (entries.length === 0) return '{}'
  return `{\n${entries
    .map(([key, item]) => {
      const head = `${JSON.stringify(key)}: `
      return inner + head + formatValue(item, inner, head.length)
    })
    .join(',\n')}\n${indent}}`
}

/** The one-line form of an object or array whose members hold no objects of their own, else `undefined`. */
function inlineForm(value: object): string | undefined {
  const members = Array.isArray(value) ? value : Object.values(value).filter((item) => item !== undefined)
  if (members.some((item) => item !== null && typeof item === 'object' && !isFlatArray(item))) return undefined
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map((item) => JSON.stringify(item)).join(', ')}]`
  const entries = Object.entries(value).filter(([, item]) => item !== undefined)
  if (entries.length === 0) return '{}'
  return `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${Array.isArray(item) ? inlineForm(item) : JSON.stringify(item)}`).join(', ')} }`
}

function isFlatArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')
}
