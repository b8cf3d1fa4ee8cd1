import type { Nodes, Root } from 'mdast'
import { location } from 'vfile-location'
import { collectUnits, namesOnly, type ApiBlock, type TextUnit } from './blocks.ts'
import { readSentence, strongerStatus, type Derived } from './language.ts'
import { findMentions, type Mention } from './mentions.ts'
import { groupsOf } from './subjects.ts'
import { contexts as contextOrder, effects as effectOrder, lockRules, type ApiRecord, type CallingContext, type Effect, type Fact, type Kind, type Locking, type ReturnValue, type Status } from '../../../src/schema/records.ts'
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
  const sentences: ReadSentence[] = units.flatMap((unit) => sentencesOf(unit, place, options.source))

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
    if (block.deprecatedBy) draft.facts.push({ field: 'status', value: 'deprecated', sentence: block.deprecatedBy.title, line: block.deprecatedBy.line })
  }

  let topic: string[] = []
  let recent: string[] = []
  let recentStatus: 'removed' | 'deprecated' | undefined
  let carried = false
  let previousUnit: TextUnit | null = null
  for (const sentence of sentences) {
    for (const mention of sentence.mentions) {
      const draft = draftOf(mention.name, mention.kind)
      draft.mentions.push({ line: sentence.line, column: sentence.column })
      if (!draft.sentences.includes(sentence)) draft.sentences.push(sentence)
    }
    const block = sentence.unit.block
    if (block) {
      const draft = draftOf(block.api, block.kind)
      if (!draft.sentences.includes(sentence)) draft.sentences.push(sentence)
    }
    // A new paragraph starts from what its block is about; within one, a sentence may refer back to the previous.
    if (sentence.unit !== previousUnit) {
      // A paragraph outside any description may refer back, by a pronoun only, to what the previous one was about ("New helpers: sb_bread() … ¶ Use them.").
      carried = !block && Boolean(previousUnit && !previousUnit.block && !previousUnit.title && !sentence.unit.title) && topic.length > 0
      topic = block ? (block.group ?? [block.api]) : carried ? topic : []
      recent = []
    }
    previousUnit = sentence.unit
    if (sentence.unit.title) {
      for (const [name, fact] of titleFacts(sentence)) draftOf(name, 'function').facts.push(fact)
      continue
    }
    // Conversion notes inside an API's description advise the reader on converting to it; they state no facts about it.
    if ((sentence.unit.role === 'note' && block && !block.group) || sentence.unit.role === 'legacy-marker') continue
    const read = readSentence(sentence.text, { blockApi: block?.api ?? null, topic, recent, carried, ...(recentStatus ? { recentStatus } : {}) })
    topic = read.topic
    carried = Boolean(read.carried)
    recent = read.deprecated
    recentStatus = read.status
    for (const derived of read.derived) draftOf(derived.api, kindOf(derived.api, sentence)).facts.push(factOf(derived, sentence))
  }

  for (const block of blocks) {
    if (!block.preference || block.preference.rank !== 0) continue
    const intro = sentences.find((sentence) => sentence.unit.node === block.preference!.intro && /preference|preferred/i.test(sentence.text))
    if (intro) draftOf(block.api, block.kind).facts.push({ field: 'status', value: 'preferred', sentence: intro.text, line: intro.line })
  }

  // A bare snake_case word is an API only where a rule found one in its place.
  const kept = [...drafts.values()].filter((draft) => draft.block || draft.facts.length > 0 || draft.sentences.some((sentence) => sentence.mentions.some((mention) => mention.name === draft.name)))
  const records = kept.map((draft) => toRecord(draft, sentences, options))
  const deprecated = new Set(records.filter((record) => record.status === 'deprecated' || record.status === 'removed').map((record) => record.name))
  for (const record of records) {
    // A deprecated API is no replacement: "use the preceding functions" must not point at one.
    record.replacement = record.replacement.filter((name) => !deprecated.has(name))
  }
  return records.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** The sentences of a text unit, quoted from the source; a section title is one sentence, its underline left out. */
function sentencesOf(unit: TextUnit, place: ReturnType<typeof location>, source: string): ReadSentence[] {
  const inline = unit.title && 'children' in unit.node ? (unit.node.children as Nodes[]) : null
  const from = inline ? inline[0]?.position?.start : unit.node.position?.start
  const to = inline ? inline[inline.length - 1]?.position?.end : unit.node.position?.end
  const start = place.toOffset(from)
  const end = place.toOffset(to)
  if (start === undefined || end === undefined || !from) return []
  const split = unit.title
    ? [{ text: source.slice(start, end).replace(/\s+/g, ' ').trim(), line: from.line, column: from.column }].filter((sentence) => sentence.text)
    : splitSentences(source, start, end, from.line, from.column)
  return split.map((sentence) => ({ ...sentence, unit, mentions: findMentions(sentence.text) }))
}

