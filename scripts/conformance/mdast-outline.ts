/**
 * Strata's side of the conformance harness: the normalised outline of the
 * mdast tree `rst-parse` gives, in the shape `docutils_outline.py` prints for
 * docutils (see that module's doc for what is compared and what is
 * normalised away; every rule there has its twin here).
 *
 * The tree is read loosely (`type` plus fields) rather than through the
 * parser's types, so the harness keeps working while the contract grows and
 * reports an unknown node as a difference instead of failing to compile.
 */
import { footnoteLabel, inline, type AnyNode } from './mdast-inline.ts'
import { tableBlocks } from './mdast-table.ts'
import { fold, type FileOutline, type OutlineBlock, type OutlineValue } from './outline.ts'

export type { AnyNode } from './mdast-inline.ts'

/** State of one outline walk (one per document, never shared). */
interface Walk {
  /** Blocks emitted so far. */
  out: OutlineBlock[]
}

/** mdast/contract block names → docutils names, for plain containers. */
const CONTAINERS: Record<string, string> = {
  listItem: 'list_item',
  blockquote: 'block_quote',
  definitionList: 'definition_list',
  definitionListItem: 'definition_list_item',
  definitionDescription: 'definition',
  fieldList: 'field_list',
  optionList: 'option_list',
  lineBlock: 'line_block',
}

/** Text blocks: contract name → docutils name. */
const TEXT_BLOCKS: Record<string, string> = {
  paragraph: 'paragraph',
  definitionTerm: 'term',
  classifier: 'classifier',
  line: 'line',
  attribution: 'attribution',
}

/** Directives docutils turns into a container node of its own name. */
const CONTAINER_DIRECTIVES = new Set(['compound'])

/** Directives docutils turns into a block quote with classes. */
const QUOTE_DIRECTIVES = new Set(['epigraph', 'highlights', 'pull-quote'])

/** Directives that leave no node in docutils' parsed (untransformed) tree. */
const NODELESS_DIRECTIVES = new Set(['default-role', 'role', 'target-notes'])

/**
 * Outline of an mdast root.
 *
 * @param tree
 *   Root from `fromRst`.
 * @param path
 *   File path to record.
 * @returns
 *   The file's outline.
 */
export function mdastOutline(tree: AnyNode, path: string): FileOutline {
  const walk: Walk = { out: [] }
  rootBlocks(tree.children ?? [], walk)
  return { path, blocks: walk.out }
}

/**
 * Walk the root's children, rebuilding docutils' section nesting: a heading
 * closes every open section of its level or deeper, then opens its own, and
 * what follows is one level deeper than the heading.
 *
 * @param children
 *   Root children.
 * @param walk
 *   Walk state (blocks so far).
 */
function rootBlocks(children: AnyNode[], walk: Walk, open: number[] = []): void {
  for (const child of children) {
    if (isOnly(child)) {
      // Sphinx's HTML build puts a kept `only`'s content in its place.
      if (!child.data?.excluded) rootBlocks(child.children ?? [], walk, open)
    } else if (child.type === 'heading') {
      // Levels past six are kept in `data.level` (`depth` stops at 6).
      const level = headingLevel(child)
      while (open.length > 0 && open[open.length - 1] >= level) open.pop()
      walk.out.push(textBlock(walk, child, 'section', open.length, { level }))
      open.push(level)
    } else {
      visit(child, open.length, walk)
    }
  }
}

/** Whether a node is an `only` directive (resolved as Sphinx's HTML build does). */
function isOnly(node: AnyNode): boolean {
  return node.type === 'directive' && String(node.name ?? '').toLowerCase() === 'only'
}

/** A heading's section level: `data.level` when deeper than mdast's six. */
function headingLevel(node: AnyNode): number {
  return typeof node.data?.level === 'number' ? node.data.level : Number(node.depth)
}

/**
 * Emit the blocks of `node` at `depth`.
 *
 * @param node
 *   Block node.
 * @param depth
 *   Nesting depth.
 * @param walk
 *   Walk state (blocks so far).
 */
