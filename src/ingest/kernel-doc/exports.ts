/**
 * Which names a C file exports to modules, for `:export:` and `:internal:`.
 */
import { scanC } from './text.ts'

/**
 * Find `EXPORT_SYMBOL(name)`, `EXPORT_SYMBOL_GPL(name)` and their `_NS`
 * variants outside comments and strings.
 *
 * @param text
 *   C source text.
 * @returns
 *   The exported names.
 */
export function exportedNames(text: string): Set<string> {
  const names = new Set<string>()
  for (const match of scanC(text).code.matchAll(/\bEXPORT_SYMBOL(?:_NS)?(?:_GPL)?\s*\(\s*(\w+)/g)) names.add(match[1])
  return names
}
