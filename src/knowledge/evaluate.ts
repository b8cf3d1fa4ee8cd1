import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'
import { coverageOf } from './coverage.ts'
import { goldFields, type GoldDocument, type GoldField, type GoldRow } from './gold.ts'

/**
 * Score records against the gold set: for each field, the facts Strata
 * derived that the gold holds (precision) and the gold facts Strata derived
 * (recall). A fact is (API, field, value); a summary is matched by the line
 * of its sentence. Names and values are compared the way the gold writes
 * them: no `()`, no `struct`, no `->`.
 */

export interface Fact {
  api: string
  field: GoldField
  value: string
  line?: number
}

export interface FieldScore {
  field: GoldField
  /** Derived and in the gold. */
  correct: number
  /** Derived facts in all. */
  derived: number
  /** Gold facts in all. */
  gold: number
  precision: number
  recall: number
}

export interface DocumentScore {
  document: string
  records: number
  withFacts: number
  missed: Fact[]
  wrong: Fact[]
}

export interface Evaluation {
  fields: FieldScore[]
  documents: DocumentScore[]
}

/** Targets from the issue: precision and recall each field must reach. */
export const targets: Record<GoldField, { precision: number; recall: number }> = {
  status: { precision: 0.95, recall: 0.85 },
  replacement: { precision: 0.95, recall: 0.85 },
  contexts: { precision: 0.9, recall: 0.7 },
  locking: { precision: 0.9, recall: 0.7 },
  returns: { precision: 0.9, recall: 0.7 },
  pairing: { precision: 0.9, recall: 0.7 },
  summary: { precision: 0.9, recall: 0.7 },
  since: { precision: 0.9, recall: 0.7 },
}

/** An API name as the gold writes it. */
export function canonicalName(name: string): string {
  return name
    .replace(/[`*]/g, '')
    .replace(/^\s*(?:struct|union|enum)\s+/, '')
    .replace(/^(?:->|\.)/, '')
    .replace(/\(\)$/, '')
    .trim()
}

function canonicalLock(lock: string): string {
  // A lock named in words ("the update-side lock") is the same lock with its hyphen as an underscore.
  return canonicalName(lock).replace(/^&/, '').split(/->|\./).pop()!.replace(/\(\)$/, '').toLowerCase().replace(/_locks$/, '_lock').replaceAll('-', '_')
}

/** A value as the gold writes it, per field. */
export function canonicalValue(field: GoldField, value: string): string {
  switch (field) {
    case 'replacement':
    case 'pairing':
      return canonicalName(value)
    case 'locking': {
      const at = value.indexOf(':')
      const rule = value.slice(0, at).replace(/^not-held$/, '!holds')
      return `${rule}:${canonicalLock(value.slice(at + 1))}`
    }
    case 'returns':
      return /^zero$/i.test(value) ? '0' : /^ERR_PTR/i.test(value) ? 'ERR_PTR' : /^null$/i.test(value) ? 'NULL' : /^non-?zero$/i.test(value) ? 'nonzero' : value.replace(/\s+/g, ' ')
    case 'since':
      return value.replace(/^(?:linux\s+|kernel\s+|v)/i, '')
    case 'contexts':
      return value.replace(/^preemptible$/, 'process').replace(/^!preemptible$/, '!process')
    default:
      return value
  }
}

/** The facts a record states, in the gold's terms. */
export function factsOfRecord(record: ApiRecord): Fact[] {
  const api = canonicalName(record.name)
  const facts: Fact[] = []
  // Where the record states it, for reports: the line of the first fact behind the value.
  const lineOf = (value: string) => record.facts.find((fact) => fact.value === value || fact.value.endsWith(':' + value) || fact.value === value.replace(/^!/, ''))?.line
  const add = (field: GoldField, value: string, line?: number) => {
    const at = line ?? lineOf(value)
    facts.push(at === undefined ? { api, field, value: canonicalValue(field, value) } : { api, field, value: field === 'summary' ? value : canonicalValue(field, value), line: at })
  }
  if (record.status !== 'available') add('status', record.status)
  for (const name of record.replacement) add('replacement', name)
  for (const context of record.contexts) add('contexts', context)
  for (const context of record.forbiddenContexts) add('contexts', `!${context}`)
  for (const effect of record.effects) if (effect === 'may-sleep' || effect === 'no-sleep') add('contexts', effect)
  for (const { rule, lock } of record.locking) add('locking', `${rule}:${lock}`)
  for (const { value } of record.returnValues) add('returns', value)
  const release = record.release ?? record.unmap
  if (release) add('pairing', release)
  const summary = record.facts.find((fact) => fact.field === 'summary')
  if (summary) add('summary', '-', summary.line)
  if (record.since) add('since', record.since)
  return dedupe(facts)
}

const keyOf = (fact: Fact) => `${fact.api.toLowerCase()}\0${fact.field}\0${fact.field === 'summary' ? fact.line : fact.value.toLowerCase()}`

function dedupe(facts: Fact[]): Fact[] {
  const seen = new Set<string>()
  return facts.filter((fact) => !seen.has(keyOf(fact)) && Boolean(seen.add(keyOf(fact))))
}

function goldFact(row: GoldRow): Fact {
  return row.field === 'summary'
    ? { api: canonicalName(row.api), field: row.field, value: '-', line: row.line }
    : { api: canonicalName(row.api), field: row.field, value: canonicalValue(row.field, row.value), line: row.line }
}

/**
 * Score the records of each gold document.
 *
 * @param documents
 *   The gold set.
 * @param recordsOf
 *   The records Strata derives for a gold document's path.
 */
export async function evaluate(documents: readonly GoldDocument[], recordsOf: (document: string) => Promise<ApiRecord[]>): Promise<Evaluation> {
  const totals = new Map(goldFields.map((field) => [field, { correct: 0, derived: 0, gold: 0 }]))
  const scores: DocumentScore[] = []
  for (const document of documents) {
    const records = await recordsOf(document.document)
    const derived = dedupe(records.flatMap(factsOfRecord))
    // An explicit `available` row is a hard negative: it says no status, and counts no fact.
    const gold = dedupe(document.rows.filter((row) => !(row.field === 'status' && row.value === 'available')).map(goldFact))
    const goldKeys = new Set(gold.map(keyOf))
    const derivedKeys = new Set(derived.map(keyOf))
    for (const fact of derived) {
      const total = totals.get(fact.field)!
      total.derived++
      if (goldKeys.has(keyOf(fact))) total.correct++
    }
    for (const fact of gold) totals.get(fact.field)!.gold++
    scores.push({
      document: document.document,
      records: records.length,
      withFacts: coverageOf(records).withFacts,
      missed: gold.filter((fact) => !derivedKeys.has(keyOf(fact))),
      wrong: derived.filter((fact) => !goldKeys.has(keyOf(fact))),
    })
  }
  const fields = goldFields.map((field) => {
    const { correct, derived, gold } = totals.get(field)!
    return { field, correct, derived, gold, precision: derived === 0 ? 1 : correct / derived, recall: gold === 0 ? 1 : correct / gold }
  })
  return { fields, documents: scores }
}
