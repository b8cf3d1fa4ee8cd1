/**
 * The options of the `.. kernel-doc::` directive, applied to parsed entries
 * the way `Documentation/sphinx/kerneldoc.py` turns them into
 * `scripts/kernel-doc` arguments: `:export:` wins over `:internal:`, which
 * wins over `:doc:`, which wins over `:identifiers:` / `:functions:`; then
 * `:no-identifiers:` removes names from whatever was picked.
 */
import type { KernelDocEntry } from '../../schema/kernel-doc.ts'

/** The options the directive knows; any other is reported by the resolver. */
export const directiveOptions = ['functions', 'identifiers', 'no-identifiers', 'export', 'internal', 'doc'] as const

/**
 * Pick the entries a directive asks for.
 *
 * - no option: every entry, `DOC:` blocks included, in file order;
 * - `:functions: a b` / `:identifiers: a b`: the entries named, in the order
 *   given (the Perl script keeps file order; the brief for Strata asks for the
 *   author's order). An empty list means every entry except `DOC:` blocks;
 * - `:doc: Title`: the `DOC:` block with that title;
 * - `:export:` / `:internal:`: entries whose name is (is not) exported. The
 *   kernel scans the whole tree (or the files named in the option) for
 *   `EXPORT_SYMBOL`; Strata only knows the names in `exported`, which the
 *   resolver fills from the same file plus any plain paths the option names.
 *   `DOC:` blocks are never picked by these two;
 * - `:no-identifiers: a b`: drop those names from the result.
 *
 * @param entries
 *   Parsed entries, in file order.
 * @param options
 *   The directive's options (flags map to `''`).
 * @param exported
 *   Names exported with `EXPORT_SYMBOL*` (for `:export:` and `:internal:`).
 * @returns
 *   The selected entries.
 */
export function selectEntries(
  entries: readonly KernelDocEntry[],
  options: Readonly<Record<string, string>>,
  exported: ReadonlySet<string> = new Set(),
): KernelDocEntry[] {
  const code = entries.filter((entry) => entry.kind !== 'doc')
  let picked: KernelDocEntry[]
  if ('export' in options) picked = code.filter((entry) => exported.has(entry.name))
  else if ('internal' in options) picked = code.filter((entry) => !exported.has(entry.name))
  else if ('doc' in options) picked = entries.filter((entry) => entry.kind === 'doc' && entry.name === options.doc.trim())
  else if (namesOption(options) !== undefined) {
    const names = namesOption(options)!
    picked = names.length === 0 ? code : names.flatMap((name) => entries.filter((entry) => entry.name === name))
  } else picked = [...entries]
  const excluded = new Set(words(options['no-identifiers']))
  return picked.filter((entry) => !excluded.has(entry.name))
}

/**
 * The names the directive asks for that the file does not document, for a
 * warning at the directive (`scripts/kernel-doc` warns `'foo' not found`).
 *
 * @param entries
 *   Parsed entries.
 * @param options
 *   The directive's options.
 * @returns
 *   Names (or the `:doc:` title) with no entry.
 */
export function unmatchedNames(entries: readonly KernelDocEntry[], options: Readonly<Record<string, string>>): string[] {
  if ('export' in options || 'internal' in options) return []
  if ('doc' in options) {
    const title = options.doc.trim()
    return entries.some((entry) => entry.kind === 'doc' && entry.name === title) ? [] : [title]
  }
  return (namesOption(options) ?? []).filter((name) => !entries.some((entry) => entry.name === name))
}

/**
 * @param options
 *   The directive's options.
 * @returns
 *   The names of `:identifiers:` (or its older spelling `:functions:`), or
 *   `undefined` when neither is given.
 */
function namesOption(options: Readonly<Record<string, string>>): string[] | undefined {
  const value = options.identifiers ?? options.functions
  return value === undefined ? undefined : words(value)
}

/**
 * @param value
 *   An option value: names separated by spaces or commas, a line ending in `\` continued.
 * @returns
 *   The names.
 */
function words(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,\\]+/)
    .map((word) => word.replace(/\(\)$/, ''))
    .filter(Boolean)
}
