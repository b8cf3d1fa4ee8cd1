import type { BlockContent, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { KernelDocEntry } from '../../../src/schema/kernel-doc.ts'
import type { Directive } from '../../rst-parse/index.ts'

/** What the ingest edge found for one `kernel-doc` directive, put on its node as `data.kernelDoc`. */
export type KernelDocOutcome =
  | { status: 'resolved'; path: string; entries: KernelDocEntry[] }
  | { status: 'no-tree' | 'missing'; path: string; message: string }

// The parser's directive node, with the outcome this plugin renders.
declare module '../../rst-parse/lib/types.ts' {
  interface DirectiveData {
    kernelDoc?: KernelDocOutcome
  }
}

const paragraph = (children: PhrasingContent[], hName?: string, className?: string[]): Paragraph => ({
  type: 'paragraph',
  children,
  ...(hName || className ? { data: { ...(hName ? { hName } : {}), hProperties: className ? { className } : {} } } : {}),
})
const text = (value: string): PhrasingContent => ({ type: 'text', value })

/** One entry as mdast: its name, signature, summary, parameters, context, return and description. */
function entryNodes(entry: KernelDocEntry): BlockContent[] {
  const nodes: BlockContent[] = [
    {
      type: 'paragraph',
      children: [{ type: 'inlineCode', value: entry.kind === 'function' || entry.kind === 'macro' ? `${entry.name}()` : entry.name }],
      data: { hName: 'h3', hProperties: { id: `kernel-doc-${entry.name.replace(/[^\w-]+/g, '-')}`, className: ['kernel-doc-name'] } },
    },
  ]
  if (entry.prototype) nodes.push({ type: 'code', lang: 'c', value: entry.prototype })
  if (entry.summary) nodes.push(paragraph([text(entry.summary)], undefined, ['kernel-doc-summary']))
  if (entry.params.length > 0) {
    nodes.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: entry.params.map((param) => ({
        type: 'listItem',
        spread: false,
        children: [paragraph([{ type: 'inlineCode', value: param.name }, text(': ' + param.description)])],
      })),
      data: { hProperties: { className: ['kernel-doc-params'] } },
    })
  }
  if (entry.context) nodes.push(paragraph([{ type: 'strong', children: [text('Context:')] }, text(' ' + entry.context)]))
  if (entry.returns) nodes.push(paragraph([{ type: 'strong', children: [text('Return:')] }, text(' ' + entry.returns)]))
  for (const part of entry.description.split(/\n\s*\n/)) if (part.trim()) nodes.push(paragraph([text(part.trim())]))
  for (const section of entry.sections) nodes.push(paragraph([{ type: 'strong', children: [text(section.title + ':')] }, text(' ' + section.body)]))
  return nodes
}

/**
 * Replace each `kernel-doc` directive whose outcome the ingest edge attached
 * with what it stands for: the API documentation extracted from the C file,
 * or a notice that names the file and says why it is missing. Directives
 * without an outcome are left for the parser's own rendering. Changes the tree
 * in place.
 *
 * @returns
 *   Transform.
 */
export function remarkKernelDoc() {
  return function (tree: Root): undefined {
    visit(tree, 'directive', (node: Directive, index, parent) => {
      const outcome = node.data?.kernelDoc
      if (node.name !== 'kernel-doc' || !outcome || !parent || index === undefined) return
      const replacement: RootContent =
        outcome.status === 'resolved'
          ? {
              type: 'blockquote',
              children: outcome.entries.flatMap(entryNodes),
              data: { hName: 'section', hProperties: { className: ['kernel-doc'], 'aria-label': `API documentation from ${outcome.path}` } },
            }
          : { type: 'blockquote', children: [paragraph([text(outcome.message)])], data: { hName: 'aside', hProperties: { className: ['kernel-doc', 'kernel-doc-missing'] } } }
      replacement.position = node.position
      ;(parent.children as RootContent[])[index] = replacement
      return [SKIP, index + 1]
    })
  }
}
