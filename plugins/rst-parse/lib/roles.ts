/**
 * The role registry: how interpreted text becomes a node. docutils' standard
 * roles that map onto mdast (`emphasis`, `strong`, `literal`, `code`) give
 * the mdast node; every other role, known or not, stays a `role` node with
 * its name and raw text, so later stages (xrefs for `c:func`, `ref`, `doc`)
 * resolve them and nothing is dropped. Unknown roles get a warning.
 */
import type { PhrasingContent } from 'mdast'
import type { Position } from 'unist'
import { makeId, scanName, unescape } from './chars.ts'
import { warn, type Context } from './context.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import type { Role } from './types.ts'

const { rules } = diagnosticRules.rst

/** How a role is turned into a node. */
export interface RoleSpec {
  /**
   * `emphasis`/`strong`/`literal`: the mdast node; `xref`: a `role` node
   * whose text may be `title <target>`; `text`: a `role` node with the text;
   * `raw`: a `role` node showing its source, with a warning (an `html` node
   * with `allowRaw` and the `html` format); `inline`: a class-only role
   * (`.. role:: name` without a base), a `role` node named `inline`.
   */
  kind: 'emphasis' | 'strong' | 'literal' | 'xref' | 'text' | 'raw' | 'inline'
  /** Canonical name when this is an alias (`sup` → `superscript`), or the base of a custom role. */
  alias?: string
  /** Backslashes are kept, not taken as escapes (docutils' `code`, `math`, `raw`). */
  verbatim?: boolean
  /** Set by `.. role::`: the name it defined, its classes and options (`format`, `language`). */
  custom?: { name: string; classes: string[]; options: Record<string, string> }
}

const xref: RoleSpec = { kind: 'xref' }
const text: RoleSpec = { kind: 'text' }

/** Built-in roles: docutils' standard set and Sphinx's, as the kernel uses them. */
export const defaultRoles: Readonly<Record<string, RoleSpec>> = {
  emphasis: { kind: 'emphasis' },
  strong: { kind: 'strong' },
  literal: { kind: 'literal' },
  code: { kind: 'literal', verbatim: true },
  subscript: text,
  sub: { kind: 'text', alias: 'subscript' },
  superscript: text,
  sup: { kind: 'text', alias: 'superscript' },
  'title-reference': text,
  title: { kind: 'text', alias: 'title-reference' },
  t: { kind: 'text', alias: 'title-reference' },
  abbreviation: text,
  ab: { kind: 'text', alias: 'abbreviation' },
  acronym: text,
  ac: { kind: 'text', alias: 'acronym' },
  math: { kind: 'text', verbatim: true },
  'pep-reference': text,
  pep: { kind: 'text', alias: 'pep-reference' },
  'rfc-reference': text,
  rfc: { kind: 'text', alias: 'rfc-reference' },
  raw: { kind: 'raw', verbatim: true },
  ref: xref,
  doc: xref,
  numref: xref,
  term: xref,
  keyword: xref,
  option: xref,
  envvar: xref,
  download: xref,
  any: xref,
  'c:func': xref,
  'c:type': xref,
  'c:macro': xref,
  'c:data': xref,
  'c:member': xref,
  'c:var': xref,
  'c:struct': xref,
  'c:union': xref,
  'c:enum': xref,
  'c:enumerator': xref,
  'c:expr': text,
  'c:texpr': text,
  'cpp:func': xref,
  // Python domain (Sphinx), common in documentation beyond the kernel.
  class: xref, meth: xref, func: xref, mod: xref, attr: xref, exc: xref, data: xref, obj: xref, const: xref,
  'py:class': xref, 'py:meth': xref, 'py:func': xref, 'py:mod': xref, 'py:attr': xref, 'py:exc': xref,
  'py:data': xref, 'py:obj': xref, 'py:const': xref,
  'cpp:class': xref,
  manpage: text,
  kbd: text,
  file: text,
  samp: text,
  command: text,
  program: text,
  guilabel: text,
  menuselection: text,
  dfn: text,
  mimetype: text,
  regexp: text,
  makevar: text,
}

/**
 * Build the node for interpreted text.
 *
 * @param ctx
 *   Context.
 * @param name
 *   Role name, lowercased (`title-reference` for the default role).
 * @param raw
 *   The text between the backquotes, escapes kept.
 * @param position
 *   Position of the whole construct.
 * @param inner
 *   Position of the text between the backquotes.
 * @param written
 *   The whole construct as written (shown when a raw role is refused).
 * @returns
 *   A phrasing node.
 */
