import type { BlockContent, List, ListItem, PhrasingContent, Root, RootContent } from 'mdast'
import type { VFile } from 'vfile'
import type { Directive } from '../../rst-parse/index.ts'
import { toctreeEntries, toctreeSettings, type ToctreeContext, type ToctreeEntry, type ToctreeSettings } from './entries.ts'
import type { DocumentSection } from './sections.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'

/** Configuration: the site as this document sees it. */
export interface Options extends ToctreeContext {
  /** This document's id (`self` entries and nesting stop at it). */
  document: string
  /** The page of a document, in the version this page links to. */
  urlOf: (document: string) => string
  /** The title of a document, shown when an entry has none of its own. */
  titleOf: (document: string) => string
  /** A document's headings, title first (default: none, so entries show titles only). */
  sectionsOf?: ((document: string) => readonly DocumentSection[]) | null
  /** The documents a document's own toctrees list, for nesting to `:maxdepth:` (default: none). */
  toctreeOf?: ((document: string) => readonly string[]) | null
}

const { source } = diagnosticRules.toctree
export const toctreeRules = diagnosticRules.toctree.rules

const isToctree = (node: RootContent): node is Directive => node.type === 'directive' && node.name === 'toctree'

/**
 * The documents a tree's toctrees list, in order, hidden ones too (Sphinx's
 * sidebar shows them): what navigation is built from. Each once.
 *
 * @param tree
 *   The document.
 * @param context
 *   The site's documents and this document's path.
 * @returns
 *   Document ids.
 */
export function toctreeDocuments(tree: Root, context: Readonly<ToctreeContext>): string[] {
  const found = new Set<string>()
  const walk = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (isToctree(node)) {
        for (const entry of toctreeEntries(node, context)) if (entry.kind === 'document') found.add(entry.document)
      } else if ('children' in node && node.type !== 'paragraph') walk(node.children as RootContent[])
    }
  }
  walk(tree.children)
  return [...found]
}

/**
 * Render every `toctree` directive as Sphinx shows it in the page: a list
 * of links to the listed documents' pages, each with the document's title
 * (or the entry's own), their sections and nested toctrees down to
 * `:maxdepth:` (documents only with `:titlesonly:`), numbered with
 * `:numbered:`, under its `:caption:`; a `:hidden:` one shows nothing. An
 * entry naming a document that is not in the site stays as plain text and
 * becomes a located warning, so no page links to a missing page. Changes the
 * tree in place: each directive becomes a `div.toctree` (a blockquote node
 * with `hName`), never raw HTML.
 *
 * @param options
 *   The site as this document sees it.
 * @returns
 *   Transform.
 */
export function remarkToctree(options: Readonly<Options>) {
  if (typeof options?.urlOf !== 'function' || typeof options.titleOf !== 'function' || !options.documents) {
    throw new TypeError('remarkToctree: `documents`, `urlOf` and `titleOf` are required')
  }
  const settings: Resolved = { ...options, sectionsOf: options.sectionsOf ?? (() => []), toctreeOf: options.toctreeOf ?? (() => []) }
  return function (tree: Root, file: VFile): undefined {
    const walk = (parent: { children: RootContent[] }) => {
      for (let index = 0; index < parent.children.length; index++) {
        const node = parent.children[index]
        if (!isToctree(node)) {
          if ('children' in node && node.type !== 'paragraph') walk(node as unknown as { children: RootContent[] })
          continue
        }
        const rendered = renderToctree(node, settings, file)
        parent.children.splice(index, 1, ...rendered)
        index += rendered.length - 1
      }
    }
    walk(tree)
  }
}

type Resolved = Omit<Options, 'sectionsOf' | 'toctreeOf'> & {
  sectionsOf: (document: string) => readonly DocumentSection[]
  toctreeOf: (document: string) => readonly string[]
}

