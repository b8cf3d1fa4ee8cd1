/**
 * remark-rehype handlers for the reST-only nodes (and for the standard ones
 * whose reST flavour needs more than mdast-util-to-hast's default: headings
 * with their docutils ids, tables with header rows and spans, footnotes and
 * citations rendered in place as docutils does). Every handler builds hast
 * nodes; none emits an HTML string, so sanitising stays strict.
 */
import type { Element, ElementContent, Properties } from 'hast'
import type { Code, FootnoteDefinition, FootnoteReference, Heading, Table, TableRow } from 'mdast'
import { defaultHandlers, type Handler, type Handlers } from 'mdast-util-to-hast'
import { all, done, h, text } from './to-hast-helpers.ts'
import { admonition, directive } from './to-hast-directives.ts'
import type {
  Attribution,
  Citation,
  CitationReference,
  DefinitionList,
  DoctestBlock,
  FieldList,
  Line,
  LineBlock,
  OptionList,
  ParsedLiteral,
  Role,
  SubstitutionReference,
  Target,
} from './types.ts'
import { citationId, footnoteId, makeId } from './chars.ts'

/** Tag of a known role with a code-like rendering. */
const codeRoles = new Set(['file', 'samp', 'command', 'program', 'envvar', 'makevar', 'mimetype', 'regexp', 'option', 'keyword', 'c:expr', 'c:texpr', 'raw', 'math'])

