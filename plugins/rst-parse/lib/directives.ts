/**
 * The directive registry and the directive block parser. A directive block
 * is split as docutils' `parse_directive_block` does: argument lines up to
 * the first blank line, option lines (a field list) after them, then the
 * content. Each registered directive says whether it takes an argument and
 * whether its content is reST (parsed into children) or text (kept in
 * `value`); a few build standard nodes (admonitions, code, tables, epigraph).
 * Unknown directives are kept whole as `directive` nodes, with a warning.
 */
import type { Blockquote, Code, Html, PhrasingContent, RootContent } from 'mdast'
import type { Position } from 'unist'
import { warn, type Context } from './context.ts'
import type { Ln } from './lines.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import type { Admonition, Directive, ParsedLiteral, RstBlockContent } from './types.ts'
import { csvTable, listTable } from './directive-tables.ts'
import { include } from './directive-include.ts'
import { quoteContent } from './block-quote.ts'
import { defineRole, setDefaultRole } from './roles.ts'
import { evaluateOnly, htmlBuildTags } from './only.ts'
import { parseInline } from './inline.ts'

const { rules } = diagnosticRules.rst

/** How a directive is parsed. */
export interface DirectiveSpec {
  /** Whether it takes an argument (default: `none`). */
  argument?: 'none' | 'optional' | 'required'
  /** Content: reST (parsed into children), text (kept in `value`) or none (default: `rst`). */
  content?: 'rst' | 'text' | 'none'
  /**
   * Whether section titles are allowed in the content (Sphinx's `only`
   * parses with `match_titles`, and kernel index pages put an `Indices`
   * section there; default: false).
   */
  sections?: boolean
  /** A special node to build instead of a plain `directive`. */
  build?: 'admonition' | 'code' | 'parsed-literal' | 'raw' | 'include' | 'list-table' | 'csv-table' | 'table' | 'quote' | 'role' | 'default-role' | 'only'
}

const admonition: DirectiveSpec = { build: 'admonition' }
const rstArg: DirectiveSpec = { argument: 'optional', content: 'rst' }
const textArg: DirectiveSpec = { argument: 'optional', content: 'text' }
const argOnly: DirectiveSpec = { argument: 'optional', content: 'none' }
const cDomain: DirectiveSpec = { argument: 'required', content: 'rst' }

/** Built-in directives: docutils', Sphinx's and the kernel's, as the kernel docs use them. */
export const defaultDirectives: Readonly<Record<string, DirectiveSpec>> = {
  note: admonition, warning: admonition, attention: admonition, caution: admonition, danger: admonition,
  error: admonition, hint: admonition, important: admonition, tip: admonition,
  admonition: { argument: 'required', build: 'admonition' },
  seealso: { argument: 'optional', content: 'rst' },
  'code-block': { argument: 'optional', content: 'text', build: 'code' },
  code: { argument: 'optional', content: 'text', build: 'code' },
  sourcecode: { argument: 'optional', content: 'text', build: 'code' },
  'parsed-literal': { content: 'text', build: 'parsed-literal' },
  highlight: argOnly,
  literalinclude: argOnly,
  include: { argument: 'required', content: 'none', build: 'include' },
  'kernel-include': { argument: 'required', content: 'none' },
  raw: { argument: 'required', content: 'text', build: 'raw' },
  contents: argOnly, sectnum: argOnly, 'section-numbering': argOnly, header: rstArg, footer: rstArg,
  toctree: { content: 'text' },
  'kernel-doc': argOnly, 'kernel-abi': argOnly, 'kernel-feat': argOnly, 'maintainers-include': argOnly,
  'kernel-figure': rstArg, 'kernel-image': argOnly, 'kernel-render': textArg,
  'c:function': cDomain, 'c:macro': cDomain, 'c:type': cDomain, 'c:struct': cDomain, 'c:union': cDomain,
  'c:enum': cDomain, 'c:enumerator': cDomain, 'c:var': cDomain, 'c:member': cDomain, 'c:namespace': argOnly,
  'c:namespace-push': argOnly, 'c:namespace-pop': argOnly, 'c:alias': argOnly,
  only: { argument: 'required', content: 'rst', sections: true, build: 'only' },
  ifconfig: { argument: 'required', content: 'rst', sections: true },
  image: argOnly, figure: rstArg,
  table: { argument: 'optional', build: 'table' },
  'list-table': { argument: 'optional', build: 'list-table' },
  'csv-table': { argument: 'optional', content: 'text', build: 'csv-table' },
  'flat-table': { argument: 'optional', content: 'rst' },
  rubric: argOnly, topic: rstArg, sidebar: rstArg, container: rstArg, class: rstArg, compound: { content: 'rst' },
  epigraph: { build: 'quote' }, highlights: { build: 'quote' }, 'pull-quote': { build: 'quote' },
  'line-block': { content: 'rst' },
  math: textArg, tabularcolumns: argOnly, centered: argOnly, hlist: { content: 'rst' }, glossary: { content: 'rst' },
  productionlist: textArg, index: textArg, meta: { content: 'text' }, title: argOnly, 'default-role': { argument: 'optional', content: 'none', build: 'default-role' },
  role: { argument: 'required', content: 'none', build: 'role' }, 'default-domain': argOnly, versionadded: rstArg, versionchanged: rstArg, deprecated: rstArg,
  replace: { content: 'none', argument: 'optional' }, unicode: argOnly, date: argOnly,
  'cssclass': rstArg, 'rst-class': rstArg, 'spelling:word-list': { content: 'text' },
}