function renderToctree(node: Directive, options: Resolved, file: VFile): RootContent[] {
  const toctree = toctreeSettings(node)
  const entries = toctreeEntries(node, options)
  for (const entry of entries) {
    if (entry.kind !== 'missing') continue
    const reason = entry.glob
      ? `toctree glob pattern \`${entry.name}\` matches no document of the site`
      : `toctree entry \`${entry.name}\` names a document that is not in the site`
    file.message(reason, { place: { line: entry.line, column: node.position?.start.column ?? 1 }, ruleId: entry.glob ? toctreeRules.noMatch : toctreeRules.missing, source })
  }
  if (toctree.hidden) return []
  // Each document is expanded once per toctree: a web of toctrees that list
  // each other (diamonds, cycles) costs linear time, never exponential.
  const expanded = new Set([options.document])
  const items = entries.flatMap((entry, at) => {
    const item = entryItem(entry, options, toctree, [at + 1], expanded)
    return item ? [item] : []
  })
  if (items.length === 0) return []
  const children: BlockContent[] = []
  if (toctree.caption) children.push({ type: 'paragraph', children: [{ type: 'text', value: toctree.caption }], data: { hProperties: { className: ['topic-title'] } } })
  children.push(list(items))
  const wrapper: RootContent = { type: 'blockquote', children, data: { hName: 'div', hProperties: { className: ['toctree'] } } }
  if (node.position) wrapper.position = node.position
  return [wrapper]
}

const list = (children: ListItem[]): List => ({ type: 'list', ordered: false, spread: false, children })

function item(content: PhrasingContent[], nested: ListItem[]): ListItem {
  const children: ListItem['children'] = [{ type: 'paragraph', children: content }]
  if (nested.length > 0) children.push(list(nested))
  return { type: 'listItem', spread: false, children }
}

/** `1.2. ` for the levels `:numbered:` covers. */
function numberOf(numbers: readonly number[], toctree: ToctreeSettings): string {
  return numbers.length <= toctree.numbered ? `${numbers.join('.')}. ` : ''
}

function link(url: string, text: string): PhrasingContent {
  return { type: 'link', url, children: [{ type: 'text', value: text }], data: { hProperties: { className: ['reference', 'internal'] } } }
}

function entryItem(entry: ToctreeEntry, options: Resolved, toctree: ToctreeSettings, numbers: number[], expanded: Set<string>): ListItem | undefined {
  const number = numberOf(numbers, toctree)
  switch (entry.kind) {
    case 'missing':
      return entry.glob ? undefined : item([{ type: 'text', value: number + (entry.title ?? entry.name) }], [])
    case 'url':
      return item([{ type: 'link', url: entry.url, children: [{ type: 'text', value: number + (entry.title ?? entry.url) }] }], [])
    case 'self':
      return item([link(options.urlOf(options.document), number + (entry.title ?? options.titleOf(options.document)))], [])
    case 'document':
      return item(
        [link(options.urlOf(entry.document), number + (entry.title ?? options.titleOf(entry.document)))],
        expanded.has(entry.document) ? [] : below(entry.document, options, toctree, numbers, expanded),
      )
  }
}

/**
 * What an entry shows below its title, down to `:maxdepth:`: the document's
 * sections (unless `:titlesonly:`), then the documents its own toctrees list
 * that this toctree has not expanded yet (`expanded`, which this adds to).
 */
function below(document: string, options: Resolved, toctree: ToctreeSettings, numbers: number[], expanded: Set<string>): ListItem[] {
  if (numbers.length >= toctree.maxdepth) return []
  expanded.add(document)
  const items: ListItem[] = []
  if (!toctree.titlesonly) {
    const [title, ...rest] = options.sectionsOf(document)
    if (title) items.push(...sectionItems(rest, options.urlOf(document), toctree, numbers))
  }
  for (const child of options.toctreeOf(document)) {
    if (expanded.has(child)) continue
    const at = [...numbers, items.length + 1]
    items.push(item([link(options.urlOf(child), numberOf(at, toctree) + options.titleOf(child))], below(child, options, toctree, at, expanded)))
  }
  return items
}

/** Sections as nested items, one level per heading rank, down to `:maxdepth:`. */
function sectionItems(sections: readonly DocumentSection[], url: string, toctree: ToctreeSettings, numbers: number[]): ListItem[] {
  const items: ListItem[] = []
  let at = 0
  while (at < sections.length) {
    const top = sections[at].depth
    let end = at + 1
    while (end < sections.length && sections[end].depth > top) end++
    const position = [...numbers, items.length + 1]
    const nested = position.length < toctree.maxdepth ? sectionItems(sections.slice(at + 1, end), url, toctree, position) : []
    items.push(item([link(`${url}#${sections[at].id}`, numberOf(position, toctree) + sections[at].text)], nested))
    at = end
  }
  return items
}
