/**
 * Structural checks on rendered HTML: the output is parsed back with
 * hast-util-from-html (as a browser would), never searched with regexes.
 */
import type { Element, Nodes, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import type { KnownVersion } from '../../src/knowledge/build.ts'
import type { Deprecation } from '../../src/knowledge/derive.ts'
import { renderVersion, type RenderedVersion } from '../../src/render/render.ts'

/** Parse rendered HTML as a fragment. */
export function parse(html: string): Root {
  return fromHtml(html, { fragment: true })
}

/** Every element of a tree, in document order. */
export function elements(node: Nodes): Element[] {
  const found: Element[] = []
  const walk = (each: Nodes) => {
    if (each.type === 'element') found.push(each)
    if ('children' in each) for (const child of each.children) walk(child as Nodes)
  }
  walk(node)
  return found
}

/** The text content of a node. */
export function text(node: Nodes): string {
  if (node.type === 'text') return node.value
  if ('children' in node) return (node.children as Nodes[]).map(text).join('')
  return ''
}

/** The classes of an element. */
export function classes(node: Element): string[] {
  const value = node.properties.className
  return Array.isArray(value) ? value.map(String) : []
}

/** The ancestors of every element, innermost last. */
export function withAncestors(tree: Root): Array<{ node: Element; ancestors: Element[] }> {
  const found: Array<{ node: Element; ancestors: Element[] }> = []
  const walk = (each: Nodes, ancestors: Element[]) => {
    if (each.type === 'element') found.push({ node: each, ancestors })
    const next = each.type === 'element' ? [...ancestors, each] : ancestors
    if ('children' in each) for (const child of each.children) walk(child as Nodes, next)
  }
  walk(tree, [])
  return found
}

/**
 * What the site computes from the version history: for each API deprecated in
 * `version`, the first version on its line of ancestry where it is
 * deprecated, and the last patch that made that version.
 */
export function deprecationsOf(versions: readonly KnownVersion[], version: KnownVersion): Record<string, Deprecation> {
  const byId = new Map(versions.map((each) => [each.id, each]))
  const line: KnownVersion[] = []
  for (let at: KnownVersion | undefined = version; at; at = at.parent ? byId.get(at.parent) : undefined) line.unshift(at)
  const result: Record<string, Deprecation> = {}
  for (const record of version.records) {
    if (record.status !== 'deprecated') continue
    const since = line.find((each) => each.records.some((other) => other.name === record.name && other.status === 'deprecated')) ?? version
    const patch = since.patches[since.patches.length - 1]
    result[record.name] = { since: { id: since.id, label: since.label }, patch: patch ? { subject: patch.subject, messageId: patch.messageId } : null }
  }
  return result
}

/** Render a known version the way the site does. */
export function renderKnown(versions: readonly KnownVersion[], version: KnownVersion): RenderedVersion {
  return renderVersion({
    tree: version.tree,
    records: version.records,
    document: version.document,
    version: version.id,
    deprecations: deprecationsOf(versions, version),
  })
}