function visit(node: AnyNode, depth: number, walk: Walk): void {
  const children = node.children ?? []
  const push = (type: string, text?: string, attrs?: Record<string, OutlineValue>) =>
    walk.out.push(block(node, type, depth, text, attrs))
  const nested = (list: AnyNode[] = children) => {
    for (const child of list) visit(child, depth + 1, walk)
  }

  if (node.type in TEXT_BLOCKS) {
    walk.out.push(textBlock(walk, node, TEXT_BLOCKS[node.type], depth))
  } else if (node.type in CONTAINERS) {
    push(CONTAINERS[node.type])
    nested()
  } else {
    switch (node.type) {
      case 'heading':
        // Only reached below the root, where docutils has no sections.
        walk.out.push(textBlock(walk, node, 'section', depth, { level: headingLevel(node) }))
        break
      case 'list':
        push(node.ordered ? 'enumerated_list' : 'bullet_list', undefined, listAttrs(node))
        nested()
        break
      case 'code': {
        const attrs: Record<string, OutlineValue> = {}
        if (typeof node.lang === 'string' && node.lang) attrs.language = node.lang
        const start = node.data?.numberLines
        push('literal_block', typeof start === 'number' ? numbered(node.value ?? '', start) : (node.value ?? ''), attrs)
        break
      }
      case 'doctestBlock':
        push('doctest_block', node.value ?? '')
        break
      case 'table':
        tableBlocks(node, depth, {
          add: (cell, type, at, attrs) => walk.out.push(block(cell, type, at, undefined, attrs)),
          visit: (child, at) => visit(child, at, walk),
        })
        break
      case 'thematicBreak':
        push('transition')
        break
      case 'footnoteDefinition':
        push('footnote', undefined, { label: footnoteLabel(node) })
        nested()
        break
      case 'citation':
        push('citation', undefined, { label: String(node.label ?? '') })
        nested()
        break
      case 'definition':
        push('target', undefined, targetAttrs(node, String(node.label ?? node.identifier ?? '')))
        break
      case 'target':
        push('target', undefined, targetAttrs(node, String(node.identifier ?? '')))
        break
      case 'comment':
        push('comment', fold(node.value ?? ''))
        break
      case 'admonition': {
        const attrs: Record<string, OutlineValue> = { kind: String(node.kind) }
        if (node.kind === 'admonition') attrs.title = fold(String(node.title ?? ''))
        push('admonition', undefined, attrs)
        nested()
        break
      }
      case 'field':
        push('field', fold(String(node.name ?? '')))
        nested()
        break
      case 'optionListItem':
        push('option_list_item', undefined, { options: (node.options as string[]) ?? [] })
        nested()
        break
      case 'substitutionDefinition':
        push('substitution_definition', inline(children).text, { name: fold(String(node.name ?? '')) })
        break
      case 'math':
        push('math_block', fold(node.value ?? ''))
        break
      case 'directive':
        directive(node, depth, walk)
        break
      case 'image':
        push('image', undefined, { uri: String(node.url ?? '') })
        break
      default:
        // Unknown to the contract: shown under its own name so it surfaces.
        if (typeof node.value === 'string' && children.length === 0) push(node.type, fold(node.value))
        else {
          push(node.type)
          nested()
        }
    }
  }
}

/**
 * Emit a `directive` node: a few names map onto the node docutils' own
 * directive makes; the rest are generic directives.
 *
 * @param node
 *   Directive node.
 * @param depth
 *   Nesting depth.
 * @param walk
 *   Walk state (blocks so far).
 */
