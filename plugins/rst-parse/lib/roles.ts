/**
 * The role registry: how interpreted text becomes a node. docutils' standard
 * roles that map onto mdast (`emphasis`, `strong`, `literal`, `code`) give
 * the mdast node; every other role, known or not, stays a `role` node with
 * its name and raw text, so later stages (xrefs for `c:func`, `ref`, `doc`)
 * resolve them and nothing is dropped. Unknown roles get a warning.
 */
import type { PhrasingContent } from 'mdast'
import type { Position } from 'unist'
import { unescape } from './chars.ts'
import { warn, type Context } from './context.ts'
import { rules } from './rules.ts'
import type { Role } from './types.ts'

/** How a role is turned into a node. */
export interface RoleSpec {
  /**
   * `emphasis`/`strong`/`literal`: the mdast node; `xref`: a `role` node
   * whose text may be `title <target>`; `text`: a `role` node with the text;
   * `raw`: a `role` node shown escaped, with a warning.
   */
  kind: 'emphasis' | 'strong' | 'literal' | 'xref' | 'text' | 'raw'
  /** Canonical name when this is an alias (`sup` → `superscript`). */
  alias?: string
}

const xref: RoleSpec = { kind: 'xref' }
const text: RoleSpec = { kind: 'text' }

/** Built-in roles: docutils' standard set and Sphinx's, as the kernel uses them. */
export const defaultRoles: Readonly<Record<string, RoleSpec>> = {
  emphasis: { kind: 'emphasis' },
  strong: { kind: 'strong' },
  literal: { kind: 'literal' },
  code: { kind: 'literal' },
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
  math: text,
  'pep-reference': text,
  pep: { kind: 'text', alias: 'pep-reference' },
  'rfc-reference': text,
  rfc: { kind: 'text', alias: 'rfc-reference' },
  raw: { kind: 'raw' },
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
 * @returns
 *   A phrasing node.
 */
export function makeRole(ctx: Context, name: string, raw: string, position: Position, inner: Position): PhrasingContent {
  const spec = ctx.roles[name]
  const canonical = spec?.alias ?? name
  const value = unescape(raw)
  const folded = value.replace(/\s+/g, ' ')
  if (spec?.kind === 'emphasis' || spec?.kind === 'strong') {
    return { type: spec.kind, children: [{ type: 'text', value: folded, position: inner }], position }
  }
  if (spec?.kind === 'literal') return { type: 'inlineCode', value: folded, position }
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
  const node: Role = { type: 'role', name: canonical, value: raw, children: [], position }
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
  if (spec?.kind === 'raw') {
    warn(ctx, 'Raw role content is shown as text, never passed through', position, rules.rawDisabled)
  }
  if (!spec) {
    node.data = { unknown: true }
    warn(ctx, `Unknown interpreted text role \`${name}\``, position, rules.unknownRole)
  }
  node.children = [{ type: 'text', value: display, position: inner }]
  return node
}
