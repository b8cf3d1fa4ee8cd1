/**
 * Small builders shared by the hast handlers: elements and text nodes, and
 * the step that gives an element its mdast node's position and `data.h*`.
 */
import type { Element, ElementContent, Properties } from 'hast'
import type { State } from 'mdast-util-to-hast'

/** An element. */
export function h(tagName: string, properties: Properties, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children }
}

/** A text node. */
export function text(value: string): ElementContent {
  return { type: 'text', value }
}

/** Children of a node, as element content. */
export function all(state: State, node: Parameters<State['all']>[0]): ElementContent[] {
  return state.all(node) as ElementContent[]
}

/** Finish an element: copy position and `data.hName`/`hProperties`. */
export function done(state: State, node: Parameters<State['patch']>[0], element: Element): Element {
  state.patch(node, element)
  return state.applyData(node, element) as Element
}

