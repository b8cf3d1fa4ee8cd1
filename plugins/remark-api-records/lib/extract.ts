import type { Nodes, Root } from 'mdast'
import { location } from 'vfile-location'
import { distinct } from './distinct.ts'
import { collectUnits, namesOnly, type ApiBlock, type TextUnit } from './blocks.ts'
import { readSentence, strongerStatus, type Derived, type Reading } from './language.ts'
import { labelledFacts, opensWithLabel, type LabelState } from './field-labels.ts'
import { findMentions, readingMentionsOnce, type Mention } from './mentions.ts'
import { pairs, ReleaseIndex, releaseFacts, releaseIntro } from './rules/pairing.ts'
import { groupsOf } from './subjects.ts'
import { contexts as contextOrder, effects as effectOrder, lockRules, type ApiRecord, type CallingContext, type Effect, type Fact, type Kind, type Locking, type ReturnValue, type Status } from '../../../src/schema/records.ts'
import { splitListing, splitSentences, type Sentence } from './sentences.ts'

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
  /** The APIs it names. */
  mentions: Mention[]
  /** And the bare snake_case words that may be APIs where a rule finds them in one's place. */
  withWeak: Mention[]
  /** The description it is part of: its unit's, except where a paragraph describes prototypes before it and introduces others after it. */
  block: ApiBlock | null
  role: TextUnit['role']
  /** The sentence introduces the prototypes that follow ("… are also defined::"). */
  intro: boolean
  /** What it says of any API it names, once asked. */
  reading?: SentenceReading
}

/** Everything gathered about one API before it becomes a record. */
interface Draft {
  name: string
  kind: Kind
  block: ApiBlock | null
  facts: Fact[]
  mentions: Array<{ line: number; column: number }>
  sentences: ReadSentence[]
  /** For a bare snake_case name: the sentence that leads with it and says what it is ("try_to_take_rt_mutex is used every time …"). */
  bareDefinition?: ReadSentence
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
  return readingMentionsOnce(() => recordsOf(tree, options))
}

