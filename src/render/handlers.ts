/**
 * The mdast → hast handlers of the rendering stage: the parser's
 * (`rstToHastHandlers`) with one addition, the `contents` directive, which
 * becomes the placeholder `rehype-toc` fills in once headings have ids.
 */
import type { Element, ElementContent } from 'hast'
import type { Parents } from 'mdast'
import type { Handler, Handlers, State } from 'mdast-util-to-hast'
import type { Directive } from '../../plugins/rst-parse/index.ts'

/**
 * The placeholder of a `contents` directive: `<nav class="contents [local]"
 * data-depth data-title>`, docutils' own shape, which `isContentsPlaceholder`
 * in plugins/rehype-toc recognises. It has no children; the sanitizer would
 * unwrap it if it ever survived to the end.
 */
export function contentsPlaceholder(state: State, node: Directive): Element {
  const options = node.options ?? {}
  const properties: Element['properties'] = { className: Object.hasOwn(options, 'local') ? ['contents', 'local'] : ['contents'] }
  if (Object.hasOwn(options, 'depth')) properties.dataDepth = options.depth
  if (node.argument) properties.dataTitle = node.argument
  const result: Element = { type: 'element', tagName: 'nav', properties, children: [] }
  state.patch(node, result)
  return result
}

/** What mdast-util-to-hast does with a node it has no handler for (its `defaultUnknownHandler`, which it does not export). */
function unknown(state: State, node: Directive): ElementContent {
  const data = node.data ?? {}
  const result: ElementContent =
    'value' in node && !(Object.hasOwn(data, 'hProperties') || Object.hasOwn(data, 'hChildren'))
      ? { type: 'text', value: String(node.value) }
      : { type: 'element', tagName: 'div', properties: {}, children: state.all(node) }
  state.patch(node, result)
  return state.applyData(node, result)
}

/**
 * The handlers for `remark-rehype`: the parser's, with `contents` directives
 * taken over (every other directive goes to the parser's handler, or is
 * treated as mdast-util-to-hast treats unknown nodes when there is none).
 *
 * @param base
 *   The parser's handlers.
 * @returns
 *   New handlers; `base` is not changed.
 */
export function strataHandlers(base: Readonly<Handlers>): Handlers {
  const directive: Handler | undefined = base.directive
  return {
    ...base,
    directive(state: State, node: Directive, parent: Parents | undefined) {
      if (node.name === 'contents') return contentsPlaceholder(state, node)
      return directive ? directive(state, node, parent) : unknown(state, node)
    },
  }
}
