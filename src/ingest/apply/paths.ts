import path from 'node:path'
import type { VFile } from 'vfile'
import type { FilePatch, Patch } from '../types.ts'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'
import { walkBelow } from '../../paths/walk-below.ts'

const { rules: applyRules, source: applySource } = diagnosticRules.apply

/** Where a path from a patch lands below a root, or why it may not be used. */
export type Resolved =
  | { ok: true; path: string }
  | { ok: false; kind: 'invalid'; reason: string }
  | { ok: false; kind: 'symlink'; link: string; last: boolean }

/**
 * Resolve a path a patch names below `root` as `git apply` does: the path
 * must be relative, with no `..`, and no directory on the way, nor the file
 * itself, may be a symbolic link (a link could carry a read or a write
 * anywhere on the machine). Each component is looked at with `lstat`
 * (`walkBelow`, the walk the parser's `include` makes too), so nothing is
 * followed; a component that does not exist ends the walk, since nothing
 * below it can be a link.
 *
 * @param root
 *   The tree or output folder (absolute); a link naming the root itself is
 *   the caller's choice and is not looked at.
 * @param relative
 *   The path from the patch (`Documentation/mm/highmem.rst`).
 * @returns
 *   The absolute path, or why it is refused.
 */
export function resolveBelow(root: string, relative: string): Resolved {
  if (relative === '' || relative.includes('\0')) return { ok: false, kind: 'invalid', reason: 'is not a file path' }
  if (relative.startsWith('/') || path.isAbsolute(relative)) return { ok: false, kind: 'invalid', reason: 'is absolute' }
  const parts = relative.split('/').filter((part) => part !== '' && part !== '.')
  if (parts.length === 0) return { ok: false, kind: 'invalid', reason: 'is not a file path' }
  if (parts.includes('..')) return { ok: false, kind: 'invalid', reason: 'climbs out with `..`' }
  const walk = walkBelow(root, parts)
  // A path the system will not look at is not used either.
  if (walk.kind === 'unlookable') return { ok: false, kind: 'invalid', reason: `cannot be looked at (${walk.code})` }
  if (walk.kind === 'symlink') return { ok: false, kind: 'symlink', link: walk.link, last: walk.last }
  return { ok: true, path: path.join(root, ...parts) }
}

/** The roots a tree application reads from and writes to. */
export interface TreeRoots {
  /** The tree the patch applies to (absolute). */
  tree: string
  /** The folder the result goes to (absolute; may be the tree). */
  out: string
}

/**
 * Check every path the patches name (old and new side: a rename or copy
 * source is read, a deleted file is removed) below the tree and below the
 * output folder, before anything is read or written. Each refusal is a
 * located message at the file patch's header, on the patch file it came from.
 *
 * @param fileOf
 *   The patch file (VFile) a patch was read from.
 * @returns
 *   Whether every path is safe.
 */
export function checkTreePaths(patches: readonly Patch[], roots: TreeRoots, fileOf: (patch: Patch) => VFile): boolean {
  let safe = true
  for (const patch of patches) {
    for (const filePatch of patch.files) {
      for (const name of namedPaths(filePatch)) {
        const refusal = refusalFor(name, roots)
        if (!refusal) continue
        safe = false
        const message = fileOf(patch).message(refusal.reason, { place: filePatch.place, ruleId: refusal.ruleId, source: applySource })
        message.fatal = true
      }
    }
  }
  return safe
}

function namedPaths(filePatch: FilePatch): string[] {
  return [...new Set([filePatch.oldPath, filePatch.newPath].filter((name): name is string => name !== null))]
}

function refusalFor(name: string, roots: TreeRoots): { reason: string; ruleId: string } | undefined {
  const places = roots.out === roots.tree ? [['tree', roots.tree]] : [['tree', roots.tree], ['output folder', roots.out]]
  for (const [label, root] of places) {
    const resolved = resolveBelow(root, name)
    if (resolved.ok) continue
    if (resolved.kind === 'invalid') return { reason: `refusing \`${name}\`: the path ${resolved.reason}`, ruleId: applyRules.pathEscapes }
    const link = path.join(root, resolved.link)
    return {
      reason: resolved.last
        ? `refusing \`${name}\`: it is a symbolic link in the ${label} (\`${link}\`)`
        : `refusing \`${name}\`: it is beyond a symbolic link in the ${label} (\`${link}\`)`,
      ruleId: applyRules.pathThroughSymlink,
    }
  }
  return undefined
}
