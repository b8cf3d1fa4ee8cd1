/**
 * The C declaration that follows a kernel-doc comment: a function prototype
 * (up to `;` or `{`), a `#define`, a struct, union or enum definition, or a
 * typedef. Works on the scanner's `decl` view, where comments, literals and
 * `#if`-style lines are blanked, so offsets are those of the file.
 */
import type { KernelDocKind } from '../../schema/kernel-doc.ts'
import { findWord } from './text.ts'
import { aggregateMembers, declaredName, enumMembers, oneLine, splitTopLevel, stripAttributes } from './c-decl.ts'

/**
 * Longest function prototype or typedef read, in characters. Real ones are
 * far shorter; the cap keeps the prototype regexes linear on junk input.
 */
const longest = 4000

/** A declaration found after a comment. */
export interface Declaration {
  kind: Exclude<KernelDocKind, 'doc'>
  /** Declared name; `''` when it could not be found. */
  name: string
  /** Tag of a `typedef struct tag {…} name;`, so a comment may use either name. */
  tag?: string
  prototype: string
  attributes: string[]
  /** Parameter or member names to check the comment against; absent when they cannot be known. */
  params?: string[]
  /** Names that may be documented but need not be (members of named nested structs). */
  optional?: string[]
  /** Offset where to look for the parameter names (the parameter list or the body). */
  paramsFrom: number
  /** Offsets of the first and last character. */
  start: number
  end: number
  /** Offsets of `{` and `}` of a struct, union or enum body, for the comments inside it. */
  body?: { open: number; close: number }
}

/**
 * Read the declaration starting at the first non-blank character after `from`.
 *
 * @param decl
 *   The blanked view of the file.
 * @param from
 *   Offset just past the comment.
 * @param limit
 *   Offset of the next kernel-doc comment (or the end): a declaration never runs past it.
 * @returns
 *   The declaration, or `undefined` when nothing declarable follows.
 */
export function readDeclaration(decl: string, from: number, limit: number): Declaration | undefined {
  let start = from
  while (start < limit && /\s/.test(decl[start])) start++
  if (start >= limit || decl[start] === '}') return undefined
  if (decl[start] === '#') return readMacro(decl, start)
  const head = stop(decl, start, limit, ';{(')
  const aggregate = /^(typedef\s+)?(struct|union|enum)\b/.exec(decl.slice(start, start + 16))
  if (aggregate && !aggregate[1] && decl[head] !== '(') return readAggregate(decl, start, limit, aggregate[2] as 'struct')
  if (/^typedef\b/.test(decl.slice(start, start + 8))) return readTypedef(decl, start, limit)
  const end = stop(decl, start, limit, ';{')
  if (end >= limit || end - start > longest) return undefined
  return readFunction(decl, start, end)
}

/**
 * @param decl
 *   Blanked text.
 * @param start
 *   Offset of the `#`.
 * @returns
 *   A macro declaration: `#define name(args)`.
 */
function readMacro(decl: string, start: number): Declaration | undefined {
  const match = /^#\s*define\s+(\w+)(\(([^)]*)\))?/.exec(decl.slice(start, start + 2000))
  if (!match) return undefined
  const args = match[2] === undefined ? undefined : splitTopLevel(match[3].replace(/\\\n/g, ' '))
  return {
    kind: 'macro',
    name: match[1],
    prototype: `#define ${match[1]}${args ? `(${args.join(', ')})` : ''}`,
    attributes: [],
    params: args,
    paramsFrom: start,
    start,
    end: start + match[0].length - 1,
  }
}

/**
 * @param decl
 *   Blanked text.
 * @param start
 *   First character.
 * @param end
 *   Offset of the closing `;` or `{`.
 * @returns
 *   A function declaration, one line, attributes dropped.
 */
function readFunction(decl: string, start: number, end: number): Declaration {
  // `scripts/kernel-doc` drops `_noprof` (the allocation-profiling variants
  // are documented under the plain name: `alloc_pages_noprof` as `alloc_pages`).
  const { text, attributes } = stripAttributes(oneLine(decl.slice(start, end).replace(/_noprof\b/g, '')))
  const match = /^(.*?)(\w+)\s*\((.*)\)$/.exec(text)
  const base = { kind: 'function' as const, attributes, paramsFrom: start, start, end }
  if (!match) return { ...base, name: /(\w+)\s*$/.exec(text)?.[1] ?? '', prototype: text }
  const returns = match[1].trim()
  const args = splitTopLevel(match[3])
  const params = args.map(declaredName).filter((name): name is string => Boolean(name))
  const gap = returns === '' || returns.endsWith('*') ? '' : ' '
  return {
    ...base,
    name: match[2],
    prototype: `${returns}${gap}${match[2]}(${args.join(', ')})`,
    params,
    paramsFrom: decl.indexOf('(', findWord(decl.slice(start, end), match[2], '(') + start),
  }
}

