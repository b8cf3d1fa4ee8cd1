/**
 * Inline half of Strata's outline (see `mdast-outline.ts`): the plain text and
 * the inline signature of phrasing content, as `docutils_outline.py`'s
 * `inline()` makes them (one `kind:text` entry per inline element).
 */
import { fold } from './outline.ts'

/** Any unist node, read field by field. */
export interface AnyNode {
  type: string
  children?: AnyNode[]
  value?: string
  position?: { start: { line: number; offset?: number }; end?: { line: number; offset?: number } }
  data?: Record<string, unknown>
  [field: string]: unknown
}

/** Standard docutils roles and aliases → the inline node docutils makes. */
const STANDARD_ROLES: Record<string, string> = {
  emphasis: 'emphasis',
  strong: 'strong',
  literal: 'literal',
  code: 'literal',
  'title-reference': 'title_reference',
  title: 'title_reference',
  t: 'title_reference',
  subscript: 'subscript',
  sub: 'subscript',
  superscript: 'superscript',
  sup: 'superscript',
  abbreviation: 'abbreviation',
  ab: 'abbreviation',
  acronym: 'acronym',
  ac: 'acronym',
  math: 'math',
  'pep-reference': 'reference',
  pep: 'reference',
  'rfc-reference': 'reference',
  rfc: 'reference',
  raw: 'raw',
}

/**
 * Whether a link's URL is written where the link is (standalone URI, e-mail,
 * embedded `` `text <uri>`_ ``, a PEP/RFC role) rather than found by
 * resolving a name or an anonymous target (the link comparison checks those).
 *
 * @param link
 *   Link node.
 * @returns
 *   Whether the URL is compared.
 */
function writtenInPlace(link: AnyNode): boolean {
  return Boolean(link.data?.embedded) || (!link.data?.refname && !link.data?.anonymous)
}

/**
 * Footnote label without numbering: `#`, `#name`, `*` or the number.
 *
 * @param node
 *   `footnoteDefinition` or `footnoteReference`.
 * @returns
 *   Label.
 */
export function footnoteLabel(node: AnyNode): string {
  const auto = node.data?.auto
  const label = String(node.label ?? node.identifier ?? '')
  if (auto === '*') return '*'
  if (auto === '#') return label.startsWith('#') ? label : `#${label}`
  return label
}

/**
 * Plain text and inline signature of phrasing content, as the Python side's
 * `inline()`.
 *
 * @param children
 *   Phrasing nodes.
 * @returns
 *   Folded text and `kind:text` entries in document order.
 */
export function inline(children: AnyNode[]): { text: string; signature: string[] } {
  const parts: string[] = []
  const signature: string[] = []
  collect(children, parts, signature)
  return { text: fold(parts.join('')), signature }
}

/**
 * Append the text of `children` to `parts` and their kinds to `signature`.
 *
 * @param children
 *   Phrasing nodes.
 * @param parts
 *   Text pieces.
 * @param signature
 *   Signature entries.
 */
function collect(children: AnyNode[], parts: string[], signature: string[]): void {
  for (const child of children) {
    const kind = inlineKind(child)
    switch (child.type) {
      case 'text':
        parts.push(child.value ?? '')
        continue
      case 'footnoteReference':
      case 'citationReference': {
        const label = child.type === 'footnoteReference' ? footnoteLabel(child) : String(child.label ?? '')
        signature.push(`${child.type === 'footnoteReference' ? 'footnote_reference' : 'citation_reference'}:${label}`)
        parts.push(`[${label}]`)
        continue
      }
      case 'substitutionReference':
        signature.push(`substitution_reference:${child.name}`)
        parts.push(`|${child.name}|`)
        continue
      case 'image':
        signature.push(`image:${child.url ?? ''}`)
        continue
      case 'inlineCode':
      case 'inlineMath':
        signature.push(`${kind}:${fold(child.value ?? '')}`)
        parts.push(child.value ?? '')
        continue
      case 'break':
        parts.push('\n')
        continue
    }
    if (kind) {
      const subParts: string[] = []
      const subSignature: string[] = []
      collect(child.children ?? [], subParts, subSignature)
      if (child.children === undefined && typeof child.value === 'string') subParts.push(child.value)
      let entry = `${kind}:${fold(subParts.join(''))}`
      // A URI written in place; one resolved from a name or an anonymous
      // target is post-processing, which docutils' side leaves out too.
      if (child.type === 'link' && child.url && writtenInPlace(child)) entry += ` -> ${child.url}`
      signature.push(entry, ...subSignature)
      parts.push(...subParts)
    } else if (child.children) {
      collect(child.children, parts, signature)
    } else if (typeof child.value === 'string') {
      parts.push(child.value)
    }
  }
}

/**
 * The docutils inline kind of a phrasing node, or `undefined` when it is
 * transparent (its children count, it does not).
 *
 * @param node
 *   Phrasing node.
 * @returns
 *   Kind.
 */
function inlineKind(node: AnyNode): string | undefined {
  switch (node.type) {
    case 'emphasis':
    case 'strong':
      return node.type
    case 'inlineCode':
      return 'literal'
    case 'inlineMath':
      return 'math'
    case 'link':
    case 'linkReference':
      return 'reference'
    case 'target':
      return 'target'
    case 'html':
      return 'raw'
    case 'role': {
      const name = String(node.name ?? '').toLowerCase()
      // A refused raw role reads as its source (docutils' `problematic`);
      // a class-only custom role is docutils' plain `inline`: both transparent.
      if (node.data?.refused || (name === 'inline' && !node.data?.unknown)) return undefined
      return STANDARD_ROLES[name] ?? `role:${name}`
    }
    default:
      return undefined
  }
}
