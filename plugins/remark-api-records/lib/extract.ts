import type { Nodes, Root } from 'mdast'
import { location } from 'vfile-location'
import { collectUnits, type ApiBlock, type TextUnit } from './blocks.ts'
import { interpretSentence, strongerStatus, type Derived } from './language.ts'
import { expandName, findMentions, type Mention } from './mentions.ts'
import { contexts as contextOrder, effects as effectOrder, type ApiRecord, type Context, type Effect, type Fact, type Kind, type Status } from './schema.ts'
import { splitSentences, type Sentence } from './sentences.ts'

export interface ExtractOptions {
  /** The document id from the manifest. */
  document: string
  /** The version id. */
  version: string
  /** The document's path in the kernel tree, for `source.file`. */
  path: string
  /** The document's text: sentences are quoted from it, not from the tree. */
  source: string
}

/** A sentence with what it is part of. */
interface ReadSentence extends Sentence {
  unit: TextUnit
  mentions: Mention[]
}

/** Everything gathered about one API before it becomes a record. */
interface Draft {
  name: string
  kind: Kind
  block: ApiBlock | null
  facts: Fact[]
  mentions: Array<{ line: number; column: number }>
  sentences: ReadSentence[]
}

/**
 * Derive the API records of one document version from its mdast: one per API
 * the document describes (a list item, section or C-domain directive led by
 * its name) and one per API it only mentions. Every derived value carries the
 * sentence that states it.
 *
 * @param tree
 *   The document's mdast, with positions.
 * @returns
 *   The records, sorted by name.
 */
export function extractRecords(tree: Root, options: ExtractOptions): ApiRecord[] {
  const place = location(options.source)
  const sourceOf = (node: Nodes) => {
    const start = place.toOffset(node.position?.start)
    const end = place.toOffset(node.position?.end)
    return start === undefined || end === undefined ? '' : options.source.slice(start, end)
  }
  const { blocks, units } = collectUnits(tree, sourceOf)
  const sentences: ReadSentence[] = units.flatMap((unit) => {
    const start = place.toOffset(unit.node.position?.start)
    const end = place.toOffset(unit.node.position?.end)
    if (start === undefined || end === undefined) return []
    return splitSentences(options.source, start, end, unit.node.position!.start.line, unit.node.position!.start.column).map((sentence) => ({
      ...sentence,
      unit,
      mentions: findMentions(sentence.text),
    }))
  })

  const drafts = new Map<string, Draft>()
  const draftOf = (name: string, kind: Kind): Draft => {
    let draft = drafts.get(name)
    if (!draft) {
      draft = { name, kind, block: null, facts: [], mentions: [], sentences: [] }
      drafts.set(name, draft)
    }
    return draft
  }
  for (const block of blocks) {
    const draft = draftOf(block.api, block.kind)
    // The outermost block that leads with the name is its description.
    draft.block ??= block
  }

  for (const sentence of sentences) {
    for (const mention of sentence.mentions) {
      const draft = draftOf(mention.name, mention.kind)
      draft.mentions.push({ line: sentence.line, column: sentence.column })
      if (!draft.sentences.includes(sentence)) draft.sentences.push(sentence)
    }
    if (sentence.unit.block) {
      const draft = draftOf(sentence.unit.block.api, sentence.unit.block.kind)
      if (!draft.sentences.includes(sentence)) draft.sentences.push(sentence)
    }
    // Conversion notes advise the reader; they state no facts about the API.
    if (sentence.unit.role === 'note' || sentence.unit.role === 'legacy-marker') continue
    for (const derived of interpretSentence(sentence.text, { blockApi: sentence.unit.block?.api ?? null })) {
      draftOf(derived.api, 'function').facts.push(factOf(derived, sentence))
    }
    for (const [api, unmap] of unmapPairs(sentence)) draftOf(api, 'function').facts.push({ field: 'unmap', value: unmap, sentence: sentence.text, line: sentence.line })
  }

  for (const block of blocks) {
    if (!block.preference || block.preference.rank !== 0) continue
    const intro = sentences.find((sentence) => sentence.unit.node === block.preference!.intro && /preference|preferred/i.test(sentence.text))
    if (intro) draftOf(block.api, block.kind).facts.push({ field: 'status', value: 'preferred', sentence: intro.text, line: intro.line })
  }

  const records = [...drafts.values()].map((draft) => toRecord(draft, sentences, options))
  const deprecated = new Set(records.filter((record) => record.status === 'deprecated').map((record) => record.name))
  for (const record of records) {
    // A deprecated API is no replacement: "use the preceding functions" must not point at one.
    record.replacement = record.replacement.filter((name) => !deprecated.has(name))
  }
  return records.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function factOf(derived: Derived, sentence: Sentence): Fact {
  return { field: derived.field, value: derived.value, sentence: sentence.text, line: sentence.line }
}

/**
 * Pairs of a mapping function and its release, as documents write them:
 * `k[un]map_atomic()`, `kmap_local_page() / kunmap_local()`, "released with kunmap()".
 */
function unmapPairs(sentence: ReadSentence): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (const match of sentence.text.matchAll(/([A-Za-z_]\w*)\[(un)\](\w*)\(\)/g)) {
    const [without, withUn] = expandName(`${match[1]}[${match[2]}]${match[3]}`)
    pairs.push([without, withUn])
  }
  for (const match of sentence.text.matchAll(/([A-Za-z_]\w*)\(\)\s*\/\s*([A-Za-z_]\w*)\(\)/g)) {
    if (/un|release|free|put/.test(match[2]) && !/un|release|free|put/.test(match[1])) pairs.push([match[1], match[2]])
  }
  const released = /\b(?:released|unmapped|undone|freed|torn down)\s+(?:\w+\s+)?(?:with|by|using|through|via)\s+([A-Za-z_]\w*)\(\)/i.exec(sentence.text)
  if (released && sentence.unit.block) pairs.push([sentence.unit.block.api, released[1]])
  if (sentence.unit.block) {
    const api = sentence.unit.block.api
    const guess = api.replace(/map/, 'unmap')
    for (const mention of sentence.mentions) {
      if (mention.name !== api && mention.name.includes('unmap') && guess !== api && guess.startsWith(mention.name)) pairs.push([api, mention.name])
    }
  }
  return pairs
}