/**
 * @param decl
 *   Blanked text.
 * @param start
 *   Offset of `struct`, `union` or `enum`.
 * @param limit
 *   Scan limit.
 * @param kind
 *   Which of the three.
 * @returns
 *   The aggregate, its members and the definition as the prototype.
 */
function readAggregate(decl: string, start: number, limit: number, kind: 'struct' | 'union' | 'enum'): Declaration {
  const open = stop(decl, start, limit, ';{')
  const header = stripAttributes(oneLine(decl.slice(start, open))).text
  const name = /^(?:struct|union|enum)\s+(\w+)/.exec(header)?.[1] ?? ''
  if (decl[open] !== '{') {
    return { kind, name, prototype: header, attributes: [], paramsFrom: start, start, end: Math.min(open, limit - 1) }
  }
  const close = matching(decl, open, limit)
  const semicolon = stop(decl, close + 1, limit, ';')
  const end = semicolon < limit ? semicolon : close
  const body = decl.slice(open + 1, close)
  const members = kind === 'enum' ? { required: enumMembers(body), optional: [] } : aggregateMembers(body)
  return {
    kind,
    name,
    prototype: layout(decl.slice(start, end + 1)),
    attributes: [],
    params: members.required,
    optional: members.optional,
    paramsFrom: open,
    start,
    end,
    body: { open, close },
  }
}

/**
 * @param decl
 *   Blanked text.
 * @param start
 *   Offset of `typedef`.
 * @param limit
 *   Scan limit.
 * @returns
 *   The typedef; function-pointer typedefs carry their parameters.
 */
function readTypedef(decl: string, start: number, limit: number): Declaration | undefined {
  const end = stop(decl, start, limit, ';', true)
  if (end >= limit || end - start > longest) return undefined
  const raw = decl.slice(start, end + 1)
  const text = stripAttributes(oneLine(decl.slice(start, end))).text
  const base = { kind: 'typedef' as const, attributes: [], paramsFrom: start, start, end }
  const pointer = /\(\s*\*\s*(\w+)\s*\)\s*\((.*)\)$/.exec(text) ?? /(\w+)\s*\((.*)\)$/.exec(text)
  if (pointer && !text.includes('{')) {
    const params = splitTopLevel(pointer[2]).map(declaredName)
    return { ...base, name: pointer[1], prototype: `${text};`, params: params.filter((name): name is string => Boolean(name)) }
  }
  const close = text.lastIndexOf('}')
  const name = declaredName(close === -1 ? text.replace(/^typedef\s+/, '') : text.slice(close + 1)) ?? ''
  const tag = /^typedef\s+(?:struct|union|enum)\s+(\w+)/.exec(text)?.[1]
  return { ...base, name, ...(tag ? { tag } : {}), prototype: raw.includes('{') ? layout(raw) : `${text};` }
}

/**
 * Find the first of `chars` at parenthesis depth 0 (and brace depth 0 when asked).
 *
 * @param decl
 *   Blanked text.
 * @param from
 *   Where to start.
 * @param limit
 *   Where to give up.
 * @param chars
 *   Characters to stop at.
 * @param braces
 *   Also skip over `{…}`.
 * @returns
 *   The offset, or `limit` when none.
 */
function stop(decl: string, from: number, limit: number, chars: string, braces = false): number {
  let depth = 0
  for (let i = from; i < limit; i++) {
    const c = decl[i]
    if (depth === 0 && chars.includes(c)) return i
    if (c === '(' || (braces && c === '{')) depth++
    else if (c === ')' || (braces && c === '}')) depth = Math.max(0, depth - 1)
  }
  return limit
}

/**
 * @param decl
 *   Blanked text.
 * @param open
 *   Offset of a `{`.
 * @param limit
 *   Where to give up.
 * @returns
 *   Offset of the matching `}` (or the last offset before `limit`).
 */
function matching(decl: string, open: number, limit: number): number {
  let depth = 0
  for (let i = open; i < limit; i++) {
    if (decl[i] === '{') depth++
    else if (decl[i] === '}' && --depth === 0) return i
  }
  return limit - 1
}

/**
 * A definition for display: blank lines (left by comments, private members
 * and `#if` lines) dropped, trailing spaces trimmed, layout otherwise kept.
 *
 * @param text
 *   Blanked definition text.
 * @returns
 *   Multi-line text.
 */
function layout(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => line.trim() !== '')
    .join('\n')
}
