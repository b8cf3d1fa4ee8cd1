/**
 * Document-wide resolution after block parsing (docutils' transforms, in
 * small): auto-numbered footnotes get their numbers, substitution references
 * get their definitions' content, named and anonymous references get the URL
 * of their target (or `#id` of an internal target or section). Works in place.
 */
import type { FootnoteDefinition, FootnoteReference, Link, PhrasingContent, Root, RootContent } from 'mdast'
import type { Position } from 'unist'
import { makeId } from './chars.ts'
import { warn, type Context } from './context.ts'
import { reposition } from './directives.ts'
import { rules } from './rules.ts'
import type { SubstitutionDefinition, SubstitutionReference, Target } from './types.ts'

/**
 * Resolve references in a tree.
 *
 * @param ctx
 *   Context (for messages).
 * @param tree
 *   Tree, changed in place.
 */
export function resolve(ctx: Context, tree: Root): void {
  const found = collect(tree)
  numberFootnotes(found)
  substitute(ctx, found)
  linkReferences(ctx, found)
}

/** Any node of the tree. */
type AnyNode = Root | RootContent

/** The nodes resolution works on, gathered in one walk. */
interface Found {
  footnoteDefinitions: FootnoteDefinition[]
  footnoteReferences: FootnoteReference[]
  substitutionDefinitions: SubstitutionDefinition[]
  substitutionReferences: SubstitutionReference[]
  links: Link[]
  /** Targets, and what each internal target points to (`#id`). */
  targets: Target[]
  pointsTo: Map<Target, string>
  /** Ids of sections and internal targets. */
  internal: Set<string>
}

/**
 * Walk the tree once, in document order, with an explicit stack
 * (unist-util-visit copies the ancestor list at each node, and six passes
 * over a flat node list dominated large documents), gathering what
 * resolution needs. An internal target (`.. _name:`) points to the next
 * element: the section it precedes, or its own id.
 */
function collect(tree: Root): Found {
  const found: Found = {
    footnoteDefinitions: [],
    footnoteReferences: [],
    substitutionDefinitions: [],
    substitutionReferences: [],
    links: [],
    targets: [],
    pointsTo: new Map(),
    internal: new Set(),
  }
  let pending: Target[] = []
  const settle = (id: string | undefined) => {
    for (const target of pending) found.pointsTo.set(target, `#${id ?? makeId(target.identifier)}`)
    pending = []
  }
  const stack: AnyNode[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'code':
      case 'comment':
        continue
      case 'target':
        found.targets.push(node)
        if (!node.anonymous && !node.url && !node.refname) {
          found.internal.add(node.identifier)
          if (!node.inline) {
            pending.push(node)
            continue
          }
        }
        break
      case 'heading': {
        const id = node.data?.id ?? makeId(toText(node))
        found.internal.add(id)
        settle(id)
        break
      }
      case 'footnoteDefinition':
        found.footnoteDefinitions.push(node)
        break
      case 'footnoteReference':
        found.footnoteReferences.push(node)
        break
      case 'substitutionDefinition':
        found.substitutionDefinitions.push(node)
        break
      case 'substitutionReference':
        found.substitutionReferences.push(node)
        break
      case 'link':
        found.links.push(node)
        break
      default:
        break
    }
    if (pending.length > 0 && node.type !== 'root' && node.type !== 'heading' && node.type !== 'target') settle(undefined)
    const children = (node as { children?: RootContent[] }).children
    if (children) for (let k = children.length - 1; k >= 0; k--) stack.push(children[k])
  }
  settle(undefined)
  return found
}

/** Give `[#]` / `[#name]` footnotes numbers not taken by manual ones, in order. */
function numberFootnotes(found: Found): void {
  const definitions = found.footnoteDefinitions
  const references = found.footnoteReferences
  const used = new Set(definitions.filter((d) => /^[0-9]+$/.test(d.label ?? '')).map((d) => d.label))
  let next = 1
  const byName = new Map<string, string>()
  const anonymous: string[] = []
  for (const definition of definitions) {
    if (definition.data?.auto !== '#') continue
    while (used.has(String(next))) next++
    const number = String(next++)
    if (definition.label && definition.label !== '#') byName.set(definition.label.toLowerCase(), number)
    else anonymous.push(number)
    definition.identifier = number
  }
  let symbol = 0
  for (const definition of definitions) if (definition.data?.auto === '*') definition.identifier = `*${++symbol}`
  let anon = 0
  symbol = 0
  for (const reference of references) {
    if (reference.data?.auto === '#') {
      const number = reference.label && reference.label !== '#' ? byName.get(reference.label.toLowerCase()) : anonymous[anon++]
      if (number) reference.identifier = number
    } else if (reference.data?.auto === '*') reference.identifier = `*${++symbol}`
  }
}

