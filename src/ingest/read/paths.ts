/**
 * File names as diffs write them: git's C-style quoting, `a/`/`b/` prefixes,
 * `/dev/null`, and the timestamp `diff -u` puts after the name.
 */

/**
 * Undo git's quoting of a path (`"a/caf\303\251"`): escapes and octal bytes.
 *
 * @param text
 *   A path, quoted or not.
 * @returns
 *   The path.
 */
export function unquotePath(text: string): string {
  if (!/^".*"$/.test(text)) return text
  const bytes: number[] = []
  const inner = text.slice(1, -1)
  const named: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 }
  for (let index = 0; index < inner.length; index++) {
    const char = inner[index]
    const octal = /^[0-3][0-7]{2}/.exec(inner.slice(index + 1))
    if (char === '\\' && octal) {
      bytes.push(parseInt(octal[0], 8))
      index += 3
    } else if (char === '\\' && inner[index + 1] in named) {
      bytes.push(named[inner[index + 1]])
      index++
    } else bytes.push(...new TextEncoder().encode(char))
  }
  return new TextDecoder().decode(new Uint8Array(bytes))
}

/**
 * The name on a `---`/`+++` line, without the timestamp `diff -u` adds (after
 * a tab, or after a space where a web archive collapsed the tab).
 *
 * @param text
 *   The line after `--- ` or `+++ `.
 * @returns
 *   The name as written (prefix kept), or `null` for `/dev/null`.
 */
export function headerName(text: string): string | null {
  const name = text
    .split('\t')[0]
    .replace(/\s+\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d(?:\.\d+)?)?(?: [+-]\d{4})?\s*$/, '')
    .trimEnd()
  const path = unquotePath(name)
  return path === '/dev/null' ? null : path
}

/**
 * Drop `a/` and `b/` when both sides carry them, as git writes them; a plain
 * `diff -u old new` keeps its names.
 *
 * @param oldName
 *   Name on the `---` side.
 * @param newName
 *   Name on the `+++` side.
 * @returns
 *   The two paths.
 */
export function stripPrefixes(oldName: string | null, newName: string | null): [string | null, string | null] {
  const prefixed = (oldName === null || oldName.startsWith('a/')) && (newName === null || newName.startsWith('b/'))
  if (!prefixed || (oldName === null && newName === null)) return [oldName, newName]
  return [oldName === null ? null : oldName.slice(2), newName === null ? null : newName.slice(2)]
}

/**
 * The two paths of a `diff --git a/x b/y` line, which are ambiguous when names
 * contain spaces: quoted names are read as such, equal names are preferred,
 * otherwise the split is at ` b/`.
 *
 * @param rest
 *   The line after `diff --git `.
 * @returns
 *   The paths without prefixes.
 */
export function gitHeaderPaths(rest: string): [string | null, string | null] {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest)
  if (quoted && (quoted[1].startsWith('"') || quoted[2].startsWith('"'))) {
    return stripPrefixes(unquotePath(quoted[1]), unquotePath(quoted[2]))
  }
  const half = (rest.length - 1) / 2
  if (Number.isInteger(half) && rest[half] === ' ' && rest.slice(2, half) === rest.slice(half + 3)) {
    return stripPrefixes(rest.slice(0, half), rest.slice(half + 1))
  }
  const split = rest.indexOf(' b/')
  return split < 0 ? [rest, rest] : stripPrefixes(rest.slice(0, split), rest.slice(split + 1))
}