function recordsOf(tree: Root, options: ExtractOptions): ApiRecord[] {
  const place = location(options.source)
  const sourceOf = (node: Nodes) => {
    const start = place.toOffset(node.position?.start)
    const end = place.toOffset(node.position?.end)
    return start === undefined || end === undefined ? '' : options.source.slice(start, end)
  }
  const { blocks, units } = collectUnits(tree, sourceOf)
  const sentences: ReadSentence[] = []
  for (const unit of units) addSentencesOf(unit, place, options.source, sentences)

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
  let previousBlock: ApiBlock | null = null
  const labelled: LabelState = { label: null }
  let previousDerived: Derived[] = []
  // The APIs named last in this paragraph and in the one before, for a release told after them.
  let named: { unit: TextUnit | null; names: string[]; before: string[] } = { unit: null, names: [], before: [] }
  // The APIs described so far, for releases introduced later.
  const described = new ReleaseIndex()
  let previousDescribed: ApiBlock | null = null
  // The methods of an operations structure described so far ("- @probe:", "->lookup()"), for "all callbacks".
  const members = new Set<string>()
  let membersUnit: TextUnit | null = null
  for (let index = 0; index < sentences.length; index++) {
    const sentence = sentences[index]
    const lastOfUnit = index === sentences.length - 1 || sentences[index + 1].unit !== sentence.unit
    for (const mention of sentence.mentions) {
      const draft = draftOf(mention.name, mention.kind)
      draft.mentions.push({ line: sentence.line, column: sentence.column })
      // Sentences come in order, so a sentence already taken is the last one taken.
      if (draft.sentences[draft.sentences.length - 1] !== sentence) draft.sentences.push(sentence)
    }
    const block = sentence.block
    if (block) {
      const draft = draftOf(block.api, block.kind)
      // Sentences come in order, so a sentence already taken is the last one taken.
      if (draft.sentences[draft.sentences.length - 1] !== sentence) draft.sentences.push(sentence)
    }
    // A new paragraph starts from what its block is about; within one, a sentence may refer back to the previous.
    if (sentence.unit !== previousUnit || block !== previousBlock) {
      // "Context:" as a term of its own, its value the definition below it ("softirq"): the label reaches into it.
      if (!(labelled.awaiting && block === previousBlock)) labelled.label = null
      // A paragraph outside any description may refer back, by a pronoun only, to what the previous one was about ("New helpers: sb_bread() … ¶ Use them.").
      carried = !block && Boolean(previousUnit && !previousUnit.block && !previousUnit.title && !sentence.unit.title) && topic.length > 0
      topic = block ? (block.group ?? [block.api]) : carried ? topic : []
      recent = []
    }
    previousUnit = sentence.unit
    previousBlock = block
    // "Some functions are safe to call from any context …:" and a list: the collective is the list's APIs.
    const listed = sentence.unit.lists
    if (listed && lastOfUnit) {
      const collective = asCollective(sentence.text)
      const facts = collective ? readSentence(collective, { blockApi: null, topic: listed }).derived : []
      for (const derived of facts) if (listed.includes(derived.api)) draftOf(derived.api, 'function').facts.push(factOf(derived, sentence))
    }
    // "It immediately returns, either with status 0 … or some error code, usually caused by the following:" and a list of codes.
    const values = sentence.unit.values
    if (values && block && lastOfUnit && /\breturn|\berror|\bfail/i.test(sentence.text)) {
      for (const api of block.group ?? [block.api]) for (const value of values) draftOf(api, block.kind).facts.push(factOf({ api, field: 'returnValues', value }, sentence))
    }
    if (sentence.unit.title) {
      for (const [name, fact] of titleFacts(sentence)) draftOf(name, 'function').facts.push(fact)
      continue
    }
    // Conversion notes inside an API's description advise the reader on converting to it; they state no facts about it.
    if ((sentence.role === 'note' && block && !block.group) || sentence.role === 'legacy-marker') continue
    const reading: Reading = { blockApi: block?.api ?? null, topic, recent, carried, mentions: sentence.withWeak }
    if (listed) reading.listed = listed
    if (block) reading.described = block.group ?? [block.api]
    if (recentStatus) reading.recentStatus = recentStatus
    // "All callbacks are called from a task context. You may sleep.": every method the document described so far.
    // In the rest of that paragraph, "you" is who implements them: "You may sleep."
    const allOf = members.size > 1 && members.size <= memberReach ? allMembers.exec(sentence.text) : null
    if (allOf) {
      Object.assign(reading, { topic: [...members], carried: false })
      membersUnit = sentence.unit
    }
    const implementer = !allOf && membersUnit === sentence.unit && /^\W*you\b/i.test(sentence.text)
    // "Its instances must not" over "* use d_rehash() alone - call d_add() instead.": the item goes on from the words it broke off after.
    const continued = sentence.unit.continues && (index === 0 || sentences[index - 1].unit !== sentence.unit) ? `${sentence.unit.continues} ${sentence.text}` : null
    const text = allOf ? sentence.text.replace(allMembers, '$1these $2') : implementer ? sentence.text.replace(/^(\W*)you\b/i, '$1they') : (continued ?? sentence.text)
    const read = readSentence(text, text === sentence.text ? reading : { ...reading, mentions: undefined })
    // "Second group can be used when rtnl_lock is already held: register_netdevice(), free_netdevice().": what the
    // sentence says before the colon, it also says of the names after it.
    const namedAfter = namesAfterColon(text)
    if (namedAfter) {
      const head = readSentence(namedAfter.head, { ...reading, topic: namedAfter.names, carried: false, mentions: undefined })
      for (const derived of head.derived) if (namedAfter.names.includes(derived.api)) read.derived.push(derived)
    }
    topic = read.topic
    carried = Boolean(read.carried)
    recent = read.deprecated
    recentStatus = read.status
    for (const derived of read.derived) draftOf(derived.api, kindOf(derived.api, sentence)).facts.push(factOf(derived, sentence))
    // "spin_unlock_bh() does the reverse.", "You return it again with put_cpu() when you are done.": a release of an
    // API named just before, by the kernel's naming.
    if (sentence.unit !== named.unit) named = { unit: sentence.unit, names: [], before: named.names }
    for (const [api, release] of releasedAfter(sentence, named.before, named.names)) for (const derived of releaseFacts(api, release)) draftOf(api, 'function').facts.push(factOf(derived, sentence))
    // In place: the list of the paragraph before is a list of its own, made when this paragraph began.
    for (const mention of sentence.mentions) {
      if (mention.weak || named.names.includes(mention.name)) continue
      named.names.push(mention.name)
      if (named.names.length > recentReach) named.names.shift()
    }
    // "The same rule applies for synchronize_srcu(), …": the rules the sentence before stated, of the APIs named here.
    for (const derived of sameRule(sentence, previousDerived)) draftOf(derived.api, kindOf(derived.api, sentence)).facts.push(factOf(derived, sentence))
    previousDerived = read.derived
    // "Synchronization: rtnl_lock() semaphore.", "Context: process": labelled fields of the API being described.
    if (block) for (const fact of labelledFacts(sentence.text, labelled)) for (const api of block.group ?? [block.api]) draftOf(api, block.kind).facts.push(factOf({ api, ...fact }, sentence))
    // "The mappings are released with::" and the prototypes below: they release what was described before, by name.
    if (block && sentence.intro && releaseIntro.test(sentence.text)) {
      for (const [api, release] of described.pair(block.group ?? [block.api])) {
        for (const derived of releaseFacts(api, release)) draftOf(api, 'function').facts.push(factOf(derived, sentence))
      }
    }
    if (block && block !== previousDescribed) for (const api of block.group ?? [block.api]) described.add(api)
    if (block && block.kind === 'member') members.add(block.api)
    previousDescribed = block ?? previousDescribed
  }

  // Looked up by node, and only when a list of preference asks: a scan of every sentence per block would be quadratic.
  const preferred = blocks.filter((block) => block.preference?.rank === 0)
  const byNode = new Map<Nodes, ReadSentence[]>()
  if (preferred.length > 0) {
    for (const sentence of sentences) {
      const group = byNode.get(sentence.unit.node)
      if (group) group.push(sentence)
      else byNode.set(sentence.unit.node, [sentence])
    }
  }
  for (const block of preferred) {
    const intro = byNode.get(block.preference!.intro)?.find((sentence) => /preference|preferred/i.test(sentence.text))
    if (intro) draftOf(block.api, block.kind).facts.push({ field: 'status', value: 'preferred', sentence: intro.text, line: intro.line })
  }

  // A bare snake_case word that leads a sentence saying what it does or is names an API too: "rt_mutex_adjust_prio
  // examines the priority of the task", "nr_accesses is the number of …".
  for (const sentence of sentences) {
    if (sentence.unit.title || sentence.block || sentence.withWeak.length === 0 || !sentence.withWeak[0].weak) continue
    const lead = groupsOf(sentence.text, sentence.withWeak)[0]
    if (!lead.mentions.every((mention) => mention.weak) || /\?$/.test(sentence.text) || !definesBare(sentence, lead)) continue
    for (const mention of lead.mentions) {
      const draft = draftOf(mention.name, mention.kind)
      draft.bareDefinition ??= sentence
    }
  }
  // A bare snake_case word is an API only where a rule found one in its place.
  const kept = [...drafts.values()].filter((draft) => draft.block || draft.bareDefinition || draft.facts.length > 0 || draft.sentences.some((sentence) => sentence.mentions.some((mention) => mention.name === draft.name)))
  const byBlock = sentencesByBlock(sentences)
  const records = kept.map((draft) => toRecord(draft, byBlock, options))
  const deprecated = new Set(records.filter((record) => record.status === 'deprecated' || record.status === 'removed').map((record) => record.name))
  const removed = new Set(records.filter((record) => record.status === 'removed').map((record) => record.name))
  for (const record of records) {
    // A deprecated API is no replacement: "use the preceding functions" must not point at one.
    record.replacement = record.replacement.filter((name) => !deprecated.has(name))
    // Nor is one that is gone a release: "->put_link() is gone - just give the destructor to set_delayed_call() in ->get_link()".
    if (record.status !== 'removed' && record.release && removed.has(record.release)) {
      record.facts = record.facts.filter((fact) => !((fact.field === 'release' || fact.field === 'unmap') && removed.has(fact.value)))
      const fields = fieldsFromFacts(record.facts)
      record.release = fields.release
      record.unmap = fields.unmap
    }
  }
  return records.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** Add the sentences of a text unit to `into`, quoted from the source; a section title is one sentence, its underline left out. */
function addSentencesOf(unit: TextUnit, place: ReturnType<typeof location>, source: string, into: ReadSentence[]): void {
  const inline = unit.title && 'children' in unit.node ? (unit.node.children as Nodes[]) : null
  const from = inline ? inline[0]?.position?.start : unit.node.position?.start
  const to = inline ? inline[inline.length - 1]?.position?.end : unit.node.position?.end
  const start = place.toOffset(from)
  const end = place.toOffset(to)
  if (start === undefined || end === undefined || !from) return
  const split = unit.title
    ? [{ text: source.slice(start, end).replace(/\s+/g, ' ').trim(), line: from.line, column: from.column }].filter((sentence) => sentence.text)
    : (splitListing(source, start, end, from.line, from.column) ?? splitSentences(source, start, end, from.line, from.column))
  // Only the last sentence of a paragraph that introduces prototypes is about them ("… can be used. These
  // functions return NULL instead of -ENOENT if …::"); the sentences before it go on about what came before,
  // the prototypes above where there are some ("This routine calls region_chg() … 0 is returned::").
  for (let index = 0; index < split.length; index++) {
    const { text, line, column } = split[index]
    const before = unit.intro && index < split.length - 1
    // The weak pass only adds to the others, so one call gives both. Fields are
    // written out: spreading the sentence into the literal costs more than reading it.
    const withWeak = findMentions(text, { weak: true })
    const mentions = withWeak.some(isWeak) ? withWeak.filter(isStrong) : withWeak
    into.push({ text, line, column, unit, mentions, withWeak, block: before ? (unit.describes ?? null) : unit.block, role: before ? 'body' : unit.role, intro: !before && Boolean(unit.intro), reading: undefined })
  }
}

const isWeak = (mention: Mention) => mention.weak === true
const isStrong = (mention: Mention) => !mention.weak

/**
 * A sentence that ends with a colon and a list of names, and names no API before it: its head and the names.
 * The colon must stand before a space: in a role (`:c:func:`) or a literal block's `::` it is no such colon.
 */
function namesAfterColon(text: string): { head: string; names: string[] } | null {
  const colon = text.lastIndexOf(': ')
  if (colon <= 0 || text[colon - 1] === ':') return null
  const head = text.slice(0, colon)
  // A label ("Replacement: d_make_root(inode)", "New helpers: …") is read as one by the rules themselves.
  if (wordCount(head.trim()) < 3 || findMentions(head).length > 0) return null
  const tail = text.slice(colon + 1).replace(/[.;]\s*$/, '')
  if (namesOnly(tail).length === 0) return null
  const names = [...new Set(findMentions(tail).map((mention) => mention.name))]
  return names.length > 0 ? { head, names } : null
}

/** A noun phrase that stands for a list of APIs: "Some functions", "The following netdev notifiers", "Functions Which". */
const collectiveNoun = /\b(?:some|many|most|all(?: of the)?|the following|these|those)\s+(?:[\w-]+\s+){0,2}?(functions|macros|calls|routines|helpers|APIs|interfaces|notifiers|wrappers|primitives|callbacks|operations|ops)(?:\s+(?:which|that))?\b/i

/**
 * The sentence before a list with its collective noun phrase made a pronoun
 * the rules refer back with ("Some Functions Which Don't Sleep" reads as
 * "these functions Don't Sleep"), or `null` when it has none.
 */
function asCollective(text: string): string | null {
  const match = collectiveNoun.exec(text)
  return match ? text.slice(0, match.index) + 'these ' + match[1] + text.slice(match.index + match[0].length) : null
}

/**
 * How many methods "all callbacks" may stand for: an operations structure has a few dozen; a document
 * of thousands is a list of something else, and each such sentence would give a fact to every one.
 */
const memberReach = 64
/** "All callbacks", "all of the methods": every method described, read as "these callbacks". */
const allMembers = /^(\W*)all (?:of )?(?:the )?(callbacks|methods|operations|hooks)\b/i

/** How many APIs a paragraph keeps for a release told after them. */
const recentReach = 16
/** A sentence that tells of a release: "does the reverse", "when you are done", "After you've finished using the device", "Once your driver is done with …". */
const releaseCue = /\b(?:does|do) the (?:reverse|opposite)\b|\bundoes\b|\b(?:when|once|after)\s+(?:\w+\s+){0,4}?(?:\w+(?:'re|'ve)|is|are|has|have)\s+(?:been\s+)?(?:done|finished)\b/i

/** The [API, release] pairs a sentence tells of the APIs named in the paragraph before (`before`) and in its own so far (`recent`). */
function releasedAfter(sentence: ReadSentence, before: readonly string[], recent: readonly string[]): Array<[string, string]> {
  if ((before.length === 0 && recent.length === 0) || !releaseCue.test(sentence.text)) return []
  const found: Array<[string, string]> = []
  for (const mention of sentence.mentions) {
    if (mention.weak) continue
    for (const api of [...before, ...recent]) if (pairs(api, mention.name)) found.push([api, mention.name])
  }
  return found
}

/** "The same rule applies for X", "The same restrictions apply to X": what is carried over to X. */
const sameRuleOpening = /^\W*(?:the same (?:rules?|restrictions?|requirements?|constraints?|holds?|is true|goes|applies)|this (?:rule|restriction) also)\s+(?:also\s+)?(?:applies|apply|holds|hold|is true|goes)?\s*(?:also\s+)?(?:for|to)\s+/i
const ruleFields = new Set<Derived['field']>(['contexts', 'forbiddenContexts', 'effects', 'locking'])

function sameRule(sentence: ReadSentence, previous: readonly Derived[]): Derived[] {
  const opening = sameRuleOpening.exec(sentence.text)
  if (!opening || previous.length === 0) return []
  const targets = [...new Set(sentence.mentions.filter((mention) => mention.index >= opening[0].length).map((mention) => mention.name))]
  const rules = previous.filter((derived) => ruleFields.has(derived.field))
  return targets.flatMap((api) => rules.map((rule) => ({ ...rule, api })))
}

/**
 * Facts a section title states by itself: "Deprecated create_proc_entry", "kmap() (obsolete)", and the pair
 * a title of two names makes when one releases what the other acquires ("local_irq_save()/local_irq_restore()").
 */
function titleFacts(sentence: ReadSentence): Array<[string, Fact]> {
  const named = [...new Set(sentence.mentions.map((mention) => mention.name))]
  const paired: Array<[string, Fact]> =
    named.length === 2 && onlyNamesIn(sentence)
      ? named.flatMap((api, index) => (pairs(api, named[1 - index]) ? releaseFacts(api, named[1 - index]).map((derived): [string, Fact] => [api, factOf(derived, sentence)]) : []))
      : []
  const match = /\b(deprecated|obsolete|removed)\b/i.exec(sentence.text)
  if (!match) return paired
  if (wordCount(sentence.text) > 8) return paired
  const status = /removed/i.test(match[1]) ? 'removed' : 'deprecated'
  return sentence.withWeak.map((mention) => [mention.name, { field: 'status', value: status, sentence: sentence.text, line: sentence.line }])
}

/** Whether a sentence is its names and the marks between them alone: "kmalloc()/kfree()", "``foo`` and ``bar``". */
function onlyNamesIn(sentence: ReadSentence): boolean {
  return /^[\s,/`*&|]*(?:(?:and|or)[\s,/`*&|]*)?$/i.test(besideNames(sentence))
}

