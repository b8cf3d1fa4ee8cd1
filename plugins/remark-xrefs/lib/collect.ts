import type { Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Target } from '../../rst-parse/index.ts'
import { makeId } from '../../rst-parse/lib/chars.ts'

/** Where a `:ref:` label points: a document and the anchor of its target, with the section title Sphinx would show. */
export interface XrefTarget {
  document: string
  anchor: string
  title?: string
}

/**
 * What cross-document references resolve against, built once per site from
 * every document's tree: labels (`.. _sysfs_interface:`) and document paths.
 */
export interface XrefIndex {
  /** By label identifier (lowercase, whitespace folded), as docutils normalises them. */
  labels: Record<string, XrefTarget>
  /** Document id by path without `.rst` (`Documentation/mm/highmem` → `mm/highmem`). */
  documents: Record<string, string>
}

/**
 * Collect the labels and paths of documents. A label that stands right before
 * a section title takes that title (what `:ref:` shows without an explicit
 * title). When two documents define a label, the first (in the given order)
 * keeps it, as Sphinx warns and keeps one.
 */
export function collectXrefs(documents: ReadonlyArray<{ document: string; path: string; tree: Root }>): XrefIndex {
  const index: XrefIndex = { labels: {}, documents: {} }
  for (const { document, path, tree } of documents) {
    index.documents[path.replace(/\.rst$/, '')] ??= document
    const children = tree.children as RootContent[]
    children.forEach((node, position) => {
      if (node.type !== 'target') return
      const target: Target = node
      if (target.anonymous || target.url || target.refname || !target.identifier) return
      let title: string | undefined
      for (const next of children.slice(position + 1)) {
        if (next.type === 'heading') title = toString(next)
        if (next.type !== 'target') break
      }
      index.labels[target.identifier] ??= { document, anchor: makeId(target.identifier), ...(title ? { title } : {}) }
    })
  }
  return index
}