/** Fill substitution references with a copy of their definition's content. */
function substitute(ctx: Context, found: Found): void {
  const definitions = new Map<string, SubstitutionDefinition>()
  for (const node of found.substitutionDefinitions) definitions.set(node.name.toLowerCase(), node)
  for (const node of found.substitutionReferences) {
    const definition = definitions.get(node.name) ?? definitions.get(node.name.toLowerCase())
    if (!definition) {
      warn(ctx, `Undefined substitution referenced: \`${node.name}\``, node.position!, rules.unknownSubstitution)
      continue
    }
    const copy = structuredClone(definition.children.filter((child) => child.type !== 'directive')) as PhrasingContent[]
    if (copy.length > 0) {
      // Copied content has no place here: it takes the reference's position.
      reposition(copy as RootContent[], node.position as Position)
      node.children = copy
    }
  }
}

/** Give references the URL of their targets. */
function linkReferences(ctx: Context, found: Found): void {
  const named = new Map<string, string>()
  const internal = found.internal
  const indirect = new Map<string, string>()
  const anonymousTargets: Target[] = []
  const anonymousLinks: Link[] = []
  for (const node of found.targets) {
    if (node.anonymous) anonymousTargets.push(node)
    else if (node.url) named.set(node.identifier, node.url)
    else if (node.refname) indirect.set(node.identifier, node.refname)
    else if (found.pointsTo.has(node)) named.set(node.identifier, found.pointsTo.get(node)!)
  }
  for (const node of found.links) if (node.data?.anonymous) anonymousLinks.push(node)
  // Documents repeat the same names: resolve each once per run.
  const resolved = new Map<string, string | undefined>()
  const unknownIds = new Map<string, string>()
  const lookup = (name: string): string | undefined => {
    if (!resolved.has(name)) resolved.set(name, lookupOnce(name))
    return resolved.get(name)
  }
  const lookupOnce = (name: string, depth = 0): string | undefined => {
    if (named.has(name)) return named.get(name)
    if (indirect.has(name) && depth < 16) return lookupOnce(indirect.get(name)!, depth + 1)
    const id = makeId(name)
    if (internal.has(name) || internal.has(id)) return `#${id}`
    return undefined
  }
  for (const node of found.links) {
    if (node.url || node.data?.anonymous || !node.data?.refname) continue
    const url = lookup(node.data.refname)
    if (url === undefined) {
      warn(ctx, `Unknown target name: \`${node.data.refname}\``, node.position!, rules.unknownTarget)
      // The future id of a target not defined here (another stage may add it).
      let id = unknownIds.get(node.data.refname)
      if (id === undefined) {
        id = `#${makeId(node.data.refname)}`
        unknownIds.set(node.data.refname, id)
      }
      node.url = id
    } else node.url = url
  }
  if (anonymousLinks.length !== anonymousTargets.length && anonymousLinks.length > 0) {
    warn(
      ctx,
      `Anonymous hyperlink mismatch: ${anonymousLinks.length} references but ${anonymousTargets.length} targets`,
      anonymousLinks[0].position!,
      rules.anonymousMismatch,
    )
  }
  anonymousLinks.forEach((link, index) => {
    if (link.url) return
    const target = anonymousTargets[index]
    link.url = target?.url ?? (target?.refname ? lookup(target.refname) ?? '' : '')
  })
}

/** Plain text of a node. */
function toText(node: { children?: unknown[]; value?: unknown }): string {
  if (typeof node.value === 'string') return node.value
  return (node.children ?? []).map((child) => toText(child as { children?: unknown[] })).join('')
}
