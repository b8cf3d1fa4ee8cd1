import type { InlineCode, Link, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast'
import type { Role } from '../../rst-parse/index.ts'
import type { ApiRecord } from '../../remark-api-records/index.ts'
import { apiLink, apiTitle, type ApiLinkContext } from './link.ts'
import { apiSpans, pointMapper } from './spans.ts'

export { apiClassName, apiLink, apiTitle, displayName, type ApiLinkContext } from './link.ts'
export { apiSpans, pointMapper, type ApiSpan } from './spans.ts'

/** Configuration. */
export interface Options {
  /** The records of the version being rendered; only names with a record are linked (required). */
  records: readonly ApiRecord[]
  /** The document id, for `apiUrlOf` (required). */
  document: string
  /** The version id, for `apiUrlOf` (required). */
  version: string
  /** The URL of an API's page from its document, version and name (required). */
  apiUrlOf: (document: string, version: string, name: string) => string
}

/** Resolved configuration. */
interface Settings extends ApiLinkContext {
  byName: ReadonlyMap<string, ApiRecord>
}

// Nodes whose text is not prose to link: links already are links, headings
// carry the anchors and the table of contents, roles other than the C
// domain's render as links or literals of their own (`:ref:`, `:doc:`,
// `:file:`), the others are names or raw.
const skip = new Set(['link', 'linkReference', 'heading', 'role', 'definition', 'target', 'comment', 'code', 'html', 'footnoteReference', 'citationReference', 'substitutionDefinition'])
// C-domain roles name an API as their target: `:c:func:`kmap``.
const cRole = /^c:(?:func|macro|type|data|member|struct|union|enum|var)$/

/**
 * Resolve the options once, at attach time; bad configuration throws here.
 *
 * @param options
 *   Configuration.
 * @returns
 *   Settings.
 */
export function resolveApiLinkOptions(options: Readonly<Options> | null | undefined): Settings {
  if (!options || !Array.isArray(options.records)) throw new TypeError('remarkApiLinks: `records` must be an array of API records')
  if (typeof options.document !== 'string' || typeof options.version !== 'string') {
    throw new TypeError('remarkApiLinks: `document` and `version` must be strings')
  }
  if (typeof options.apiUrlOf !== 'function') throw new TypeError('remarkApiLinks: `apiUrlOf` must be a function')
  const byName = new Map<string, ApiRecord>()
  for (const record of options.records) if (!byName.has(record.name)) byName.set(record.name, record)
  return { byName, document: options.document, version: options.version, apiUrlOf: options.apiUrlOf }
}

/**
 * Link every API named in prose to its page, with its status as classes and
 * a tooltip (see `link.ts`). Text nodes are split around the names, keeping
 * source positions where they can be computed; an inline literal that is
 * exactly a call (``kmap(page)``) and a C-domain role are wrapped whole.
 *
 * @param tree
 *   The tree, changed in place.
 * @param settings
 *   Resolved settings.
 * @returns
 *   Nothing.
 */
export function mdastLinkApis(tree: Root, settings: Settings): undefined {
  const titles = new Map<string, string>()
  const title = (names: string[]) => {
    const key = names.join(' ')
    let value = titles.get(key)
    if (value === undefined) {
      value = names.flatMap((name) => {
        const record = settings.byName.get(name)
        return record ? [apiTitle(record, settings.byName)] : []
      }).join('; ')
      titles.set(key, value)
    }
    return value
  }
  const known = (names: string[]) => names.map((name) => settings.byName.get(name)).find((record) => record !== undefined)

  const linkText = (node: Text): PhrasingContent[] | undefined => {
    const spans = apiSpans(node.value).filter((span) => known(span.names))
    if (spans.length === 0) return undefined
    const point = pointMapper(node.value, node.position)
    const place = (start: number, end: number) => (point ? { start: point(start), end: point(end) } : undefined)
    const pieces: PhrasingContent[] = []
    const text = (start: number, end: number) => {
      if (end <= start) return
      const piece: Text = { type: 'text', value: node.value.slice(start, end) }
      const position = place(start, end)
      if (position) piece.position = position
      pieces.push(piece)
    }
    let at = 0
    for (const span of spans) {
      text(at, span.start)
      const inner: Text = { type: 'text', value: node.value.slice(span.start, span.end) }
      const position = place(span.start, span.end)
      if (position) inner.position = position
      pieces.push(apiLink(known(span.names)!, title(span.names), [inner], settings, position))
      at = span.end
    }
    text(at, node.value.length)
    return pieces
  }

  const linkCode = (node: InlineCode): Link | undefined => {
    const trimmed = node.value.trim().replace(/;$/, '')
    const spans = apiSpans(trimmed)
    const span = spans[0]
    if (spans.length !== 1 || span.start !== 0 || span.end !== trimmed.length) return undefined
    const record = known(span.names)
    return record ? apiLink(record, title(span.names), [node], settings, node.position) : undefined
  }

  const linkRole = (node: Role): Link | undefined => {
    if (!cRole.test(node.name)) return undefined
    const name = (node.target ?? node.value).trim().replace(/^~/, '').replace(/\(\)$/, '')
    const record = settings.byName.get(name)
    return record ? apiLink(record, title([name]), [node], settings, node.position) : undefined
  }

  const walk = (parent: Parent) => {
    const next: Nodes[] = []
    let changed = false
    for (const child of parent.children as Nodes[]) {
      let replacement: Nodes[] | Nodes | undefined
      if (child.type === 'text') replacement = linkText(child)
      else if (child.type === 'inlineCode') replacement = linkCode(child)
      else if (child.type === 'role') replacement = linkRole(child)
      else if ('children' in child && !skip.has(child.type)) walk(child)
      if (replacement) {
        changed = true
        next.push(...(Array.isArray(replacement) ? replacement : [replacement]))
      } else next.push(child)
    }
    if (changed) parent.children = next as Parent['children']
  }
  walk(tree)
  return undefined
}

/**
 * Link API names to their pages (see {@link mdastLinkApis}).
 *
 * @param options
 *   Configuration (required: the records, document, version and `apiUrlOf`).
 * @returns
 *   Transform that changes the tree in place.
 */
export function remarkApiLinks(options: Readonly<Options>) {
  const settings = resolveApiLinkOptions(options)
  /**
   * @param tree
   *   The version's tree.
   * @returns
   *   Nothing.
   */
  return function (tree: Root): undefined {
    return mdastLinkApis(tree, settings)
  }
}