/** Facts a section title states by itself: "Deprecated create_proc_entry", "kmap() (obsolete)". */
function titleFacts(sentence: ReadSentence): Array<[string, Fact]> {
  const match = /\b(deprecated|obsolete|removed)\b/i.exec(sentence.text)
  if (!match || sentence.text.split(/\s+/).length > 8) return []
  const status = /removed/i.test(match[1]) ? 'removed' : 'deprecated'
  return findMentions(sentence.text, { weak: true }).map((mention) => [mention.name, { field: 'status', value: status, sentence: sentence.text, line: sentence.line }])
}

/** The kind of a name a rule gave a fact to, from how the sentence writes it. */
function kindOf(name: string, sentence: ReadSentence): Kind {
  return sentence.mentions.find((mention) => mention.name === name)?.kind ?? 'function'
}

function factOf(derived: Derived, sentence: Sentence): Fact {
  const fact: Fact = { field: derived.field, value: derived.value, sentence: sentence.text, line: sentence.line }
  if (derived.condition) fact.condition = derived.condition
  return fact
}

/** The record fields its facts give: every derived value comes from a fact, so this is the one place they are computed. */
export type FactFields = Pick<ApiRecord, 'status' | 'replacement' | 'unmap' | 'contexts' | 'forbiddenContexts' | 'effects' | 'locking' | 'returnValues' | 'release' | 'since'>

export function fieldsFromFacts(facts: readonly Fact[]): FactFields {
  const field = (name: string) => facts.filter((fact) => fact.field === name)
  let status: Status = 'available'
  for (const fact of field('status')) status = strongerStatus(status, fact.value as Status)
  const unmap = field('unmap')[0]?.value ?? null
  return {
    status,
    replacement: [...new Set(field('replacement').map((fact) => fact.value))],
    unmap,
    contexts: inOrder(contextOrder, field('contexts').map((fact) => fact.value as CallingContext)),
    forbiddenContexts: inOrder(contextOrder, field('forbiddenContexts').map((fact) => fact.value as CallingContext)),
    effects: inOrder(effectOrder, field('effects').map((fact) => fact.value as Effect)),
    locking: lockingOf(field('locking')),
    returnValues: returnValuesOf(field('returnValues')),
    release: field('release')[0]?.value ?? unmap,
    since: field('since')[0]?.value ?? null,
  }
}

