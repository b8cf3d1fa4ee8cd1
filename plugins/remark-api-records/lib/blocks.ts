import type { Nodes, Parent, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { findMentions, type Mention } from './mentions.ts'
import type { Kind } from '../../../src/schema/records.ts'

/** A part of the document that describes one API: a list item, a section or a C-domain directive led by its name. */
export interface ApiBlock {
  api: string
  kind: Kind
  node: Nodes
  startLine: number
  endLine: number
  /** Set for an item of a list introduced as "in order of preference": its rank (0 first) and the introduction. */
  preference?: { intro: Nodes; rank: number }
  /** Every API a section title names together (`kmalloc()/kzalloc()`): what the section's sentences are about. */
  group?: string[]
  /** Set for a section titled by the API inside a section or document about deprecated interfaces: that title and its line. */
  deprecatedBy?: { title: string; line: number }
}

/** A paragraph (or heading, or term) with the block it stands in and what it is. */
export interface TextUnit {
  node: Nodes
  block: ApiBlock | null
  role: 'lead' | 'body' | 'note' | 'legacy-marker' | 'legacy'
  /** A section title: read for its own words only (its underline is no part of the text). */
  title?: true
  /** A paragraph that introduces the prototypes of the literal block after it ("… are also defined::"). */
  intro?: true
  /** An introducing paragraph right after other prototypes: the block of those, which its sentences before the last describe. */
  describes?: ApiBlock
  /** A paragraph right before a list, or a section title over one: the APIs the list's items lead with. */
  lists?: string[]
  /** A paragraph right before a list of error codes or constants: those values. */
  values?: string[]
  /** A list item's first paragraph, where the paragraph before the list breaks off into it ("Its instances must not" over "* use d_rehash() alone …"): the words it breaks off after, which the item goes on from. */
  continues?: string
}

export type SourceOf = (node: Nodes) => string

const noteStart = /^\s*(?:\*\*)?(?:NOTE|Note|WARNING|Warning|CAUTION|Caution)(?:\*\*)?\s*:/
const legacyMarker = /^\s*\[[^\]\n]*\b(?:legacy|deprecated|obsolete|historical)\b[^\]\n]*\]\s*$/i
const preferenceIntro = /\border of preference\b|\bmost preferred first\b|\bpreferred first\b/i
const noteAdmonitions = new Set(['note', 'warning', 'attention', 'caution', 'important', 'hint', 'tip', 'danger', 'error'])

