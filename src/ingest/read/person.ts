import type { Person } from '../types.ts'

/**
 * Read a name and address as headers and trailers write them:
 * `Name <addr>`, `"Name, Jr." <addr>`, `addr (Name)`, a bare `addr`, or — in a
 * web archive's `From:` line — a bare name. Addresses stay as given, so a masked
 * `user@xxxxxxxxx` stays masked.
 *
 * @param text
 *   The value.
 * @returns
 *   The person; `address` is `''` when the text names none.
 */
export function parsePerson(text: string): Person {
  const value = text.trim()
  const angle = /^(.*?)\s*<([^>]*)>\s*$/.exec(value)
  if (angle) return { name: unquote(angle[1]), address: angle[2].trim() }
  const comment = /^(\S+@\S+)\s*\((.*)\)$/.exec(value)
  if (comment) return { name: comment[2].trim(), address: comment[1] }
  if (/^\S+@\S+$/.test(value)) return { name: '', address: value }
  return { name: unquote(value), address: '' }
}

/**
 * Drop the quotes around a display name and unescape `\"`.
 *
 * @param name
 *   The display name as written.
 * @returns
 *   The name.
 */
function unquote(name: string): string {
  const trimmed = name.trim()
  return /^".*"$/.test(trimmed) ? trimmed.slice(1, -1).replace(/\\(.)/g, '$1') : trimmed
}