/** Whether a line is an option line (`:name:` or `:name: value`). */
function isOptionLine(t: string): boolean {
  return /^:(?![ :])[^:]{0,200}?[^ \\]:(?: |$)/.test(t.slice(0, 256)) || /^:[^ :]:(?: |$)/.test(t)
}

/** The parts of a directive block. */
interface Parts {
  argument: string
  options: Record<string, string>
  content: Ln[]
}

/** Split a directive block into argument, options and content. */
function split(lines: Ln[], spec: DirectiveSpec | undefined): Parts {
  const takesArgument = spec === undefined || (spec.argument ?? 'none') !== 'none'
  // docutils drops a blank first line (nothing after `::`) before splitting.
  if (lines.length > 0 && lines[0].t.trim() === '') lines = lines.slice(1)
  let k = 0
  while (k < lines.length && lines[k].t.trim() !== '') k++
  let argBlock = lines.slice(0, k)
  let content = lines.slice(k + 1)
  const options: Record<string, string> = {}
  const optionAt = argBlock.findIndex((ln, index) => (index > 0 || ln.t.startsWith(':')) && isOptionLine(ln.t.trimStart()))
  if (optionAt >= 0) {
    for (const ln of argBlock.slice(optionAt)) {
      const t = ln.t.trim()
      const match = /^:([^:]+):(?: +(.*))?$/.exec(t.length < 4096 ? t : t.slice(0, 4096))
      if (match) options[match[1].trim().toLowerCase()] = (match[2] ?? '').trim()
      else {
        const keys = Object.keys(options)
        if (keys.length > 0) options[keys[keys.length - 1]] = `${options[keys[keys.length - 1]]} ${t}`.trim()
      }
    }
    argBlock = argBlock.slice(0, optionAt)
  }
  if (!takesArgument && argBlock.some((ln) => ln.t.trim() !== '')) {
    content = [...argBlock, ...lines.slice(k)]
    argBlock = []
  }
  const argument = argBlock.map((ln) => ln.t.trim()).join(' ').trim()
  while (content.length > 0 && content[0].t === '') content.shift()
  while (content.length > 0 && content[content.length - 1].t === '') content.pop()
  return { argument, options, content: dedentContent(content) }
}

/** Remove the content's common indentation (content after options may be indented further). */
function dedentContent(lines: Ln[]): Ln[] {
  let min = Infinity
  for (const ln of lines) if (ln.t !== '') min = Math.min(min, ln.t.length - ln.t.trimStart().length)
  if (!Number.isFinite(min) || min === 0) return lines
  return lines.map((ln) => (ln.t === '' ? ln : { t: ln.t.slice(min), l: ln.l, c: ln.c + min }))
}

/**
 * Build the node for a directive.
 *
 * @param ctx
 *   Context.
 * @param name
 *   Directive name, lowercased.
 * @param lines
 *   The block after `name::` (first line: the rest of the marker line).
 * @param marker
 *   The `..` line.
 * @param position
 *   Position of the whole block.
 * @returns
 *   A block node.
 */