function toRecord(draft: Draft, all: ReadSentence[], options: ExtractOptions): ApiRecord {
  const field = (name: string) => draft.facts.filter((fact) => fact.field === name)
  let status: Status = 'available'
  for (const fact of field('status')) status = strongerStatus(status, fact.value as Status)
  const own = draft.block ? all.filter((sentence) => sentence.unit.block === draft.block) : []
  const described = Boolean(draft.block)
  const unitsText = (role: TextUnit['role']) => {
    const seen = new Set<Nodes>()
    const texts: string[] = []
    for (const sentence of own) {
      if (sentence.unit.role !== role) continue
      if (seen.has(sentence.unit.node)) texts[texts.length - 1] += ' ' + sentence.text
      else texts.push(sentence.text)
      seen.add(sentence.unit.node)
    }
    return texts
  }
  const notes = unitsText('note')
  const legacyParts = unitsText('legacy')
  const facts: Fact[] = [...draft.facts]
  for (const note of notes) {
    const first = own.find((sentence) => sentence.unit.role === 'note' && note.startsWith(sentence.text))
    if (first) facts.push({ field: 'notes', value: note, sentence: first.text, line: first.line })
  }
  const marker = own.find((sentence) => sentence.unit.role === 'legacy-marker')
  if (marker && legacyParts.length > 0) facts.push({ field: 'legacy', value: legacyParts.join('\n\n'), sentence: marker.text, line: marker.line })

  const related = new Set<string>()
  for (const sentence of described ? own : draft.sentences) for (const mention of sentence.mentions) if (mention.name !== draft.name) related.add(mention.name)
  const unmap = field('unmap')[0]?.value ?? null
  const first = draft.sentences[0]
  return {
    name: draft.name,
    kind: draft.block?.kind ?? draft.kind,
    document: options.document,
    version: options.version,
    status,
    described,
    replacement: [...new Set(field('replacement').map((fact) => fact.value))],
    unmap,
    contexts: inOrder(contextOrder, field('contexts').map((fact) => fact.value as Context)),
    effects: inOrder(effectOrder, field('effects').map((fact) => fact.value as Effect)),
    summary: described ? summaryOf(own, draft.name) : first?.text ?? '',
    notes,
    legacy: legacyParts.length > 0 ? legacyParts.join('\n\n') : null,
    related: [...related],
    mentions: draft.mentions,
    text: (described ? own : draft.sentences).map((sentence) => sentence.text).join(' '),
    source: draft.block
      ? { file: options.path, startLine: draft.block.startLine, endLine: draft.block.endLine }
      : { file: options.path, startLine: first?.line ?? 1, endLine: lastLine(draft.sentences) },
    facts: dedupeFacts(facts),
  }
}

/** The lead sentence after the name: "kmap_atomic().  This permits …" gives "This permits …". */
function summaryOf(own: ReadSentence[], name: string): string {
  const lead = own.filter((sentence) => sentence.unit.role === 'lead')
  const rest = lead.filter((sentence) => sentence.text.replace(/[`*]/g, '').replace(/\(\)\.?$/, '') !== name)
  return (rest[0] ?? own.find((sentence) => sentence.unit.role === 'body'))?.text ?? ''
}

function lastLine(sentences: ReadSentence[]): number {
  return sentences.reduce((line, sentence) => Math.max(line, sentence.unit.node.position?.end.line ?? sentence.line), 1)
}

function inOrder<T extends string>(order: readonly T[], values: T[]): T[] {
  return order.filter((value) => values.includes(value))
}

function dedupeFacts(facts: Fact[]): Fact[] {
  const seen = new Set<string>()
  return facts.filter((fact) => {
    const key = `${fact.field}\0${fact.value}\0${fact.line}\0${fact.sentence}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