/** The API a C-domain directive declares: `.. c:function:: void *kmap_local_page(struct page *page)`. */
function declaredApi(node: Nodes): Mention | undefined {
  if (node.type !== 'directive') return undefined
  const directive = node as unknown as { name: string; argument?: string }
  const kind = /^c:(function|macro|type|struct|union|enum|var)$/.exec(directive.name)?.[1]
  if (!kind || !directive.argument) return undefined
  const name = kind === 'function' || kind === 'macro' ? /([A-Za-z_]\w*)\s*\(/.exec(directive.argument)?.[1] : /([A-Za-z_]\w*)\s*$/.exec(directive.argument.trim())?.[1]
  if (!name) return undefined
  return { name, kind: kind === 'function' ? 'function' : kind === 'macro' ? 'macro' : 'type', index: 0, end: 0 }
}

const children = (node: Nodes): RootContent[] => ('children' in node ? ((node as Parent).children as RootContent[]) : [])

/**
 * A paragraph that breaks off after a negated modal, the list below going on with what is forbidden: "Its
 * instances must not" over "* use d_rehash() alone - …", "Drivers should never:". The last sentence's words.
 */
const brokenOffNegation = /(?:^|[.!?;]\s+)([^.!?;]*?\b(?:must|should|may|can|shall|do|does)\s+(?:not|never)|[^.!?;]*?\b(?:mustn't|shouldn't|cannot|can't|don't|never))\s*:?\s*$/i

/** A title about deprecated or removed interfaces ("Deprecated Interfaces, Language Features…", "Obsolete functions"). */
const deprecatedTitle = /\b(?:deprecat\w*|obsolete|removed (?:interfaces|functions|apis))\b/i

/** The APIs a section title is about: the ones it leads with, joined by `/`, `,`, `and`, `or` (`simple_strtol(), simple_strtoll()`). */
export function titledApis(title: string): Mention[] {
  const trimmed = title.replace(/^[\s*`]+/, '')
  // The weak pass only adds to the others: asked with it, a text the block finder reads again is read once.
  const mentions = findMentions(trimmed, { weak: true }).filter((mention) => !mention.weak)
  if (mentions.length === 0 || mentions[0].index > 0) return []
  const group = [mentions[0]]
  for (const mention of mentions.slice(1)) {
    const between = trimmed.slice(group[group.length - 1].end, mention.index)
    if (!/^[\s,`*/]*(?:and|or|&)?[\s,`*/]*$/.test(between)) break
    group.push(mention)
  }
  return group
}

/**
 * The APIs a piece of text consists of, when it is nothing but names and
 * separators (a table cell `pte_same`, a term `readl(), writel()`); bare
 * snake_case words count here, since nothing else stands beside them.
 * `found` is the text's mentions, bare words included, where the caller has
 * them already.
 */
export function namesOnly(text: string, found?: readonly Mention[]): Mention[] {
  // A name needs one of these (`kmap()`, `pte_same`, `->lookup`, `:c:func:`, `readl2`): most text has none, and is read no further.
  if (!/[(_:>0-9]/.test(text)) return []
  // "readsq, readsl, readsw, readsb" on lines of their own: a list of identifiers, most of them unlike English words.
  // Text with any other character (a full stop, a hyphen) is no such list, and is not cut into tokens.
  const tokens = /[^\w\s,/()]/.test(text) ? [] : (text.match(/[^\s,/]+/g) ?? [])
  const identifiers = tokens.length >= 3 && tokens.every((token) => /^[A-Za-z_][A-Za-z0-9_]*(?:\(\))?$/.test(token))
  const unlikeWords = identifiers ? tokens.filter((token) => /[_0-9(]/.test(token)).length : 0
  // Words set apart by commas alone, line after line, are a list of names once one of them is plainly an identifier.
  const commaList = /^\s*\w+(?:\(\))?(?:\s*,\s*\w+(?:\(\))?)*\s*,?\s*$/
  if (identifiers && (unlikeWords * 2 >= tokens.length || (unlikeWords > 0 && text.trim().split('\n').every((line) => commaList.test(line))))) {
    let at = 0
    return tokens.map((token) => {
      const index = text.indexOf(token, at)
      at = index + token.length
      return { name: token.replace(/\(\)$/, ''), kind: /^[A-Z0-9_]+$/.test(token) ? 'macro' : 'function', index, end: at, weak: true as const }
    })
  }
  const mentions = found ?? findMentions(text, { weak: true })
  if (mentions.length === 0) return []
  // "napi->poll:": the structure a method is named through is part of its name.
  const owners = text.includes('->') ? text.replace(/\b[A-Za-z_]\w*(?=->[A-Za-z_])/g, (owner) => ' '.repeat(owner.length)) : text
  let rest = ''
  let at = 0
  for (const mention of mentions) {
    rest += owners.slice(at, mention.index)
    at = Math.max(at, mention.end)
  }
  rest += owners.slice(at)
  return /^[\s,`*/()|:]*(?:(?:and|or|&|\/)[\s,`*/()|:]*)*$/.test(rest) ? [...mentions] : []
}

/**
 * A member or parameter documented as the lead of a list item: `- channels:
 * should be initialized …`, ``- ``dev``: should hold …``. Lower-case
 * identifiers only: "Note:" and "TODO:" are not members.
 */
function memberLead(text: string): Mention[] {
  // kernel-doc writes a member with an at sign: "- @probe:"; a synchronization list writes the structure too: "napi->poll:".
  const match = /^[\s*`]*@?(?:[a-z_][a-z0-9_]*(?:->|\.))?([a-z_][a-z0-9_]+)[`*]*\s*:(?:\s|$)/.exec(text) ?? /^[\s*`]*@?([a-z_])[`*]*\s*:(?:\s|$)/.exec(text)
  if (!match) return []
  const index = text.indexOf(match[1])
  return [{ name: match[1], kind: 'member', index, end: index + match[1].length }]
}

/**
 * A macro a list item or term leads with as its C definition: ``#define HPAGE_RESV_OWNER    (1UL << 0)`` over
 * "Indicates this task is the owner of the reservations …".
 */
function definedLead(text: string): Mention[] {
  const match = /^[\s*`]*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(text)
  if (!match) return []
  const index = text.indexOf(match[1])
  return [{ name: match[1], kind: 'macro', index, end: index + match[1].length }]
}

/**
 * The functions a literal block declares, when it holds only prototypes (no
 * body, no statement): `struct gpio_desc *gpiod_get(struct device *dev, …)`.
 * A block of example code declares nothing.
 */
const cWords = /^(?:if|for|while|switch|sizeof|typeof|return|void|int|char|short|long|unsigned|signed|float|double|bool|const|volatile|static|inline|extern|struct|union|enum|typedef|__attribute__|asmlinkage)$/

export function declaredIn(code: string): Mention[] {
  const text = code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ')
  if (/[{}=]|\breturn\b|^\s*#/m.test(text) || text.length > 4_000) return []
  const found: Mention[] = []
  let depth = 0
  let word = ''
  let wordStart = 0
  let previous = ''
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (/\w/.test(char)) {
      if (word === '') wordStart = index
      word += char
      continue
    }
    if (word) {
      let next = index
      while (next < text.length && /\s/.test(text[next])) next++
      // A name right before "(" at the outer level, after a type: a declaration.
      if (depth === 0 && text[next] === '(' && previous && !cWords.test(word)) {
        found.push({ name: word, kind: /^[A-Z0-9_]+$/.test(word) ? 'macro' : 'function', index: wordStart, end: index })
      }
      previous = word
      word = ''
    }
    if (char === '(') depth++
    else if (char === ')') depth = Math.max(0, depth - 1)
    else if (char === ';' && depth === 0) previous = ''
    else if (char === '*' && depth === 0) previous ||= '*'
  }
  return found
}

/** A paragraph that opens by referring back to what was just described. */
const refersBackAtStart = /^[\s`*]*(?:It|This|These|They|Both|The (?:function|call|macro|routine|helper)s?)\b/

/**
 * A paragraph right after prototypes that opens with what they do, the verb first as kernel-doc writes it:
 * "Resume a previously paused DMA channel.", "Synchronize the termination of the DMA channel …". A word that
 * opens a clause of another kind (a preposition, a conjunction, a determiner, the reader's imperatives) is none.
 */
const describesAtStart = /^[\s`*]*(?!(?:If|When|Whenever|Before|After|In|On|At|For|With|Without|By|Unlike|Like|As|From|To|During|Since|Once|Until|While|Note|See|Use|Please|Also|Then|Here|There|So|But|And|Or|Now|Only|Even|Just|Each|All|Any|Every|The|A|An|Some|Most|Many|Both|Either|Neither|No|Not|This|That|These|Those|It|They|We|You|Do|Don't|Never|Always|Remember|Make|Call)\b)[A-Z][a-z]+\s+(?:a|an|the|all|any|this|that|these|its|their|every|each)\b/

/** `map` with `key` set to `value`, made if there was none yet. */
function withEntry<K, V>(map: Map<K, V> | undefined, key: K, value: V): Map<K, V> {
  return (map ?? new Map<K, V>()).set(key, value)
}

/** The paragraphs of `list` from `at` on that open by referring back ("It immediately returns, …") and introduce no prototypes. */
function continuationOf(list: readonly Nodes[], at: number, sourceOf: SourceOf): Nodes[] {
  const found: Nodes[] = []
  for (let next = at; list[next]?.type === 'paragraph' && refersBackAtStart.test(sourceOf(list[next])) && !/::\s*$/.test(sourceOf(list[next])); next++) found.push(list[next])
  return found
}

/** The line a heading's title stands on, and its text without the underline. */
function titleOf(node: Nodes, sourceOf: SourceOf): { text: string; line: number } {
  const inline = children(node)
  const first = inline[0]?.position
  const last = inline[inline.length - 1]?.position
  if (!first || !last) return { text: sourceOf(node).split('\n')[0], line: node.position?.start.line ?? 1 }
  const text = sourceOf({ type: 'paragraph', children: [], position: { start: first.start, end: last.end } } as Nodes)
  return { text, line: first.start.line }
}

/** A section open while its parent's children are read: its depth, the API it is titled by, and the deprecation its title states. */
interface Section {
  depth: number
  block: ApiBlock | null
  deprecated: { title: string; line: number } | null
}

/** The innermost open section that has `key`, and its value there. */
function innermost<K extends 'block' | 'deprecated'>(sections: Section[], key: K): Section[K] | null {
  for (let index = sections.length - 1; index >= 0; index--) if (sections[index][key]) return sections[index][key]
  return null
}

/** Close the sections a heading of `depth` at `line` ends: each titled block runs to the line before. */
function closeSections(sections: Section[], depth: number, line: number): void {
  while (sections.length > 0 && sections[sections.length - 1].depth >= depth) {
    const section = sections.pop()!
    if (section.block) section.block.endLine = Math.max(section.block.startLine, line - 1)
  }
}

/**
 * Walk the tree once and sort its text into units, each tied to the API block
 * it stands in (the innermost), with its role there: the lead, a `NOTE:`, a
 * "[Legacy documentation]" marker and everything after it, or plain body.
 */
export function collectUnits(tree: Root, sourceOf: SourceOf): { blocks: ApiBlock[]; units: TextUnit[] } {
  const blocks: ApiBlock[] = []
  const units: TextUnit[] = []
  const legacyBlocks = new Set<ApiBlock>()
  // A list item's first paragraph is asked for its names twice in a row (does
  // the item hold names alone? then: does it lead with them?): read it once.
  let last: { node: Nodes; names: Mention[] } | null = null
  const namesOf = (node: Nodes): Mention[] => {
    if (last?.node !== node) last = { node, names: namesOnly(sourceOf(node)) }
    return last.names
  }

  const blockFor = (node: Nodes, preference?: ApiBlock['preference']): ApiBlock | undefined => {
    let group: Mention[] = []
    if (node.type === 'listItem' || node.type === ('definitionListItem' as string)) {
      const first = children(node)[0]
      if (first) {
        const text = sourceOf(first)
        group = titledApis(text)
        if (group.length === 0) group = namesOf(first)
        if (group.length === 0) group = memberLead(text)
        if (group.length === 0) group = definedLead(text)
      }
    } else if (node.type === 'tableRow') {
      // A table of helpers: the first cell names the API, the others describe it.
      const cells = children(node)
      if (cells.length >= 2) group = namesOnly(toString(cells[0]))
    } else {
      const declared = declaredApi(node)
      if (declared) group = [declared]
    }
    const before = sharedNames.get(node) ?? []
    if (before.length > 0 && group.length === 0) group = [...before]
    else if (before.length > 0) group = [...before, ...group]
    if (group.length === 0 || !node.position) return undefined
    return addBlock(node, group, preference)
  }
  // "- ``device_alloc_chan_resources``" then "- ``device_free_chan_resources``" and the description: items
  // that hold nothing but names share the description of the item after them.
  const sharedNames = new Map<Nodes, Mention[]>()
  // Paragraphs right before a list of error codes ("… usually caused by the following:" and "- Out of memory (-ENOMEM)").
  const introducedValues = new Map<Nodes, string[]>()
  /** The error codes and constants the items of a list name: "- Out of memory (``-ENOMEM``)", "* NETDEV_TX_OK everything ok." */
  const listedValues = (list: Nodes): string[] => {
    const values: string[] = []
    for (const item of children(list)) {
      const first = children(item)[0]
      if (first?.type !== 'paragraph') continue
      const text = sourceOf(first)
      const leading = /^[\s`*]*([A-Z][A-Z0-9]*_[A-Z0-9_]+|-E[A-Z0-9]+)\b/.exec(text)
      if (leading) values.push(leading[1])
      else for (const code of text.matchAll(/(?<![\w-])-E[A-Z0-9]{2,}\b/g)) values.push(code[0])
    }
    return [...new Set(values)]
  }
  // Paragraphs right before a list ("… the following notifiers are running under the lock:"): the APIs of the list.
  const introduced = new Map<Nodes, string[]>()
  // The first paragraph of each item of a list that a sentence breaks off into, with the words it breaks off after.
  const continuing = new Map<Nodes, string>()
  /** The APIs the items of a list lead with, nested lists included ("- Accesses to userspace: - copy_from_user() …"). */
  const listedNames = (list: Nodes, depth = 0): string[] => {
    const names: string[] = []
    for (const item of children(list)) {
      const [first, ...rest] = children(item)
      // A definition list's items lead with their term.
      if (first?.type === 'paragraph' || first?.type === ('definitionTerm' as string)) {
        const text = sourceOf(first)
        const leading = titledApis(text)
        for (const mention of leading.length > 0 ? leading : namesOnly(text)) names.push(mention.name)
      }
      if (depth < 2) for (const inner of rest) if (inner.type === 'list') names.push(...listedNames(inner, depth + 1))
    }
    return [...new Set(names)]
  }

  const onlyNames = (node: Nodes): Mention[] => {
    const inside = children(node)
    return node.type === 'listItem' && inside.length === 1 && inside[0].type === 'paragraph' ? namesOf(inside[0]) : []
  }
  const addBlock = (node: Nodes, group: Mention[], preference?: ApiBlock['preference'], endNode: Nodes = node): ApiBlock => {
    const names = [...new Set(group.map((mention) => mention.name))]
    let first: ApiBlock | undefined
    for (const mention of group) {
      if (first && mention.name === first.api) continue
      const block: ApiBlock = { api: mention.name, kind: mention.kind, node, startLine: node.position!.start.line, endLine: endNode.position!.end.line }
      if (names.length > 1) block.group = names
      if (preference) block.preference = preference
      blocks.push(block)
      first ??= block
    }
    return first!
  }

  const visit = (node: Nodes, block: ApiBlock | null, inNote: boolean, preference?: ApiBlock['preference']) => {
    const own = blockFor(node, preference) ?? null
    const current = own ?? block
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === ('definitionTerm' as string)) {
      const text = sourceOf(node)
      let role: TextUnit['role'] = 'body'
      if (inNote || noteStart.test(text)) role = 'note'
      else if (current && legacyMarker.test(text)) {
        role = 'legacy-marker'
        legacyBlocks.add(current)
      } else if (current && legacyBlocks.has(current)) role = 'legacy'
      else if (current && current.node.position?.start.line === node.position?.start.line) role = 'lead'
      const unit: TextUnit = { node, block: current, role }
      const listed = introduced.size > 0 ? introduced.get(node) : undefined
      const values = introducedValues.size > 0 ? introducedValues.get(node) : undefined
      if (listed) unit.lists = listed
      if (values) unit.values = values
      const continues = continuing.size > 0 ? continuing.get(node) : undefined
      if (continues) unit.continues = continues
      units.push(unit)
      return
    }
    if (node.type === 'code' || node.type === ('comment' as string)) return
    const note = inNote || (node.type === ('admonition' as string) && noteAdmonitions.has((node as unknown as { kind: string }).kind))
    const list = children(node)
    // Sections are flat in the tree: a heading opens one that runs to the next heading of its depth or higher.
    const sections: Section[] = []
    // The block of a paragraph whose description follows it, for that description. Made when one is: most
    // nodes visited are list items and paragraphs that have none, and a map for each is what a dense list costs.
    let pending: Map<Nodes, ApiBlock> | undefined
    for (let index = 0; index < list.length; index++) {
      const child = list[index]
      const inSection = innermost(sections, 'block') ?? current
      const next = list[index + 1]
      const names = onlyNames(child)
      if (names.length > 0 && next?.type === 'listItem') {
        sharedNames.set(next, [...(sharedNames.get(child) ?? []), ...names])
        continue
      }
      if (child.type === 'heading' && child.position) {
        closeSections(sections, child.depth, child.position.start.line)
        const title = titleOf(child, sourceOf)
        const scope = innermost(sections, 'deprecated')
        // "The probe() callback": a title naming one API by what it is.
        const apis = titledApis(title.text.replace(/^\s*(?:the|an?)\s+(?=[`*]*\S+[`*]*\s+(?:callback|function|macro|helper|method|operation|hook|interface)s?\s*$)/i, ''))
        let block: ApiBlock | null = null
        if (apis.length > 0) {
          const group = [...new Set(apis.map((mention) => mention.name))]
          for (const mention of apis) {
            const made: ApiBlock = { api: mention.name, kind: mention.kind, node: child, startLine: child.position.start.line, endLine: child.position.end.line, group }
            if (scope) made.deprecatedBy = scope
            blocks.push(made)
            block ??= made
          }
        }
        sections.push({ depth: child.depth, block, deprecated: deprecatedTitle.test(title.text) ? { title: title.text.replace(/\s+/g, ' ').trim(), line: title.line } : null })
        // "Some Functions Which Sleep" over "The most common ones are listed below …" and the list.
        // The first list of a section, when it comes right after the title or after one paragraph.
        const next = list.slice(index + 1, index + 3).find((each) => each.type === 'list' || each.type === 'heading')
        const names = next?.type === 'list' ? listedNames(next) : []
        const listed = names.length > 0 ? names : null
        units.push({ node: child, block: block ?? current, role: block ? 'lead' : 'body', title: true, ...(listed ? { lists: listed } : {}) })
        continue
      }
      // Not `list[-1]`: an index below zero is a property lookup, the slow path of every array.
      const intro = index > 0 ? list[index - 1] : undefined
      const described = next
      if (child.type === 'paragraph' && described?.type === 'paragraph' && list[index + 2]?.type === 'blockquote' && /:\s*$/.test(sourceOf(child))) {
        // "… the following ioremap() wrappers have such logic:" over "devm_ioremap_resource()" and its indented description, and more.
        const names: string[] = []
        for (let at = index + 1; list[at]?.type === 'paragraph' && list[at + 1]?.type === 'blockquote'; at += 2) {
          const named = namesOnly(sourceOf(list[at]))
          if (named.length === 0) break
          names.push(...named.map((mention) => mention.name))
        }
        if (names.length > 0) introduced.set(child, [...new Set(names)])
      }
      if (child.type === 'paragraph' && (described?.type === 'list' || described?.type === ('definitionList' as string)) && !/::\s*$/.test(sourceOf(child))) {
        const names = listedNames(described)
        if (names.length > 0) introduced.set(child, names)
        const values = listedValues(described)
        if (values.length > 0) introducedValues.set(child, values)
      }
      // The list may be indented under the paragraph (a block quote of one list).
      const listBelow = child.type === 'list' ? child : child.type === 'blockquote' && children(child)[0]?.type === 'list' ? children(child)[0] : null
      if (listBelow && intro?.type === 'paragraph') {
        const brokenOff = brokenOffNegation.exec(sourceOf(intro))
        if (brokenOff) {
          for (const item of children(listBelow)) {
            const first = children(item)[0]
            if (first?.type === 'paragraph') continuing.set(first, brokenOff[1].replace(/\s+/g, ' '))
          }
        }
      }
      if (child.type === 'list' && intro?.type === 'paragraph' && preferenceIntro.test(sourceOf(intro))) {
        children(child).forEach((item, rank) => visit(item, inSection, note, { intro, rank }))
      } else if (child.type === 'paragraph' && described?.type === 'code' && child.position && described.position && /::\s*$/.test(sourceOf(child)) && declaredIn(String((described as { value?: string }).value ?? '')).length > 0) {
        // "Device-managed variants of these functions are also defined::" and the prototypes below it; the
        // paragraph right after the prototypes ("This function returns 0 for output, …") describes them too.
        const description = list[index + 2]?.type === 'paragraph' ? list[index + 2] : undefined
        // The paragraphs after it that open by referring back ("It immediately returns, …") go on describing them.
        const continued = description ? continuationOf(list, index + 3, sourceOf) : []
        const block = addBlock(child, declaredIn(String((described as { value?: string }).value ?? '')), undefined, continued[continued.length - 1] ?? description ?? described)
        const previous = pending?.get(child)
        for (const paragraph of description ? [description, ...continued] : []) pending = withEntry(pending, paragraph, block)
        units.push({ node: child, block, role: 'lead', intro: true, ...(previous ? { describes: previous } : {}) })
      } else if (child.type === 'code' && described?.type === 'paragraph' && (refersBackAtStart.test(sourceOf(described)) || describesAtStart.test(sourceOf(described))) && !(intro?.type === 'paragraph' && /::\s*$/.test(sourceOf(intro))) && declaredIn(String((child as { value?: string }).value ?? '')).length > 0) {
        // Prototypes with no paragraph introducing them (a ``code-block`` directive, a bare "::"): the paragraph
        // after them that refers back leads their description ("This causes all activity for the DMA channel to be stopped, …").
        const continued = continuationOf(list, index + 2, sourceOf)
        const block = addBlock(described, declaredIn(String((child as { value?: string }).value ?? '')), undefined, continued[continued.length - 1] ?? described)
        for (const paragraph of [described, ...continued]) pending = withEntry(pending, paragraph, block)
      } else if (child.type === 'paragraph' && (described?.type === 'blockquote' || (described?.type === 'list' && !(node.type === 'listItem' && index === 0))) && child.position && described.position && namesOnly(sourceOf(child)).length > 0) {
        // "readl(), writel()" on a line of its own, its description indented below or listed below ("DMA_CTRL_ACK" and
        // "- If clear, the descriptor cannot be reused …"): a definition written without the definition list.
        const block = addBlock(child, namesOnly(sourceOf(child)), undefined, described)
        pending = withEntry(pending, described, block)
        units.push({ node: child, block, role: 'lead', title: true })
      } else visit(child, pending?.get(child) ?? inSection, note)
    }
    closeSections(sections, 0, (node.position?.end.line ?? 0) + 1)
  }
  visit(tree, null, false)
  return { blocks, units }
}
