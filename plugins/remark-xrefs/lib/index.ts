import type { Link, PhrasingContent, Root } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { Role } from '../../rst-parse/index.ts'
import type { XrefIndex } from './collect.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'

export interface Options {
  /** Labels and document paths of the whole site. */
  index: XrefIndex
  /** This document's id and path in the kernel tree. */
  document: string
  path: string
  /** Which version of another document a link goes to: the same id when it exists, else its newest. */
  versionOf: (document: string) => string
  /** The URL of a document version. */
  urlOf: (document: string, version: string) => string
  /** The title of a document, which `:doc:` shows when it has no title of its own, as Sphinx does (default: the target as written). */
  titleOf?: ((document: string) => string | undefined) | null
}

const { source, rules } = diagnosticRules.xrefs

/** Normalise a label as docutils does: lowercase, whitespace folded. */
const normalise = (label: string) => label.trim().replace(/\s+/g, ' ').toLowerCase()

/**
 * Resolve Sphinx cross-references across the site's documents: `:ref:` to the
 * labelled place (in whichever document defines the label), `:doc:` to the
 * named document (relative to this one, or from `Documentation/` with a
 * leading `/`). A reference that resolves nowhere keeps its text, loses its
 * link and becomes a located warning, so no page links to a missing place.
 * Changes the tree in place.
 *
 * @returns
 *   Transform.
 */
export function remarkXrefs(options: Readonly<Options>) {
  const { index, document, path, versionOf, urlOf } = options
  const titleOf = options.titleOf ?? (() => undefined)
  const directory = path.split('/').slice(0, -1)
  return function (tree: Root, file: VFile): undefined {
    visit(tree, 'role', (node: Role, position, parent) => {
      if (!parent || position === undefined || !['ref', 'doc', 'numref'].includes(node.name)) return
      const wanted = (node.target ?? node.value).trim()
      let url: string | undefined
      let children = node.children
      if (node.name === 'doc') {
        const target = resolveDocPath(wanted, directory)
        const id = index.documents[target]
        if (id) {
          url = urlOf(id, versionOf(id))
          const title = titleOf(id)
          if (!hasExplicitTitle(node.value) && title) children = [{ type: 'text', value: title }]
        }
      } else {
        const label = index.labels[normalise(wanted)]
        if (label) {
          url = `${label.document === document ? '' : urlOf(label.document, versionOf(label.document))}#${label.anchor}`
          // `:ref:`label`` without a title shows the section's title, as Sphinx does.
          if (!hasExplicitTitle(node.value) && label.title) children = [{ type: 'text', value: label.title }]
        }
      }
      if (!url) {
        file.message(`unresolved ${node.name === 'doc' ? 'document' : 'reference'} \`${wanted}\``, {
          place: node.position,
          ruleId: rules.unresolved,
          source,
        })
        ;(parent.children as PhrasingContent[]).splice(position, 1, { type: 'emphasis', children, data: { hProperties: { className: ['xref-unresolved'] } } })
        return [SKIP, position + 1]
      }
      const link: Link = { type: 'link', url, children, data: { hProperties: { className: ['reference', 'internal'] } } }
      if (node.position) link.position = node.position
      ;(parent.children as PhrasingContent[]).splice(position, 1, link)
      return [SKIP, position + 1]
    })
  }
}

/** Whether a role's text names its own title (`Title <target>`). */
const hasExplicitTitle = (value: string) => /<[^<>]*>\s*$/.test(value)

/**
 * A document path as Sphinx resolves `:doc:` and toctree targets: relative to
 * the document's folder, or to `Documentation/` with a leading `/`.
 * `../foo` from `Documentation/mm/damon/design` → `Documentation/mm/foo`; `/mm/foo` → `Documentation/mm/foo`. */
export function resolveDocPath(target: string, directory: string[]): string {
  const parts = target.startsWith('/') ? ['Documentation', ...target.slice(1).split('/')] : [...directory, ...target.split('/')]
  const resolved: string[] = []
  for (const part of parts) {
    if (part === '..') resolved.pop()
    else if (part && part !== '.') resolved.push(part)
  }
  return resolved.join('/').replace(/\.rst$/, '')
}