/** The text of a sentence with the names it holds (bare words included) taken out, a space in the place of each. */
function besideNames(sentence: ReadSentence): string {
  let rest = ''
  let at = 0
  for (const mention of sentence.withWeak) {
    if (mention.index < at) continue
    rest += sentence.text.slice(at, mention.index) + ' '
    at = mention.end
  }
  return rest + sentence.text.slice(at)
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

function factsNamed(facts: readonly Fact[], field: string): Fact[] {
  return facts.filter((fact) => fact.field === field)
}

export function fieldsFromFacts(facts: readonly Fact[]): FactFields {
  let status: Status = 'available'
  for (const fact of factsNamed(facts, 'status')) status = strongerStatus(status, fact.value as Status)
  const unmap = factsNamed(facts, 'unmap')[0]?.value ?? null
  return {
    status,
    replacement: [...new Set(factsNamed(facts, 'replacement').map((fact) => fact.value))],
    unmap,
    contexts: inOrder(contextOrder, factsNamed(facts, 'contexts').map((fact) => fact.value as CallingContext)),
    forbiddenContexts: inOrder(contextOrder, factsNamed(facts, 'forbiddenContexts').map((fact) => fact.value as CallingContext)),
    effects: inOrder(effectOrder, factsNamed(facts, 'effects').map((fact) => fact.value as Effect)),
    locking: lockingOf(factsNamed(facts, 'locking')),
    returnValues: returnValuesOf(factsNamed(facts, 'returnValues')),
    release: factsNamed(facts, 'release')[0]?.value ?? unmap,
    since: factsNamed(facts, 'since')[0]?.value ?? null,
  }
}

/** The sentences of each description, by the node it describes and by the API it is of, indexed once per document. */
interface SentencesByBlock {
  node: Map<Nodes, ReadSentence[]>
  api: Map<string, ReadSentence[]>
}

function sentencesByBlock(sentences: readonly ReadSentence[]): SentencesByBlock {
  const index: SentencesByBlock = { node: new Map(), api: new Map() }
  for (const sentence of sentences) {
    if (!sentence.block) continue
    for (const [map, key] of [[index.node, sentence.block.node], [index.api, sentence.block.api]] as const) {
      const list = (map as Map<unknown, ReadSentence[]>).get(key)
      if (list) list.push(sentence)
      else (map as Map<unknown, ReadSentence[]>).set(key, [sentence])
    }
  }
  return index
}

/** The sentences of a draft's description: its block's, and those of a block nested in it for the same API. */
function ownSentences(draft: Draft, byBlock: SentencesByBlock): ReadSentence[] {
  const block = draft.block
  if (!block) return []
  // "- @probe:" holding a definition list item "@probe:": the inner block is part of the outer.
  const nested = (byBlock.api.get(block.api) ?? []).filter((sentence) => sentence.block!.node !== block.node && sentence.block!.startLine >= block.startLine && sentence.block!.endLine <= block.endLine)
  const own = byBlock.node.get(block.node) ?? []
  return nested.length === 0 ? own : [...own, ...nested].sort((a, b) => a.line - b.line || a.column - b.column)
}

/** The text of each unit of the given role among the sentences, its sentences joined. */
function unitsText(own: readonly ReadSentence[], role: TextUnit['role']): string[] {
  const seen = new Set<Nodes>()
  const texts: string[] = []
  for (const sentence of own) {
    if (sentence.role !== role) continue
    if (seen.has(sentence.unit.node)) texts[texts.length - 1] += ' ' + sentence.text
    else texts.push(sentence.text)
    seen.add(sentence.unit.node)
  }
  return texts
}

function toRecord(draft: Draft, byBlock: SentencesByBlock, options: ExtractOptions): ApiRecord {
  // Every API a title names together shares the section: `kmalloc()/kzalloc()`.
  const own = ownSentences(draft, byBlock)
  const described = Boolean(draft.block)
  const notes = unitsText(own, 'note')
  const legacyParts = unitsText(own, 'legacy')
  const facts: Fact[] = [...draft.facts]
  for (const note of notes) {
    const first = own.find((sentence) => sentence.role === 'note' && note.startsWith(sentence.text))
    if (first) facts.push({ field: 'notes', value: note, sentence: first.text, line: first.line })
  }
  const marker = own.find((sentence) => sentence.role === 'legacy-marker')
  if (marker && legacyParts.length > 0) facts.push({ field: 'legacy', value: legacyParts.join('\n\n'), sentence: marker.text, line: marker.line })

  const related = new Set<string>()
  for (const sentence of described ? own : draft.sentences) for (const mention of sentence.mentions) if (mention.name !== draft.name) related.add(mention.name)
  const first = draft.sentences[0]
  const summary = described ? summaryOf(own, draft.name, (draft.block?.group?.length ?? 0) > 1) : (definitionOf(draft) ?? draft.bareDefinition)
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
function summaryOf(own: ReadSentence[], name: string, shared: boolean): ReadSentence | undefined {
  // A paragraph of labelled fields ("Synchronization: rtnl_lock() semaphore. In addition, …") holds no definition.
  const labelled = new Set(own.filter((sentence) => opensWithLabel(sentence.text)).map((sentence) => sentence.unit))
  // Nor does the value below a label standing alone ("Synchronization:" over "NAPI_STATE_SCHED bit in napi->state.").
  own.forEach((sentence, index) => {
    if (index > 0 && opensWithLabel(own[index - 1].text) && /:\s*$/.test(own[index - 1].text)) labelled.add(sentence.unit)
  })
  // Nor the C definition a term is written as (``#define HPAGE_RESV_OWNER (1UL << 0)``): the description below it is;
  // nor a sentence that brings in another API, or what its paragraph goes on to say of it ("There is a
  // mutex_trylock() which does not sleep. Still, it must not be used inside interrupt context …" under mutex_lock()).
  const aboutOther = new Set<ReadSentence>()
  let bringsIn: TextUnit | null = null
  for (const sentence of own) {
    if (sentence.unit === bringsIn || introducesOther(sentence, name)) {
      aboutOther.add(sentence)
      bringsIn = sentence.unit
    }
  }
  const text = own.filter((sentence) => !sentence.unit.title && !labelled.has(sentence.unit) && !cDefinition.test(sentence.text) && !aboutOther.has(sentence) && saysInWords(sentence) && namesOnly(sentence.text, sentence.withWeak).length === 0 && !changeNotice(sentence, name))
  const lead = text.filter((sentence) => sentence.role === 'lead')
  const intro = own.find((sentence) => sentence.intro)?.unit
  if (intro) {
    // The paragraph after prototypes defines them when it starts by referring back to them ("This unmaps the
    // specified mapping …", "A call to debugfs_change_name() will give …"); else the paragraph introducing them
    // says what they are in its last sentence ("… can be obtained with one call::").
    const first = own.find((sentence) => sentence.unit !== intro && !sentence.unit.title)
    // Even an introduction that opens with a condition ("If a function is implemented by using several GPIOs …, an
    // additional index argument can be specified::") is what defines prototypes it alone names.
    const introduced = lead.filter((sentence) => sentence.unit === intro).pop()
    const vague = Boolean(introduced && vagueIntro.test(introduced.text))
    // After an introduction that only points, the paragraph below may go on before it refers back ("'vaddr' must be
    // the value returned by … This unmaps the specified mapping …").
    // Past its first sentence, only "This …" or the API's own name refer back to it: "Both are in bytes" after "'base' is
    // … while 'size' indicates …" speaks of the arguments.
    const candidates = !first || (introduced && !vague) ? [] : vague ? own.filter((sentence) => sentence === first || (sentence.unit === first.unit && laterReference.test(sentence.text) && !namesOtherFirst(sentence, name))) : [first]
    const after = candidates.find((sentence) => text.includes(sentence) && refersBack(sentence, name))
    if (after) return after
    const conditional = introduced ?? own.filter((sentence) => sentence.unit === intro).pop()
    // "These routines are::", "The mappings are released with::", "for example::" only point at what follows.
    if (conditional && pointingIntro.test(conditional.text)) return undefined
    if (introduced) return introduced
    if (conditional && wordCount(conditional.text) > 3) return conditional
  }
  // A section titled by several APIs ("copy_to_user() / copy_from_user() / get_user() / put_user()") defines each
  // where a sentence leads with it ("copy_to_user() and copy_from_user() are more general: they copy …").
  const ownLead = shared ? text.find((sentence) => ledBy(sentence, name)) : undefined
  return ownLead ?? lead[0] ?? text.find((sentence) => sentence.role === 'body')
}

/** Whether a sentence leads with the API: its first group of names holds it, with nothing but an article or a connective before. */
function ledBy(sentence: ReadSentence, name: string): boolean {
  const reading = readingOf(sentence)
  return reading.groupOf.get(name) === 0 && leadsWith(sentence.text, reading.groups[0])
}

/** Whether the text before a group of names is no word of the sentence: "Alternatively, the helper routine X()". Inline markup around the name (``FOO``, *foo()*) is no word either. */
function leadsWith(text: string, lead: Group): boolean {
  const before = text.slice(0, lead.start).replace(/[`*"']/g, '').trim()
  return before === '' || /^(?:(?:alternatively|finally|similarly|likewise|also|instead),?\s+)?(?:(?:the|a|an|calling|function|macro|helper|routine|struct|union|enum)\s+){0,2}$/i.test(before + ' ')
}

/**
 * Whether a sentence says something in words beside the names it holds: "call_rcu() -> rcu_barrier()" and
 * "flags:" define nothing, however they stand.
 */
function saysInWords(sentence: ReadSentence): boolean {
  return /[A-Za-z]{2}/.test(besideNames(sentence))
}

/** Whether the first names a sentence gives, near its start, leave the API out ("A call to seq_path() will …" is not of seq_path_root()). */
function namesOtherFirst(sentence: ReadSentence, name: string): boolean {
  const lead = readingOf(sentence).groups[0]
  return Boolean(lead && lead.start < 24 && !lead.mentions.some((mention) => mention.name === name))
}

/** A line of C that defines a macro. */
const cDefinition = /^[\s`*]*#\s*define\b/

/** How a sentence past the first of a paragraph refers back to the prototypes above: "This unmaps …", "A call to seq_path() will …". */
const laterReference = /^[\s`*"']*(?:this|these|(?:a|each|any) calls? to)\b|^[\s`*"']*[A-Za-z_]\w*\(\)/i

/** An introduction that says nothing of what it introduces: "These routines are::", "The device-managed variants are, unsurprisingly::", "for example::", "Just call usb_submit_urb()::", "They come in two flavours::", "which has the following prototype::", "…, it can use::", "These operations result in a call to the routine hugetlb_reserve_pages()::". */
const pointingIntro = /\b(?:are|is|example|follows|below|detail|problem|calls|check|(?:can|may|could) (?:call|use)|prototypes?|flavou?rs)\s*(?:,\s*[\w-]+\s*)?::\s*$|^[\s`*]*(?:just\s+)?call\s+\S+::\s*$|\ba call to (?:the )?(?:routine |function |helper )?\S+::\s*$/i

/** An introduction that only points at the prototypes: "There are a couple of other helpers::", "The mappings are released with::", "call usb_kill_urb()::". */
const vagueIntro = /^[\s`*]*There (?:is|are)\b|\b(?:with|by|using|via)::\s*$|\b(?:call|use)\s+\S+::\s*$/i

/** A sentence that opens by referring back to what was just shown: a pronoun, "the function", or the API's own name. */
function refersBack(sentence: ReadSentence, name: string): boolean {
  const words = sentence.text.replace(/^[\s`*"']*(?:(?:as (?:might be|may be|is) expected|again|also|similarly|likewise|normally|usually),\s*)?/i, '')
  if (/^(?:this|these|it|they|both|each|either)\b(?!\s+(?:is|are|was|were)\s+(?:also\s+)?(?:possible|important|necessary|useful|why|because|how|what|where|when)\b)|^(?:the|this|these|such|a|each)\s+(?:\w+\s+)?(?:functions?|macros?|helpers?|calls?|routines?|variants?|wrappers?)\b/i.test(words)) return true
  const first = groupsOf(words, findMentions(words))[0]
  return Boolean(first && first.mentions.some((mention) => mention.name === name) && /^(?:(?:a|the|each|any)\s+calls?\s+to\s+)?[\s`*:]*$|^(?:the\s+)?[\s`*:]*$/i.test(words.slice(0, first.start)))
}

/**
 * A sentence that tells what happened to an API rather than what it is: "X
 * is gone", "X is deprecated and should not be used", "->d_revalidate() gets
 * two extra arguments now". Changelogs (porting.rst) are made of these.
 */
function changeNotice(sentence: ReadSentence, name: string): boolean {
  const reading = readingOf(sentence)
  if (reading.notice) return true
  // What the sentence says after the names it leads with ("TC_SETUP_BLOCK and TC_SETUP_FT are running under …").
  const group = reading.groupOf.get(name)
  if (group === undefined) return (reading.noticeWithout ??= changeAfter(sentence.text, pronounLead.exec(sentence.text)?.[0].length ?? 0))
  return (reading.noticeAfter[group] ??= changeAfter(sentence.text, reading.groups[group].end))
}

/**
 * What a sentence says of any API it names, read once: a sentence that
 * names many APIs is asked about each, and reading its whole text for each
 * would make a long one quadratic.
 */
interface SentenceReading {
  groups: Group[]
  /** Each name's first group, by index. */
  groupOf: Map<string, number>
  /** A change notice whatever API it is asked of. */
  notice: boolean
  /** Whether what follows each group is a change, as asked. */
  noticeAfter: Array<boolean | undefined>
  /** Whether the sentence, naming none of the groups, tells a change of the API described. */
  noticeWithout?: boolean
  /** Whether the sentence defines what its first group names, as asked. */
  defines?: boolean
}
type Group = ReturnType<typeof groupsOf>[number]
function readingOf(sentence: ReadSentence): SentenceReading {
  let reading = sentence.reading
  if (reading) return reading
  const groups = groupsOf(sentence.text, sentence.mentions)
  const groupOf = new Map<string, number>()
  groups.forEach((group, index) => {
    for (const mention of group.mentions) if (!groupOf.has(mention.name)) groupOf.set(mention.name, index)
  })
  const text = sentence.text
  // Where it is declared, a cross-reference or a condition is no definition either.
  const notice =
    /^\W*\[[^\]]+\]\W*$/.test(text) ||
    wordCount(text) < 3 ||
    // Nor is an instruction to the reader ("Use WARN() instead"); a flag's "If set, …" is its definition.
    /^[\s*`]*(?:Defined in|Declared in|See\b|TODO|FIXME|XXX|Since\b|Although\b|If\b(?! (?:set|clear|unset|cleared)\b)|When\b(?! (?:set|clear|cleared)\b)|Unless\b|Note\b|NOTE\b|Use\b(?! of)|Do not\b|Don't\b|Never\b|Avoid\b|Please\b|Call\b)/.test(text) ||
    // … unless it says when a callback is called: "Called when the interface is no longer accessible, …".
    (!whenCalled.test(text) && /\b(?:now|anymore|any more|no longer|these days)\b|(?<!\b(?:be|is|are|been|being|was|were)\s+)\bused to\b/i.test(text))
  return (sentence.reading = { groups, groupOf, notice, noticeAfter: [] })
}

/** A description of a callback by when it is called: "Called to see if …", "Called when the interface is …". */
const whenCalled = /^[\s`*]*(?:called|invoked|run)\s+(?:when|whenever|to|from|by|if|after|before|on|at|once)\b/i

/** A sentence about the API described may name it by a pronoun: "These functions will be called whenever …". */
const pronounLead = /^[\s`*-]*(?:this|these|it|they|the (?:functions?|calls?|callbacks?|macros?|routines?))\s+(?=(?:is|are|was|were|has|have|will|should|must|may|can)\b)/i

/** Whether the text from `at` on tells a change: "is gone", "should not be used", "gets two extra arguments". Sticky, so that nothing before `at` is copied or read. */
function changeAfter(text: string, at: number): boolean {
  changeVerb.lastIndex = at
  return changeVerb.test(text)
}
const changeVerb =
  /[\s`*)]*(?:\([^)]*\)\s*)?(?:(?:is|are|was|were|has been|have been|will be|should be|must be|may be|can be|becomes?|became)\s+(?:also\s+|now\s+|similarly\s+|still\s+|only\s+|always\s+|usually\s+|normally\s+|typically\s+)?(?:gone|deprecated|obsolete|removed|replaced|superseded|no more|not\b|internal|optional|changed|added|renamed|called(?!\s+(?:to|in order to)\s)|invoked(?!\s+(?:to|in order to)\s)|running|run\b|executed|allowed|safe|unsafe|required|mandatory|dead|static|exported|unexported|dropped)|(?:should|must|may|can|cannot|can't|must not|should not)\b(?! (?:also )?be used (?:to|for|in order to)\b)|gets?\s+(?:\w+\s+)?(?:new|extra|additional|an? (?:new|extra))\b)/iy

/** A verb that makes "X() does …" a definition of X. */
const defining = /^\s*(?:\([^)]{0,40}\)\s*)?(?:(?:is|are|will|can|simply|just|basically|essentially|also|always|then)\s+)*(?:(?:can|may) (?:also )?be used (?:to|for)\b|is|are|ensures|copy|copies|return|returns|allocates|creates|maps|unmaps|provides|performs|checks|tests|sets|gets|reads|writes|takes|releases|frees|registers|unregisters|initializes|initialises|waits|marks|adds|removes|copies|converts|disables|enables|increments|decrements|acquires|attempts|tries|looks|finds|walks|iterates|invokes|calls|schedules|queues|submits|starts|stops|does|handles|causes|makes|ensures|prints|dumps|records|tells|gives|lets|works|behaves|acts|means|stands|translates|splits|updates|changes|resets|clears|flushes|synchronizes|synchronises|blocks|sleeps|yields|grabs|drops|locks|unlocks|pins|unpins|evaluates|expands|declares|defines|describes|indicates|determines|computes|calculates)\b/i

/** For an API the document only mentions: the first sentence that leads with it and says what it does or is. */
function definitionOf(draft: Draft): ReadSentence | undefined {
  return draft.sentences.find((sentence) => {
    if (sentence.unit.title || /\?$/.test(sentence.text) || changeNotice(sentence, draft.name)) return false
    // The sentence leads with the API, alone or among others: "copy_to_user() and copy_from_user() are …".
    const reading = readingOf(sentence)
    if (reading.groupOf.get(draft.name) === 0 && (reading.defines ??= definesLead(sentence.text, reading.groups[0]))) return true
    const group = reading.groupOf.get(draft.name)
    return group !== undefined && introducedThere(sentence.text, reading.groups[group])
  })
}

/** Whether a sentence brings in, in passing, an API other than `name` ("There is a mutex_trylock() which …"). */
function introducesOther(sentence: ReadSentence, name: string): boolean {
  const reading = readingOf(sentence)
  return reading.groups.some((group) => !group.mentions.some((mention) => mention.name === name) && introducedThere(sentence.text, group))
}

/**
 * Whether a sentence introduces the names of a group in passing and says what it does: "There is
 * list_del_rcu() (``include/linux/list.h``) which does this", "There is also a variant function,
 * __seq_open_private(), which is functionally identical …", "There is also a wrapper function to seq_open()
 * called seq_open_private()."
 */
function introducedThere(text: string, group: Group): boolean {
  const before = text.slice(0, group.start)
  const after = text.slice(group.end)
  if (thereIsBefore.test(before) && relativeAfter.test(after)) return true
  // "A corresponding close function, seq_release_private() is available which frees …": the same told with a noun in apposition.
  if (nounInApposition.test(before) && /^[`*]*\s*,?\s*(?:is|are) (?:also )?(?:available|provided)\b/i.test(after)) return true
  return thereIsCalled.test(before) && /^[`*]*\s*\.?\s*$/.test(after)
}
const nounInApposition = /^[\s`*"']*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:functions?|macros?|helpers?|routines?|calls?|variants?|wrappers?),\s*[`*]*$/i
const thereIsBefore = /^[\s`*"']*(?:(?:once again|again|also|similarly|fortunately|finally),?\s+)?there (?:is|are) (?:also )?(?:(?:a|an|one)\s+)?(?:[\w-]+,?\s+){0,3}?[`*]*$/i
const relativeAfter = /^[`*]*\s*(?:\([^)]{0,60}\)\s*)?,?\s*(?:which|that)\s+(?!is\b|are\b)|^[`*]*\s*(?:\([^)]{0,60}\)\s*)?,?\s*which is\s/i
const thereIsCalled = /^[\s`*"']*there (?:is|are) (?:also )?(?:a|an|one)\s+[^.;]{0,80}?\b(?:called|named)\s+[`*]*$/i

/**
 * Whether a sentence says what the bare names it leads with do or are. Prose names fields, variables and
 * locks this way too, so more is asked than of a call: a verb of its own ("examines the priority", "is used
 * every time …") or "is a …" ("d_revalidate is a callback that …"), never a label ("array_size - the number of
 * array elements" describes a parameter), a change ("f_dentry is gone") or a quality ("is perfect to protect this").
 */
function definesBare(sentence: ReadSentence, lead: Group): boolean {
  const text = sentence.text
  if (readingOf(sentence).notice || changeAfter(text, lead.end) || labelledLead.test(text.slice(lead.end))) return false
  if (/^[\s`*"']*(?:\w+\s+){0,2}?(?:is|are)\s+(?!(?:a|an|the|used|called|invoked)\b)/i.test(text.slice(lead.end))) return false
  return definesLead(text, lead)
}

/** Whether a sentence says what the APIs it leads with do or are. */
function definesLead(text: string, lead: Group): boolean {
  // "Alternatively, synchronize_rcu() may be used …", "The helper routine vma_needs_reservation() is called …".
  if (!leadsWith(text, lead)) return false
  const after = text.slice(lead.end).replace(/^[`*"']+/, '').replace(/^[\s`*]*(?:function|macro|helper|call|API|interface|primitive|routine|wrapper|variant|accessor|flag|field|member|structure|struct|type|option|parameter|version|family)s?\b/i, '')
  // "devm_ioremap_resource() : checks resource, requests memory region, ioremaps": a name and what it is, as a
  // listing of APIs writes them, one a line.
  // Names set apart by white space alone are a listing run together, not one label ("foo_map() foo_unmap() : …").
  if (labelledLead.test(after)) return !lead.mentions.some((mention, index) => index > 0 && /^\s+$/.test(text.slice(lead.mentions[index - 1].end, mention.index)))
  // Or any verb of the third person that is not an auxiliary, before its object: "The stop() function closes a session";
  // of several names, a verb of the plural: "set_bit(), clear_bit() and change_bit() set, clear, and flip the given bit".
  const plural = new Set(lead.mentions.map((mention) => mention.name)).size > 1
  return defining.test(after) || thirdPerson.test(after) || (plural && pluralVerb.test(after))
}

/** A name followed by a colon or a dash and words: "pcim_iomap_table()\t: array of mapped addresses indexed by BAR", "foo() - frob a bar". */
const labelledLead = /^\s*(?::|--?|\u2013|\u2014)\s+[A-Za-z]{2,}\b(?!\s*\()/

/** A verb of the third person singular that is no auxiliary, before its object. */
const thirdPerson = /^\s*(?:\([^)]{0,40}\)\s*)?(?!(?:has|was|does|needs|seems|appears|happens|remains|lacks|wants|says|goes|is)\b)[a-z]{3,}(?:es|[^s]s)\s+(?:a|an|the|its|their|it|them|this|that|these|all|any|every|each|whether|if|to|up|out|down|off|on|over|for|with|into)\b/

/** Verbs of the plural that are no auxiliary (one or a few, "set, clear, and flip"), before their object. */
const pluralVerb = /^\s*(?:\([^)]{0,40}\)\s*)?(?!(?:are|were|have|had|do|did|can|could|may|might|must|should|shall|will|would|need|seem|appear|happen|remain|want|say|go|also|both|all|each|together|which|that)\b)[a-z]{3,}(?:\s*,\s*(?:and\s+|or\s+)?[a-z]{3,}){0,3}(?:\s+(?:and|or)\s+[a-z]{3,})?\s+(?:a|an|the|its|their|it|them|this|that|these|all|any|every|each|whether|if|to|up|out|down|off|on|over|for|with|into)\b/

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

/** How many words a sentence has, as `split(/\s+/)` counts them; `split` with a pattern builds a new one each call. */
function wordCount(text: string): number {
  return (text.match(/\s+/g)?.length ?? 0) + 1
}

function lastLine(sentences: ReadSentence[]): number {
  return sentences.reduce((line, sentence) => Math.max(line, sentence.unit.node.position?.end.line ?? sentence.line), 1)
}

function inOrder<T extends string>(order: readonly T[], values: T[]): T[] {
  return order.filter((value) => values.includes(value))
}

function dedupeFacts(facts: Fact[]): Fact[] {
  return distinct(
    facts,
    (a, b) => a.field === b.field && a.value === b.value && a.line === b.line && a.sentence === b.sentence,
    (fact) => `${fact.field}\0${fact.value}\0${fact.line}\0${fact.sentence}`,
  )
}
