/**
 * Document-wide resolution after block parsing (docutils' reference
 * transforms, in small): auto-numbered footnotes get their numbers, named
 * and anonymous references get the URL of their target (or `#id` of an
 * internal target, section, footnote or citation), and substitution
 * references get their definitions' content (after links are resolved, so
 * a copied link keeps its URL). Works in place.
 *
 * Names are docutils': explicit targets (`.. _name:`, inline targets,
 * `` `text <uri>`_ ``, footnote and citation labels) first, then section
 * titles. A reference nothing defines keeps a guessed `#id` and gets
 * `data.unresolved`; so do all anonymous references when their count and
 * the anonymous targets' count differ (docutils pairs none then).
 */
import type { FootnoteDefinition, FootnoteReference, Heading, Link, PhrasingContent, Root, RootContent } from 'mdast'
import type { Position } from 'unist'
import { citationId, footnoteId, makeId, normalizeName } from './chars.ts'
import { warn, type Context } from './context.ts'
import { reposition } from './directives.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import { targetPointer, type Pointer } from './targets.ts'
import type { Citation, Directive, SubstitutionDefinition, SubstitutionReference, Target } from './types.ts'

const { rules } = diagnosticRules.rst

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
  const definitions = findSubstitutions(ctx, found)
  linkReferences(ctx, found)
  substitute(found, definitions)
}

/** Any node of the tree. */
type AnyNode = Root | RootContent


/** The nodes resolution works on, gathered in one walk. */
interface Found {
  footnoteDefinitions: FootnoteDefinition[]
  footnoteReferences: FootnoteReference[]
  citations: Citation[]
  substitutionDefinitions: SubstitutionDefinition[]
  substitutionReferences: SubstitutionReference[]
  links: Link[]
  /** `image`/`figure` directives with a `:target:` (docutils wraps them in a reference). */
  linkedImages: Directive[]
  targets: Target[]
  /** What each internal target leads to: the next element, or the target a chain of targets ends on. */
  pointsTo: Map<Target, Pointer>
  headings: Heading[]
}

/**
 * Walk the tree once, in document order, with an explicit stack
 * (unist-util-visit copies the ancestor list at each node, and six passes
 * over a flat node list dominated large documents), gathering what
 * resolution needs. An internal target (`.. _name:`, or `__` alone) leads to
 * the next element: the section it precedes, its own id before anything
 * else, or, when other targets follow it directly, wherever the last of
 * them leads (docutils' chained targets).
 */
function collect(tree: Root): Found {
  const found: Found = {
    footnoteDefinitions: [],
    footnoteReferences: [],
    citations: [],
    substitutionDefinitions: [],
    substitutionReferences: [],
    links: [],
    linkedImages: [],
    targets: [],
    pointsTo: new Map(),
    headings: [],
  }
  let pending: Target[] = []
  let autoIds = 0
  const settle = (pointer: Pointer | undefined) => {
    for (const target of pending) found.pointsTo.set(target, pointer ?? { url: `#${target.data?.id}` })
    pending = []
  }
  const stack: AnyNode[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        continue
      case 'comment':
        // Invisible: targets before it keep their own ids (docutils does not propagate into it).
        settle(undefined)
        continue
      case 'code':
        // Only a parsed-literal has children (its phrasing, links included).
        if (!('children' in node)) continue
        break
      case 'target':
        found.targets.push(node)
        // Targets without a name to make an id from get docutils' numbered ones.
        if (!node.data?.id) node.data = { ...node.data, id: `target-${++autoIds}` }
        if (node.inline) break
        if (!node.url && !node.refname) {
          pending.push(node)
          continue
        }
        settle(node.url ? { url: node.url } : { refname: node.refname! })
        continue
      case 'heading':
        found.headings.push(node)
        settle({ url: `#${node.data?.id ?? makeId(toText(node))}` })
        break
      case 'footnoteDefinition':
        found.footnoteDefinitions.push(node)
        break
      case 'footnoteReference':
        found.footnoteReferences.push(node)
        break
      case 'citation':
        found.citations.push(node)
        node.data = { ...node.data, id: citationId(node.identifier) }
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
      case 'directive':
        if ((node.name === 'image' || node.name === 'figure') && node.options.target !== undefined) found.linkedImages.push(node)
        break
      default:
        break
    }
    if (pending.length > 0 && node.type !== 'root' && node.type !== 'heading') settle(undefined)
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
  // Numbers skip every name the document defines (docutils: a section
  // titled "5" or an inline target `2` leaves a gap), manual labels included.
  const used = new Set<string>()
  for (const definition of definitions) if (/^[0-9]+$/.test(definition.label ?? '')) used.add(definition.label!)
  for (const target of found.targets) if (!target.anonymous) used.add(target.identifier)
  for (const heading of found.headings) used.add(normalizeName(toText(heading)))
  for (const citation of found.citations) used.add(citation.identifier)
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
  for (const definition of definitions) definition.data = { ...definition.data, id: footnoteId(definition.identifier) }
  // `[3]_` names a footnote: a manual `[3]`, or an anonymous `[#]` that
  // was given 3 (a labelled one is named by its label, not its number).
  const numbered = new Set<string>([...used].filter((label) => /^[0-9]+$/.test(label)))
  for (const number of anonymous) numbered.add(number)
  let anon = 0
  symbol = 0
  for (const reference of references) {
    let found = true
    if (reference.data?.auto === '#') {
      const number = reference.label && reference.label !== '#' ? byName.get(reference.label.toLowerCase()) : anonymous[anon++]
      if (number) reference.identifier = number
      found = number !== undefined
    } else if (reference.data?.auto === '*') {
      reference.identifier = `*${++symbol}`
      found = symbol <= definitions.filter((definition) => definition.data?.auto === '*').length
    } else found = numbered.has(reference.identifier) && definitions.some((definition) => definition.identifier === reference.identifier)
    if (!found) reference.data = { ...reference.data, unresolved: true }
  }
}

