/**
 * Reading a `toctree` directive the way Sphinx does (`TocTree.parse_content`
 * in sphinx/directives/other.py): one entry a line, `Title <target>` for an
 * explicit title, targets relative to the document (or to `Documentation/`
 * with a leading `/`), `self`, URLs, and with `:glob:` shell patterns
 * matched against every document of the site, sorted.
 */
import type { Directive } from '../../rst-parse/index.ts'
import { resolveDocPath } from '../../remark-xrefs/index.ts'

/** One entry of a toctree, resolved against the site. */
export type ToctreeEntry =
  | { kind: 'document'; document: string; title?: string; line: number }
  | { kind: 'url'; url: string; title?: string; line: number }
  | { kind: 'self'; title?: string; line: number }
  /** A document that is not in the site (`name` as written), or a pattern that matched none. */
  | { kind: 'missing'; name: string; title?: string; glob: boolean; line: number }

/** The options of a toctree that change what is shown. */
export interface ToctreeSettings {
  /** `:maxdepth:`; `Infinity` when absent or not positive, as in Sphinx (-1). */
  maxdepth: number
  hidden: boolean
  caption?: string
  /** `:numbered:`: how many levels get numbers (Sphinx: the value, or every level when empty). */
  numbered: number
  titlesonly: boolean
}

/** What a toctree resolves against. */
export interface ToctreeContext {
  /** Document id by path without `.rst` (`Documentation/mm/highmem` → `mm/highmem`). */
  documents: Readonly<Record<string, string>>
  /** This document's path in the kernel tree (`Documentation/mm/index.rst`). */
  path: string
}

const explicit = /^(.+?)\s*<([^<>]+)>$/
const url = /^[a-z][a-z0-9+.-]*:\/\/|^mailto:/i
const globChars = /[*?[]/

/**
 * The settings of a toctree directive.
 *
 * @param node
 *   The directive.
 * @returns
 *   Its settings.
 */
export function toctreeSettings(node: Directive): ToctreeSettings {
  const options = node.options ?? {}
  const depth = Number.parseInt(options.maxdepth ?? '', 10)
  const numbered = Object.hasOwn(options, 'numbered') ? Number.parseInt(options.numbered, 10) || Infinity : 0
  return {
    maxdepth: Number.isInteger(depth) && depth > 0 ? depth : Infinity,
    hidden: Object.hasOwn(options, 'hidden'),
    ...(options.caption?.trim() ? { caption: options.caption.trim() } : {}),
    numbered,
    titlesonly: Object.hasOwn(options, 'titlesonly'),
  }
}

/**
 * The entries of a toctree directive, in the order Sphinx shows them
 * (`:reversed:` reverses them). Lines are the source lines of the entries.
 *
 * @param node
 *   The directive.
 * @param context
 *   The site's documents and this document's path.
 * @returns
 *   The entries.
 */
export function toctreeEntries(node: Directive, context: Readonly<ToctreeContext>): ToctreeEntry[] {
  const glob = Object.hasOwn(node.options ?? {}, 'glob')
  const directory = context.path.split('/').slice(0, -1)
  const self = context.path.replace(/\.rst$/, '')
  const lines = node.value.split('\n')
  // The body is the directive's last lines: its end line is the last entry's.
  const lastLine = node.position?.end.line ?? 1
  const entries: ToctreeEntry[] = []
  lines.forEach((raw, index) => {
    const entry = raw.trim()
    if (!entry) return
    const line = lastLine - (lines.length - 1 - index)
    const match = explicit.exec(entry)
    const title = match ? match[1] : undefined
    const target = match ? match[2].trim() : entry
    if (url.test(target)) {
      entries.push({ kind: 'url', url: target, ...(title ? { title } : {}), line })
      return
    }
    if (target === 'self') {
      entries.push({ kind: 'self', ...(title ? { title } : {}), line })
      return
    }
    const resolved = resolveDocPath(target, directory)
    if (glob && !match && globChars.test(target)) {
      const pattern = globPattern(resolved)
      const found = Object.keys(context.documents)
        .filter((path) => path !== self && pattern.test(path))
        .sort()
      if (found.length === 0) entries.push({ kind: 'missing', name: target, glob: true, line })
      for (const path of found) entries.push({ kind: 'document', document: context.documents[path], line })
      return
    }
    const document = Object.hasOwn(context.documents, resolved) ? context.documents[resolved] : undefined
    if (document === undefined) entries.push({ kind: 'missing', name: target, ...(title ? { title } : {}), glob: false, line })
    else entries.push({ kind: 'document', document, ...(title ? { title } : {}), line })
  })
  return Object.hasOwn(node.options ?? {}, 'reversed') ? entries.reverse() : entries
}

/**
 * A docname pattern as Sphinx matches it (`sphinx.util.matching`): `**`
 * crosses folders, `*` and `?` do not, `[…]` and `[!…]` are classes.
 */
function globPattern(pattern: string): RegExp {
  let source = ''
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at]
    if (char === '*') {
      if (pattern[at + 1] === '*') {
        source += '.*'
        at++
      } else source += '[^/]*'
    } else if (char === '?') source += '[^/]'
    else if (char === '[') {
      const end = pattern.indexOf(']', at + 2)
      if (end === -1) source += '\\['
      else {
        const body = pattern.slice(at + 1, end)
        source += `[${body.startsWith('!') ? '^' + escapeClass(body.slice(1)) : escapeClass(body)}]`
        at = end
      }
    } else source += char.replace(/[.+^${}()|\\/]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

const escapeClass = (body: string) => body.replace(/[\\\]^]/g, '\\$&')
