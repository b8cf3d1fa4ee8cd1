import type { Nodes, Parent, Root, RootContent } from 'mdast'
import { findMentions, type Mention } from './mentions.ts'
import type { Kind } from './schema.ts'

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
}

export type SourceOf = (node: Nodes) => string

const noteStart = /^\s*(?:\*\*)?(?:NOTE|Note|WARNING|Warning|CAUTION|Caution)(?:\*\*)?\s*:/
const legacyMarker = /^\s*\[[^\]\n]*\b(?:legacy|deprecated|obsolete|historical)\b[^\]\n]*\]\s*$/i
const preferenceIntro = /\border of preference\b|\bmost preferred first\b|\bpreferred first\b/i
const noteAdmonitions = new Set(['note', 'warning', 'attention', 'caution', 'important', 'hint', 'tip', 'danger', 'error'])

/** The API a piece of text leads with (`kmap_local_page().  This function…`), if any. */
export function leadingApi(text: string): Mention | undefined {
  const trimmed = text.replace(/^[\s*`]+/, '')
  const mention = findMentions(trimmed)[0]
  if (!mention || mention.index > 0) return undefined
  return mention
}

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

/** A title about deprecated or removed interfaces ("Deprecated Interfaces, Language Features…", "Obsolete functions"). */
const deprecatedTitle = /\b(?:deprecat\w*|obsolete|removed (?:interfaces|functions|apis))\b/i

/** The APIs a section title is about: the ones it leads with, joined by `/`, `,`, `and`, `or` (`simple_strtol(), simple_strtoll()`). */
export function titledApis(title: string): Mention[] {
  const trimmed = title.replace(/^[\s*`]+/, '')
  const mentions = findMentions(trimmed)
  if (mentions.length === 0 || mentions[0].index > 0) return []
  const group = [mentions[0]]
  for (const mention of mentions.slice(1)) {
    const between = trimmed.slice(group[group.length - 1].end, mention.index)
    if (!/^[\s,`*/]*(?:and|or|&)?[\s,`*/]*$/.test(between)) break
    group.push(mention)
  }
  return group
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

/**
 * Walk the tree once and sort its text into units, each tied to the API block
 * it stands in (the innermost), with its role there: the lead, a `NOTE:`, a
 * "[Legacy documentation]" marker and everything after it, or plain body.
 */
export function collectUnits(tree: Root, sourceOf: SourceOf): { blocks: ApiBlock[]; units: TextUnit[] } {
  const blocks: ApiBlock[] = []
  const units: TextUnit[] = []
  const legacyBlocks = new Set<ApiBlock>()

  const blockFor = (node: Nodes, preference?: ApiBlock['preference']): ApiBlock | undefined => {
    let mention: Mention | undefined
    if (node.type === 'listItem' || node.type === ('definitionListItem' as string)) {
      const first = children(node)[0]
      if (first) mention = leadingApi(sourceOf(first))
    } else mention = declaredApi(node)
    if (!mention || !node.position) return undefined
    const block: ApiBlock = { api: mention.name, kind: mention.kind, node, startLine: node.position.start.line, endLine: node.position.end.line }
    if (preference) block.preference = preference
    blocks.push(block)
    return block
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
      units.push({ node, block: current, role })
      return
    }
    if (node.type === 'code' || node.type === ('comment' as string)) return
    const note = inNote || (node.type === ('admonition' as string) && noteAdmonitions.has((node as unknown as { kind: string }).kind))
    const list = children(node)
    // Sections are flat in the tree: a heading opens one that runs to the next heading of its depth or higher.
    const sections: Array<{ depth: number; block: ApiBlock | null; deprecated: { title: string; line: number } | null }> = []
    const close = (depth: number, line: number) => {
      while (sections.length > 0 && sections[sections.length - 1].depth >= depth) {
        const section = sections.pop()!
        if (section.block) section.block.endLine = Math.max(section.block.startLine, line - 1)
      }
    }
    const sectionBlock = () => [...sections].reverse().find((section) => section.block)?.block ?? null
    list.forEach((child, index) => {
      const inSection = sectionBlock() ?? current
      if (child.type === 'heading' && child.position) {
        close(child.depth, child.position.start.line)
        const title = titleOf(child, sourceOf)
        const scope = [...sections].reverse().find((section) => section.deprecated)?.deprecated ?? null
        const apis = titledApis(title.text)
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
        units.push({ node: child, block: block ?? current, role: block ? 'lead' : 'body', title: true })
        return
      }
      const intro = list[index - 1]
      if (child.type === 'list' && intro?.type === 'paragraph' && preferenceIntro.test(sourceOf(intro))) {
        children(child).forEach((item, rank) => visit(item, inSection, note, { intro, rank }))
      } else visit(child, inSection, note)
    })
    close(0, (node.position?.end.line ?? 0) + 1)
  }
  visit(tree, null, false)
  return { blocks, units }
}