function toRecord(draft: Draft, all: ReadSentence[], options: ExtractOptions): ApiRecord {
  // Every API a title names together shares the section: `kmalloc()/kzalloc()`.
  const own = draft.block ? all.filter((sentence) => sentence.unit.block?.node === draft.block!.node) : []
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
  const first = draft.sentences[0]
  const summary = described ? summaryOf(own, draft.name) : definitionOf(draft)
  if (summary) facts.push({ field: 'summary', value: summary.text, sentence: summary.text, line: summary.line })
  const derived = fieldsFromFacts(facts)
  return {
    name: draft.name,
    kind: draft.block?.kind ?? draft.kind,
    document: options.document,
    version: options.version,
    status: derived.status,
    described,
    replacement: derived.replacement,
    unmap: derived.unmap,
    contexts: derived.contexts,
    forbiddenContexts: derived.forbiddenContexts,
    effects: derived.effects,
    locking: derived.locking,
    returnValues: derived.returnValues,
    release: derived.release,
    since: derived.since,
    summary: summary?.text ?? '',
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

/**
 * The sentence that defines a described API: the lead after the name
 * ("kmap_atomic().  This permits …" gives "This permits …"), else the first
 * sentence of its description; a section's title is no definition.
 */
function summaryOf(own: ReadSentence[], name: string): ReadSentence | undefined {
  const text = own.filter((sentence) => !sentence.unit.title && namesOnly(sentence.text).length === 0 && !changeNotice(sentence, name))
  const lead = text.filter((sentence) => sentence.unit.role === 'lead')
  // A paragraph introducing prototypes says what they are in its last sentence ("… can be obtained with one call::").
  if (lead[0]?.unit.intro) return lead.filter((sentence) => sentence.unit === lead[0].unit).pop()
  return lead[0] ?? text.find((sentence) => sentence.unit.role === 'body')
}

/**
 * A sentence that tells what happened to an API rather than what it is: "X
 * is gone", "X is deprecated and should not be used", "->d_revalidate() gets
 * two extra arguments now". Changelogs (porting.rst) are made of these.
 */
function changeNotice(sentence: ReadSentence, name: string): boolean {
  // Where it is declared, a cross-reference or a condition is no definition either.
  if (/^\W*\[[^\]]+\]\W*$/.test(sentence.text) || sentence.text.split(/\s+/).length < 3) return true
  // Nor is an instruction to the reader ("Use WARN() instead").
  if (/^[\s*`]*(?:Defined in|Declared in|See\b|TODO|FIXME|XXX|Since\b|Although\b|If\b|When\b|Unless\b|Note\b|NOTE\b|Use\b(?! of)|Do not\b|Don't\b|Never\b|Avoid\b|Please\b|Call\b)/.test(sentence.text)) return true
  if (/\b(?:now|anymore|any more|no longer|these days)\b|(?<!\b(?:be|is|are|been|being|was|were)\s+)\bused to\b/i.test(sentence.text)) return true
  const mention = sentence.mentions.find((each) => each.name === name)
  const after = mention ? sentence.text.slice(mention.end) : sentence.text
  return /^[\s`*)]*(?:\([^)]*\)\s*)?(?:(?:is|are|was|were|has been|have been|will be|should be|must be|may be|can be|becomes?|became)\s+(?:also\s+|now\s+|similarly\s+|still\s+)?(?:gone|deprecated|obsolete|removed|replaced|superseded|no more|not\b|internal|optional|changed|added|renamed|called|invoked|allowed|safe|unsafe|required|mandatory|dead|static|exported|unexported|dropped)|(?:should|must|may|can|cannot|can't|must not|should not)\b|gets?\s+(?:\w+\s+)?(?:new|extra|additional|an? (?:new|extra))\b)/i.test(after)
}

/** A verb that makes "X() does …" a definition of X. */
const defining = /^\s*(?:\([^)]{0,40}\)\s*)?(?:(?:is|are|will|can|simply|just|basically|essentially|also|always|then)\s+)*(?:is|are|returns|allocates|creates|maps|unmaps|provides|performs|checks|tests|sets|gets|reads|writes|takes|releases|frees|registers|unregisters|initializes|initialises|waits|marks|adds|removes|copies|converts|disables|enables|increments|decrements|acquires|attempts|tries|looks|finds|walks|iterates|invokes|calls|schedules|queues|submits|starts|stops|does|handles|causes|makes|ensures|prints|dumps|records|tells|gives|lets|works|behaves|acts|means|stands|translates|splits|updates|changes|resets|clears|flushes|synchronizes|synchronises|blocks|sleeps|yields|grabs|drops|locks|unlocks|pins|unpins|evaluates|expands|declares|defines|describes|indicates|determines|computes|calculates)\b/i

/** For an API the document only mentions: the first sentence that leads with it and says what it does or is. */
function definitionOf(draft: Draft): ReadSentence | undefined {
  return draft.sentences.find((sentence) => {
    if (sentence.unit.title || /\?$/.test(sentence.text) || changeNotice(sentence, draft.name)) return false
    // The sentence leads with the API, alone or among others: "copy_to_user() and copy_from_user() are …".
    const lead = groupsOf(sentence.text, sentence.mentions)[0]
    if (!lead || !lead.mentions.some((mention) => mention.name === draft.name)) return false
    if (sentence.text.slice(0, lead.start).replace(/^(?:The|the|A|a|Calling|Function|Macro|Helper)\s+|[\s`*"']/g, '') !== '') return false
    return defining.test(sentence.text.slice(lead.end).replace(/^\s*(?:function|macro|helper|call|API|interface)s?\b/i, ''))
  })
}

function lockingOf(facts: Fact[]): Locking[] {
  const seen = new Set<string>()
  const locking: Locking[] = []
  for (const fact of facts) {
    const [rule, lock] = [fact.value.slice(0, fact.value.indexOf(':')), fact.value.slice(fact.value.indexOf(':') + 1)]
    if (!(lockRules as readonly string[]).includes(rule) || !lock || seen.has(fact.value)) continue
    seen.add(fact.value)
    locking.push({ lock, rule: rule as Locking['rule'] })
  }
  return locking
}

function returnValuesOf(facts: Fact[]): ReturnValue[] {
  const seen = new Set<string>()
  const values: ReturnValue[] = []
  for (const fact of facts) {
    if (seen.has(fact.value)) continue
    seen.add(fact.value)
    values.push(fact.condition ? { value: fact.value, condition: fact.condition } : { value: fact.value })
  }
  return values
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