export function makeRole(ctx: Context, name: string, raw: string, position: Position, inner: Position, written: string): PhrasingContent {
  const spec = ctx.roles[name]
  const canonical = spec?.alias ?? name
  const value = spec?.verbatim ? raw : unescape(raw)
  const folded = value.replace(/\s+/g, ' ')
  const data = customData(spec)
  if (spec?.kind === 'emphasis' || spec?.kind === 'strong') {
    return { type: spec.kind, children: [{ type: 'text', value: folded, position: inner }], position, ...data }
  }
  if (spec?.kind === 'literal') return { type: 'inlineCode', value: folded, position, ...data }
  if (spec?.kind === 'raw') return rawRole(ctx, spec, canonical, raw, position, written)
  if (canonical === 'pep-reference' || canonical === 'rfc-reference') {
    // docutils resolves these in place to references with a fixed base URL.
    const number = folded.trim().replace(/#.*$/, '')
    const pep = canonical === 'pep-reference'
    const url = pep ? `https://peps.python.org/pep-${number.padStart(4, '0')}` : `https://tools.ietf.org/html/rfc${number}.html`
    return {
      type: 'link',
      url,
      children: [{ type: 'text', value: `${pep ? 'PEP' : 'RFC'} ${number}`, position: inner }],
      data: { role: canonical } as Record<string, unknown>,
      position,
    }
  }
  const node: Role = { type: 'role', name: spec?.kind === 'inline' ? 'inline' : canonical, value: raw, children: [], position }
  if (spec?.custom) node.data = { role: spec.custom.name, classes: spec.custom.classes }
  let display = folded
  if (spec?.kind === 'xref') {
    // `title <target>` (Sphinx); a leading `~` or `!` only changes display.
    const match = /^([\s\S]*?)\s*<([^<>]+)>$/.exec(folded.length < 4096 ? folded : '')
    if (match && match[1] !== '') {
      display = match[1]
      node.target = match[2].trim()
    } else {
      let target = folded.trim()
      if (target.startsWith('!')) target = target.slice(1)
      if (target.startsWith('~')) {
        target = target.slice(1)
        display = target.slice(target.lastIndexOf('.') + 1)
      } else display = target
      node.target = target
    }
  }
  if (!spec) {
    node.data = { unknown: true }
    warn(ctx, `Unknown interpreted text role \`${name}\``, position, rules.unknownRole)
  }
  node.children = [{ type: 'text', value: display, position: inner }]
  return node
}

/**
 * A raw role: an `html` node only when the caller allows raw HTML and the
 * role's format is `html`; otherwise it is refused, as docutils refuses it
 * with raw disabled: the node shows the source as written.
 */
function rawRole(ctx: Context, spec: RoleSpec, canonical: string, raw: string, position: Position, written: string): PhrasingContent {
  const formats = (spec.custom?.options.format ?? '').toLowerCase().split(/\s+/)
  if (ctx.options.allowRaw && formats.includes('html')) return { type: 'html', value: raw, position }
  warn(ctx, 'Raw role content is shown as text, never passed through', position, rules.rawDisabled)
  const node: Role = { type: 'role', name: canonical, value: raw, children: [{ type: 'text', value: written, position }], position }
  node.data = { refused: true, ...(spec.custom ? { role: spec.custom.name, classes: spec.custom.classes } : {}) }
  return node
}

/** `data` for the mdast node a custom role's base makes: its classes, as docutils sets them. */
function customData(spec: RoleSpec | undefined): { data?: { hProperties: { className: string[] } } } {
  if (!spec?.custom || spec.custom.classes.length === 0) return {}
  return { data: { hProperties: { className: spec.custom.classes } } }
}

/**
 * The `role` directive: `.. role:: name` or `.. role:: name(base)`, with
 * options for the base (`:class:`, `:format:` for raw, `:language:` for
 * code). Registers the role for the rest of the document, as docutils does
 * (interpreted text before the directive does not see it).
 *
 * @param ctx
 *   Context (its role registry is per parse, so changing it is safe).
 * @param argument
 *   `name` or `name(base)`.
 * @param options
 *   The directive's options.
 * @param position
 *   Where the directive is (for messages).
 */
export function defineRole(ctx: Context, argument: string, options: Record<string, string>, position: Position): void {
  const match = /^([^\s()]+)\s*(?:\(\s*([^\s()]+)\s*\)\s*)?$/.exec(argument)
  if (!match || scanName(match[1], 0) !== match[1].length || (match[2] && scanName(match[2], 0) !== match[2].length)) {
    warn(ctx, `\`role\` directive arguments not valid role names: \`${argument}\``, position, rules.directiveInvalid)
    return
  }
  const name = match[1].toLowerCase()
  const baseName = match[2]?.toLowerCase()
  const base: RoleSpec | undefined = baseName === undefined ? { kind: 'inline' } : ctx.roles[baseName]
  if (!base) {
    warn(ctx, `Unknown interpreted text role \`${baseName}\``, position, rules.unknownRole)
    return
  }
  const classes = (options.class ?? match[1]).split(/\s+/).map(makeId).filter(Boolean)
  const alias = baseName === undefined ? undefined : base.alias ?? baseName
  ctx.roles[name] = { ...base, alias, custom: { name, classes, options: { ...base.custom?.options, ...options } } }
}

/**
 * The `default-role` directive: what `` `text` `` means from here on (a
 * registered role's name), or, without an argument, `title-reference` again.
 *
 * @param ctx
 *   Context (its default role is per parse).
 * @param argument
 *   Role name, or empty.
 * @param position
 *   Where the directive is (for messages).
 */
export function setDefaultRole(ctx: Context, argument: string, position: Position): void {
  const name = argument.trim().toLowerCase()
  if (name && !ctx.roles[name]) {
    warn(ctx, `Unknown interpreted text role \`${name}\``, position, rules.unknownRole)
    return
  }
  ctx.defaultRole = name || undefined
}
