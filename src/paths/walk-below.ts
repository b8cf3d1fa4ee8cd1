/**
 * Walking a path down from a root without following symbolic links: the one
 * check both the reST parser's `include` and the patch applier make before
 * they read or write below a root, since a link could carry the read or the
 * write anywhere on the machine.
 */
import { lstatSync } from 'node:fs'
import path from 'node:path'

/** The longest name of one path component Linux file systems keep (NAME_MAX), in bytes. */
const longestName = 255

/** What the walk met. */
export type Walk =
  /** No link on the way (a component that does not exist, or a file, ends the walk: nothing below it can be a link). */
  | { kind: 'clear' }
  /** The first symbolic link, as the components up to it joined by `/`, and whether it is the last component. */
  | { kind: 'symlink'; link: string; last: boolean }
  /** A component the system would not look at (ENAMETOOLONG, EACCES…), by its error code. */
  | { kind: 'unlookable'; code: string }

/**
 * Look at each component of `parts` below `root` with `lstat`, so nothing is
 * followed.
 *
 * @param root
 *   The folder the path is below (absolute); it is not looked at itself, so a
 *   root that is a link is the caller's choice.
 * @param parts
 *   The path's components, already checked not to climb out (`..`).
 * @returns
 *   The first link on the way, or why the walk stopped short, or that it is clear.
 */
export function walkBelow(root: string, parts: readonly string[]): Walk {
  // A name longer than a file system keeps can never be made, below a folder that exists or not: the walk
  // stops at the first missing folder, so the length is checked on every component before it.
  if (parts.some((part) => Buffer.byteLength(part) > longestName)) return { kind: 'unlookable', code: 'ENAMETOOLONG' }
  let current = root
  for (const [index, part] of parts.entries()) {
    current = path.join(current, part)
    let stats
    try {
      stats = lstatSync(current, { throwIfNoEntry: false })
    } catch (error) {
      return { kind: 'unlookable', code: (error as NodeJS.ErrnoException).code ?? 'error' }
    }
    if (!stats) break
    if (stats.isSymbolicLink()) return { kind: 'symlink', link: parts.slice(0, index + 1).join('/'), last: index === parts.length - 1 }
    // A file where a folder should be: a read or write below it fails there on its own (ENOTDIR).
    if (!stats.isDirectory()) break
  }
  return { kind: 'clear' }
}