/** Roles: `<kbd>`, `<cite>`, `<sub>`/`<sup>`, `<abbr>`, links for `ref`/`doc`/PEP/RFC, `<code>` for C and file-like roles. */
const role: Handler = (state, node: Role) => {
  const children = all(state, node)
  const cls = ['role', `role-${makeId(node.name) || 'unknown'}`]
  if (node.data?.unknown) return done(state, node, h('code', { className: [...cls, 'role-unknown'] }, [text(`:${node.name}:\`${node.value}\``)]))
  switch (node.name) {
    case 'kbd':
      return done(state, node, h('kbd', { className: cls }, children))
    case 'title-reference':
      return done(state, node, h('cite', {}, children))
    case 'subscript':
      return done(state, node, h('sub', {}, children))
    case 'superscript':
      return done(state, node, h('sup', {}, children))
    case 'abbreviation':
    case 'acronym':
      return done(state, node, h('abbr', {}, children))
    case 'dfn':
    case 'term':
      return done(state, node, h('dfn', { className: cls }, children))
    case 'pep-reference': {
      const number = node.value.trim().replace(/#.*$/, '')
      return done(state, node, h('a', { href: `https://peps.python.org/pep-${number.padStart(4, '0')}/`, className: cls }, [text(`PEP ${number}`)]))
    }
    case 'rfc-reference': {
      const number = node.value.trim().replace(/#.*$/, '')
      return done(state, node, h('a', { href: `https://datatracker.ietf.org/doc/html/rfc${number}`, className: cls }, [text(`RFC ${number}`)]))
    }
    case 'ref':
    case 'numref':
      return done(state, node, h('a', { href: `#${makeId(node.target ?? node.value)}`, className: [...cls, 'reference', 'internal'] }, children))
    case 'doc':
      return done(state, node, h('a', { href: node.target ?? node.value, className: [...cls, 'reference', 'internal'] }, children))
    case 'manpage':
      return done(state, node, h('em', { className: cls }, children))
    default:
      break
  }
  if (node.name.startsWith('c:') || node.name.startsWith('cpp:')) {
    const display = node.name === 'c:func' && !/\)$/.test(node.target ?? '') ? [...children, text('()')] : children
    return done(state, node, h('code', { className: [...cls, 'xref'] }, display))
  }
  if (codeRoles.has(node.name)) return done(state, node, h('code', { className: cls }, children))
  return done(state, node, h('span', { className: cls }, children))
}

/** Internal targets become an empty anchor carrying the id; external ones render nothing. */
const target: Handler = (state, node: Target) => {
  if (node.url || node.refname) return node.inline ? all(state, node) : undefined
  return done(state, node, h('span', { id: node.data?.id ?? (makeId(node.identifier) || undefined), className: ['target'] }, all(state, node)))
}

/** Field lists as `<dl class="field-list">`. */
const fieldList: Handler = (state, node: FieldList) =>
  done(state, node, h('dl', { className: ['field-list'] }, node.children.flatMap((field) => [
    h('dt', {}, [text(field.name)]),
    h('dd', {}, all(state, field)),
  ])))

/** Definition lists as `<dl>`, classifiers as spans in the term. */
const definitionList: Handler = (state, node: DefinitionList) => {
  const children: ElementContent[] = []
  for (const item of node.children) {
    const term: ElementContent[] = []
    for (const part of item.children) {
      if (part.type === 'definitionTerm') term.push(...all(state, part))
      else if (part.type === 'classifier') term.push(text(' '), h('span', { className: ['classifier'] }, all(state, part)))
    }
    children.push(h('dt', {}, term))
    const description = item.children.find((part) => part.type === 'definitionDescription')
    children.push(h('dd', {}, description ? all(state, description) : []))
  }
  return done(state, node, h('dl', {}, children))
}

/** Option lists as `<dl class="option-list">`, each option a `<kbd>`. */
const optionList: Handler = (state, node: OptionList) =>
  done(state, node, h('dl', { className: ['option-list'] }, node.children.flatMap((item) => [
    h('dt', {}, item.options.flatMap((option, k) => [...(k > 0 ? [text(', ')] : []), h('kbd', {}, [text(option)])])),
    h('dd', {}, all(state, item)),
  ])))

/** Line blocks as nested `<div class="line-block">`. */
const lineBlock: Handler = (state, node: LineBlock) =>
  done(state, node, h('div', { className: ['line-block'] }, all(state, node)))

/** One line of a line block; an empty line keeps its height with a `<br>`. */
const line: Handler = (state, node: Line) => {
  const children = all(state, node)
  return done(state, node, h('div', { className: ['line'] }, children.length > 0 ? children : [h('br', {})]))
}

/** Doctest blocks as `<pre class="doctest-block">`. */
const doctestBlock: Handler = (state, node: DoctestBlock) =>
  done(state, node, h('pre', { className: ['doctest-block'] }, [h('code', {}, [text(node.value)])]))

/** A block quote's attribution, with the em dash docutils adds. */
const attribution: Handler = (state, node: Attribution) =>
  done(state, node, h('p', { className: ['attribution'] }, [text('\u2014 '), ...all(state, node)]))

/** The resolved content, or `|name|` as written when nothing defines it. */
const substitutionReference: Handler = (state, node: SubstitutionReference) => {
  const children = all(state, node)
  return node.children.length === 1 && node.children[0].type === 'text' && node.children[0].value === node.name
    ? [text(`|${node.name}|`)]
    : children
}

/** Footnotes in place (as docutils), not gathered at the end as GFM footnotes are. */
const footnoteDefinition: Handler = (state, node: FootnoteDefinition) =>
  done(state, node, h('aside', { className: ['footnote'], id: footnoteId(node.identifier) }, [
    h('span', { className: ['label'] }, [text(`[${node.identifier.startsWith('*') ? '*' : node.identifier}]`)]),
    ...all(state, node),
  ]))

/** A footnote reference: `[n]` linking to the footnote. */
const footnoteReference: Handler = (state, node: FootnoteReference) =>
  done(state, node, h('a', { className: ['footnote-reference'], href: `#${footnoteId(node.identifier)}` }, [
    text(`[${node.identifier.startsWith('*') ? '*' : node.identifier}]`),
  ]))

/** Citations in place, with their label. */
const citation: Handler = (state, node: Citation) =>
  done(state, node, h('div', { className: ['citation'], id: citationId(node.identifier) }, [
    h('span', { className: ['label'] }, [text(`[${node.label}]`)]),
    ...all(state, node),
  ]))

/** A citation reference: `[LABEL]` linking to the citation. */
const citationReference: Handler = (state, node: CitationReference) =>
  done(state, node, h('a', { className: ['citation-reference'], href: `#${citationId(node.identifier)}` }, [text(`[${node.label}]`)]))

/** Headings keep the docutils-style id the parser gave them, so `#id` references resolve. */
const heading: Handler = (state, node: Heading) =>
  done(state, node, h(`h${node.depth}`, node.data?.id ? { id: node.data.id } : {}, all(state, node)))

/** Tables: header rows in `<thead>`, spans as `colspan`/`rowspan`, a directive's title as `<caption>`. */
const table: Handler = (state, node: Table) => {
  const head: Element[] = []
  const body: Element[] = []
  for (const row of node.children as TableRow[]) {
    const isHeader = row.data?.header === true
    const cells = row.children.map((cell) => {
      const properties: Properties = {}
      if (cell.data?.colspan) properties.colSpan = cell.data.colspan
      if (cell.data?.rowspan) properties.rowSpan = cell.data.rowspan
      return done(state, cell, h(isHeader ? 'th' : 'td', properties, all(state, cell)))
    })
    ;(isHeader ? head : body).push(done(state, row, h('tr', {}, cells)))
  }
  const children: ElementContent[] = []
  const caption = (node.data as { caption?: string } | undefined)?.caption
  if (caption) children.push(h('caption', {}, [text(caption)]))
  if (head.length > 0) children.push(h('thead', {}, head))
  if (body.length > 0) children.push(h('tbody', {}, body))
  return done(state, node, h('table', {}, children))
}

/**
 * Literal blocks: mdast-util-to-hast's rendering, except a parsed-literal
 * (its phrasing rendered, links working, inside `<pre>`) and a `code` with
 * `:number-lines:` (each line after a `<span class="ln">` number, as docutils).
 */
const code: Handler = (state, node: Code) => {
  if (node.data?.kind === 'parsed-literal' && 'children' in node) {
    // Text and literals verbatim: the default handlers fold line breaks and
    // trim the indentation a literal block keeps.
    const parent = node as ParsedLiteral
    const children = parent.children.map((child): ElementContent =>
      child.type === 'text' ? text(child.value) : child.type === 'inlineCode' ? h('code', {}, [text(child.value)]) : (state.one(child, undefined) as ElementContent),
    )
    return done(state, node, h('pre', { className: ['parsed-literal'] }, [h('code', {}, children)]))
  }
  const start = node.data?.numberLines
  if (start === undefined) return defaultHandlers.code(state, node)
  const lines = node.value.split('\n')
  const width = String(start + lines.length).length
  const children = lines.flatMap((line, index): ElementContent[] => [
    h('span', { className: ['ln'] }, [text(`${String(start + index).padStart(width)} `)]),
    text(index < lines.length - 1 ? `${line}\n` : line),
  ])
  const properties: Properties = node.lang ? { className: [`language-${node.lang}`] } : {}
  return done(state, node, h('pre', {}, [h('code', properties, children)]))
}

/** Nothing rendered. */
const nothing: Handler = () => undefined

/** The handlers to pass to remark-rehype (`handlers: rstToHastHandlers`). */
export const rstToHastHandlers: Handlers = {
  admonition,
  code,
  directive,
  role,
  target,
  comment: nothing,
  substitutionDefinition: nothing,
  fieldList,
  definitionList,
  optionList,
  lineBlock,
  line,
  doctestBlock,
  attribution,
  substitutionReference,
  footnoteDefinition,
  footnoteReference,
  citation,
  citationReference,
  heading,
  table,
}