function directive(node: AnyNode, depth: number, walk: Walk): void {
  const name = String(node.name ?? '').toLowerCase()
  const children = node.children ?? []
  const value = typeof node.value === 'string' ? node.value : ''
  if (NODELESS_DIRECTIVES.has(name)) return
  if (name === 'only') {
    if (!node.data?.excluded) for (const child of children) visit(child, depth, walk)
    return
  }
  if (name === 'math') {
    // docutils makes one math block per blank-line-separated chunk.
    for (const chunk of value.split(/\n[ \t]*\n/)) {
      if (chunk.trim()) walk.out.push(block(node, 'math_block', depth, fold(chunk)))
    }
    return
  }
  if (name === 'image') {
    image(node, depth, walk)
    return
  }
  if (name === 'figure') {
    // The contract keeps a figure as a directive with a reST body; docutils
    // makes figure > image, caption (the first paragraph), legend (the rest).
    walk.out.push(block(node, 'figure', depth))
    image(node, depth + 1, walk)
    const [caption, ...legend] = children
    if (caption?.type === 'paragraph') walk.out.push(textBlock(walk, caption, 'caption', depth + 1))
    else if (caption) visit(caption, depth + 1, walk)
    if (legend.length > 0) {
      walk.out.push(block(legend[0], 'legend', depth + 1))
      for (const child of legend) visit(child, depth + 2, walk)
    }
    return
  }
  if (QUOTE_DIRECTIVES.has(name) || CONTAINER_DIRECTIVES.has(name)) {
    walk.out.push(block(node, QUOTE_DIRECTIVES.has(name) ? 'block_quote' : name, depth))
    for (const child of children) visit(child, depth + 1, walk)
    return
  }
  const options: Record<string, string> = {}
  for (const [key, option] of Object.entries((node.options as Record<string, string>) ?? {})) {
    options[key] = fold(String(option ?? ''))
  }
  const text = children.length === 0 && value.trim() ? fold(value) : undefined
  walk.out.push(block(node, 'directive', depth, text, { name, argument: fold(String(node.argument ?? '')), options }))
  for (const child of children) visit(child, depth + 1, walk)
}

/**
 * The image of an `image`/`figure` directive; with `:target:` docutils wraps
 * it in a reference, a block whose only content is the image.
 */
function image(node: AnyNode, depth: number, walk: Walk): void {
  const uri = String(node.argument ?? '').replace(/\s+/g, '')
  const options = (node.options as Record<string, string> | undefined) ?? {}
  if (options.target === undefined) walk.out.push(block(node, 'image', depth, undefined, { uri }))
  else walk.out.push(block(node, 'reference', depth, '', { inline: [`image:${uri}`] }))
}

/**
 * A literal block's text with docutils' line numbers (`:number-lines:`):
 * each line after its number, numbers right-aligned to the width of the
 * number after the last line, then a space.
 */
function numbered(value: string, start: number): string {
  const lines = value.split('\n')
  const width = String(start + lines.length).length
  return lines.map((line, index) => `${String(start + index).padStart(width)} ${line}`).join('\n')
}

/**
 * Canonical list attributes (docutils' defaults filled in).
 *
 * @param node
 *   List node.
 * @returns
 *   Attributes.
 */
function listAttrs(node: AnyNode): Record<string, OutlineValue> {
  const data = node.data ?? {}
  if (!node.ordered) return { bullet: String(data.bullet ?? '') }
  return {
    enumtype: String(data.enumtype ?? 'arabic'),
    prefix: String(data.prefix ?? ''),
    suffix: String(data.suffix ?? '.'),
    start: typeof node.start === 'number' ? node.start : 1,
  }
}

/**
 * Canonical target attributes.
 *
 * @param node
 *   `definition` or `target` node.
 * @param name
 *   Its name (normalised here as docutils does: lowercase, folded).
 * @returns
 *   Attributes.
 */
function targetAttrs(node: AnyNode, name: string): Record<string, OutlineValue> {
  const attrs: Record<string, OutlineValue> = {}
  if (node.anonymous) attrs.anonymous = true
  const normal = fold(name).toLowerCase()
  if (normal && !node.anonymous) attrs.name = normal
  if (typeof node.url === 'string' && node.url) attrs.uri = node.url
  if (typeof node.refname === 'string' && node.refname) attrs.refname = fold(node.refname).toLowerCase()
  return attrs
}

/**
 * A block with the node's start line.
 *
 * @returns
 *   Outline block.
 */
function block(
  node: AnyNode,
  type: string,
  depth: number,
  text?: string,
  attrs?: Record<string, OutlineValue>,
): OutlineBlock {
  const result: OutlineBlock = { type, depth }
  if (text !== undefined) result.text = text
  if (attrs && Object.keys(attrs).length > 0) result.attrs = attrs
  const line = node.position?.start.line
  if (line) result.line = line
  return result
}

/**
 * A block whose text and inline signature come from phrasing children.
 *
 * @returns
 *   Outline block.
 */
function textBlock(
  walk: Walk,
  node: AnyNode,
  type: string,
  depth: number,
  attrs: Record<string, OutlineValue> = {},
): OutlineBlock {
  const { text, signature } = inline(node.children ?? [])
  return block(node, type, depth, text, signature.length > 0 ? { ...attrs, inline: signature } : attrs)
}