export function directive(ctx: Context, name: string, lines: Ln[], marker: Ln, position: Position): RstBlockContent {
  const spec = ctx.directives[name]
  const parts = split(lines, spec)
  const value = parts.content.map((ln) => ln.t).join('\n')
  const node: Directive = { type: 'directive', name, argument: parts.argument, options: parts.options, value, children: [], position }
  if (!spec) {
    warn(ctx, `Unknown directive type \`${name}\``, position, rules.unknownDirective)
    node.data = { unknown: true }
    return node
  }
  if (spec.argument === 'required' && !parts.argument) {
    warn(ctx, `Directive \`${name}\` needs an argument`, position, rules.directiveInvalid)
  }
  const content = spec.content ?? 'rst'
  switch (spec.build) {
    case 'admonition': {
      const kind = name as Admonition['kind']
      const node: Admonition = { type: 'admonition', kind, children: ctx.parseBody(parts.content), position }
      if (kind === 'admonition') node.title = parts.argument
      return node
    }
    case 'code':
    case 'parsed-literal': {
      if (parts.content.length === 0) warn(ctx, `Content block expected for the \`${name}\` directive; none found`, position, rules.directiveInvalid)
      // parsed-literal: inline markup is interpreted; the text is what it
      // shows, laid out as written, and the phrasing (links kept) is its children.
      const phrasing = spec.build === 'code' ? undefined : parseInline(ctx, parts.content, { preserve: true })
      const code: Code | ParsedLiteral = {
        type: 'code',
        lang: parts.argument || null,
        meta: Object.keys(parts.options).length > 0 ? Object.entries(parts.options).map(([k, v]) => (v ? `${k}=${v}` : k)).join(' ') : null,
        value: phrasing ? plainText(phrasing) : value,
        data: { kind: spec.build === 'code' ? 'code-block' : 'parsed-literal' },
        position,
      }
      if (phrasing) Object.assign(code, { children: phrasing })
      // docutils' `code` numbers its lines with `:number-lines: [start]`.
      if (name === 'code' && parts.options['number-lines'] !== undefined) {
        const start = Number.parseInt(parts.options['number-lines'] || '1', 10)
        if (Number.isSafeInteger(start)) code.data!.numberLines = start
        else warn(ctx, `Invalid \`number-lines\` start: \`${parts.options['number-lines']}\``, position, rules.directiveInvalid)
      }
      return code
    }
    case 'raw': {
      if (ctx.options.allowRaw) {
        const html: Html = { type: 'html', value, position }
        return html as unknown as RstBlockContent
      }
      warn(ctx, 'Raw content is shown as text, never passed through (`allowRaw` is off)', position, rules.rawDisabled)
      return node
    }
    case 'include':
      return include(ctx, node)
    case 'role':
      defineRole(ctx, parts.argument, parts.options, position)
      return node
    case 'default-role':
      setDefaultRole(ctx, parts.argument, position)
      return node
    case 'only': {
      // Parsed either way (its problems are reported, as Sphinx reports
      // them); dropped when the build's tags do not satisfy the expression.
      const children = ctx.parseBody(parts.content, { sections: true })
      const keep = evaluateOnly(parts.argument, new Set(ctx.options.onlyTags ?? htmlBuildTags))
      if (keep === undefined) warn(ctx, `Cannot evaluate the \`only\` expression \`${parts.argument}\`; content kept`, position, rules.directiveInvalid)
      if (keep === false) node.data = { excluded: true }
      else node.children = children
      return node
    }
    case 'list-table':
      return listTable(ctx, node, ctx.parseBody(parts.content))
    case 'csv-table':
      return csvTable(ctx, node, parts.content)
    case 'table': {
      const children = ctx.parseBody(parts.content)
      const table = children.find((child) => child.type === 'table')
      if (table && children.length === 1) {
        table.position = position
        if (parts.argument) table.data = { ...table.data, caption: parts.argument } as typeof table.data
        return table
      }
      node.children = children
      return node
    }
    case 'quote': {
      const quote: Blockquote = { type: 'blockquote', children: quoteContent(ctx, parts.content), data: { kind: name, hProperties: { className: [name] } } as Blockquote['data'], position }
      return quote
    }
    default:
      break
  }
  if (content === 'rst') node.children = ctx.parseBody(parts.content, { sections: spec.sections === true })
  else if (content === 'none' && parts.content.length > 0 && name !== 'replace') {
    warn(ctx, `No content permitted in the \`${name}\` directive`, position, rules.directiveInvalid)
  }
  return node
}

/** Plain text of phrasing nodes. */
function plainText(nodes: readonly unknown[]): string {
  return nodes
    .map((entry) => {
      const node = entry as { value?: unknown; children?: unknown }
      return typeof node.value === 'string' ? node.value : Array.isArray(node.children) ? plainText(node.children) : ''
    })
    .join('')
}

/**
 * Phrasing for a directive in a substitution definition: `image` gives an
 * mdast `image`, `unicode` its characters; others give nothing (the
 * definition keeps the directive).
 */
export function substitutionPhrasing(node: Directive): PhrasingContent[] | undefined {
  if (node.name === 'image') {
    return [{ type: 'image', url: node.argument.replace(/\s+/g, ''), alt: node.options.alt ?? null, title: null, position: node.position }]
  }
  if (node.name === 'unicode') {
    const text = node.argument
      .split(/\s\.\.\s/)[0]
      .split(/\s+/)
      .filter(Boolean)
      .map((token) => {
        const match = /^(?:0x|x|\\x|U\+|u|\\u|&#x)([0-9a-f]+);?$/i.exec(token)
        const code = match ? Number.parseInt(match[1], 16) : /^[0-9]+$/.test(token) ? Number.parseInt(token, 10) : Number.NaN
        return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : token
      })
      .join('')
    return [{ type: 'text', value: text, position: node.position }]
  }
  return undefined
}

/** Re-position every node of a subtree (content that comes from elsewhere, e.g. an include). */
export function reposition(nodes: RootContent[], position: Position): void {
  for (const node of nodes) {
    node.position = { start: { ...position.start }, end: { ...position.end } }
    if ('children' in node && Array.isArray(node.children)) reposition(node.children as RootContent[], position)
  }
}
