/**
 * Rules explain themselves with the document's own words for the selected
 * version: a document basis is looked up among that version's API record facts.
 * When a revision words things differently and the fact is missing, the
 * explanation says so instead of borrowing another version's sentence.
 */
import type { ApiAdvice, ApiRecord, Basis, Explanation, Finding } from './types.ts'

/**
 * Resolve one basis against the records of one version.
 * @param basis A record fact (`value` omitted: any fact of that field) or a kernel reference.
 * @param records The API records of the selected version.
 */
export function explain(basis: Basis, records: readonly ApiRecord[]): Explanation {
  if (basis.kind === 'kernel') return { kind: 'kernel', found: true, text: basis.what }
  const { api, field, value } = basis
  const version = records[0]?.version ?? null
  const record = records.find((each) => each.name === api)
  const wanted = value === undefined ? `any \`${field}\` fact` : `${field} = ${value}`
  if (!record) {
    return { kind: 'document', found: false, api, field, value, version, status: null, text: `The ${version ?? 'selected'} version has no record for ${api}(), so it cannot back “${wanted}”.` }
  }
  const fact = record.facts.find((each) => each.field === field && (value === undefined || each.value === value))
  if (!fact) {
    return { kind: 'document', found: false, api, field, value, version: record.version, status: record.status, text: `The ${record.version} text of ${api}() does not state ${wanted}; the rule rests on its other bases.` }
  }
  return { kind: 'document', found: true, api, field, value, sentence: fact.sentence, line: fact.line, version: record.version, status: record.status }
}

/** A finding with each basis explained. */
export function explainFinding<T extends Finding>(finding: T, records: readonly ApiRecord[]): T {
  return { ...finding, explanations: finding.basis.map((basis) => explain(basis, records)) }
}

/**
 * What the selected version says about an API a step used: status,
 * replacement and the conversion notes (for "use kmap_local_page() instead").
 */
export function advise(api: string, records: readonly ApiRecord[]): ApiAdvice | undefined {
  const record = records.find((each) => each.name === api)
  if (!record) return undefined
  return { api, version: record.version, status: record.status, replacement: [...record.replacement], notes: [...record.notes] }
}