/**
 * The definition of each substitution reference (the exact name first,
 * then the name with case folded, as docutils looks them up); references
 * without one are reported and marked.
 */
function findSubstitutions(ctx: Context, found: Found): Map<SubstitutionReference, SubstitutionDefinition> {
  const definitions = new Map<string, SubstitutionDefinition>()
  const folded = new Map<string, SubstitutionDefinition>()
  for (const node of found.substitutionDefinitions) {
    definitions.set(node.name, node)
    folded.set(node.name.toLowerCase(), node)
  }
  const result = new Map<SubstitutionReference, SubstitutionDefinition>()
  for (const node of found.substitutionReferences) {
    const definition = definitions.get(node.name) ?? folded.get(node.name.toLowerCase())
    if (definition) result.set(node, definition)
    else {
      warn(ctx, `Undefined substitution referenced: \`${node.name}\``, node.position!, rules.unknownSubstitution)
      node.data = { ...node.data, unresolved: true }
    }
  }
  return result
}

/** Fill substitution references with a copy of their definition's content (links already resolved). */
function substitute(found: Found, definitions: Map<SubstitutionReference, SubstitutionDefinition>): void {
  for (const node of found.substitutionReferences) {
    const definition = definitions.get(node)
    if (!definition) continue
    const copy = structuredClone(definition.children.filter((child) => child.type !== 'directive')) as PhrasingContent[]
    if (copy.length > 0) {
      // Copied content has no place here: it takes the reference's position.
      reposition(copy as RootContent[], node.position as Position)
      node.children = copy
    }
  }
}

/** What a name leads to, or that two sections share it (then it leads nowhere). */
type NameEntry = Pointer | { duplicate: true }

/**
 * The names a document defines, each with where it leads: explicit targets
 * first (a later definition of a name does not replace the first), then
 * section titles.
 */
function namesOf(found: Found): Map<string, NameEntry> {
  const named = new Map<string, NameEntry>()
  const define = (name: string, pointer: NameEntry) => {
    if (name && !named.has(name)) named.set(name, pointer)
  }
  for (const node of found.targets) {
    if (node.anonymous) continue
    if (node.inline) define(node.identifier, { url: `#${node.data?.id}` })
    else if (node.url) define(node.identifier, { url: node.url })
    else if (node.refname) define(node.identifier, { refname: node.refname })
    else if (found.pointsTo.has(node)) define(node.identifier, found.pointsTo.get(node)!)
  }
  for (const link of found.links) {
    if (link.data?.embedded && link.data.refname && !link.data.anonymous) define(link.data.refname, { url: link.url })
  }
  for (const definition of found.footnoteDefinitions) {
    // A manual number, an auto-number's label, or else the number it was given.
    const label = definition.label ?? ''
    const name = /^[0-9]+$/.test(label) ? label : label.length > 1 && label.startsWith('#') ? label.slice(1) : definition.data?.auto === '#' ? definition.identifier : ''
    define(normalizeName(name), { url: `#${definition.data?.id}` })
  }
  for (const citation of found.citations) define(citation.identifier, { url: `#${citation.data?.id}` })
  // Two sections with one title leave the name to neither (docutils): a
  // reference to it cannot be resolved uniquely.
  const titles = found.headings.map((heading) => normalizeName(toText(heading)))
  const counts = new Map<string, number>()
  for (const title of titles) counts.set(title, (counts.get(title) ?? 0) + 1)
  found.headings.forEach((heading, index) => {
    const title = titles[index]
    define(title, counts.get(title)! > 1 ? { duplicate: true } : { url: `#${heading.data?.id ?? makeId(title)}` })
  })
  return named
}

/** Give references (and linked images) the URL of their targets. */
function linkReferences(ctx: Context, found: Found): void {
  const named = namesOf(found)
  // Documents repeat the same names: resolve each once per run.
  const resolved = new Map<string, string | undefined>()
  const lookupOnce = (name: string, depth: number): string | undefined => {
    const pointer = named.get(name)
    if (pointer && 'url' in pointer) return pointer.url
    if (pointer && 'refname' in pointer && depth < 16) return lookupOnce(pointer.refname, depth + 1)
    return undefined
  }
  const lookup = (name: string): string | undefined => {
    if (!resolved.has(name)) resolved.set(name, lookupOnce(name, 0))
    return resolved.get(name)
  }
  const unknownIds = new Map<string, string>()
  const resolveName = (refname: string, position: Position): { url: string; unresolved?: true } => {
    const url = lookup(refname)
    if (url !== undefined) return { url }
    const pointer = named.get(refname)
    if (pointer && 'duplicate' in pointer) {
      warn(ctx, `Duplicate target name, cannot be used as a unique reference: \`${refname}\``, position, rules.unknownTarget)
    } else warn(ctx, `Unknown target name: \`${refname}\``, position, rules.unknownTarget)
    // The future id of a target not defined here (another stage may add it).
    let id = unknownIds.get(refname)
    if (id === undefined) {
      id = `#${makeId(refname)}`
      unknownIds.set(refname, id)
    }
    return { url: id, unresolved: true }
  }
  for (const node of found.links) {
    if (node.url || node.data?.anonymous || !node.data?.refname) continue
    const { url, unresolved } = resolveName(node.data.refname, node.position!)
    node.url = url
    if (unresolved) node.data.unresolved = true
  }
  for (const image of found.linkedImages) {
    const pointer = targetPointer(image.options.target ?? '')
    const result = 'url' in pointer ? { url: pointer.url } : resolveName(pointer.refname, image.position!)
    image.data = { ...image.data, url: result.url, ...(result.unresolved ? { unresolved: true } : {}) }
  }
  pairAnonymous(ctx, found, (refname) => lookup(refname))
}

/**
 * Pair anonymous references with anonymous targets, in order. When the
 * counts differ docutils pairs none (every such reference becomes an
 * error), so a missing target cannot shift every later link by one.
 */
function pairAnonymous(ctx: Context, found: Found, lookup: (refname: string) => string | undefined): void {
  const links = found.links.filter((node) => node.data?.anonymous)
  const targets = found.targets.filter((node) => node.anonymous)
  if (links.length !== targets.length) {
    if (links.length > 0) {
      warn(ctx, `Anonymous hyperlink mismatch: ${links.length} references but ${targets.length} targets`, links[0].position!, rules.anonymousMismatch)
    }
    for (const link of links) link.data = { ...link.data, unresolved: true }
    return
  }
  links.forEach((link, index) => {
    const target = targets[index]
    const pointer: Pointer | undefined = target.url ? { url: target.url } : target.refname ? { refname: target.refname } : found.pointsTo.get(target)
    const url = pointer === undefined ? undefined : 'url' in pointer ? pointer.url : lookup(pointer.refname)
    if (url) link.url = url
    else link.data = { ...link.data, unresolved: true }
  })
}

/** Plain text of a node. */
function toText(node: { children?: unknown[]; value?: unknown }): string {
  if (typeof node.value === 'string') return node.value
  return (node.children ?? []).map((child) => toText(child as { children?: unknown[] })).join('')
}
