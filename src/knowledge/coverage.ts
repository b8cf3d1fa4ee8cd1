import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'

export interface Coverage {
  records: number
  /** Records with at least one fact behind them (a status, a context, a summary …). */
  withFacts: number
  deprecated: number
  removed: number
}

/** How much of a set of records the document's language gave facts to. */
export function coverageOf(records: readonly ApiRecord[]): Coverage {
  return {
    records: records.length,
    withFacts: records.filter((record) => record.facts.length > 0).length,
    deprecated: records.filter((record) => record.status === 'deprecated').length,
    removed: records.filter((record) => record.status === 'removed').length,
  }
}

const count = (value: number) => value.toLocaleString('en-US')

/** `1,234 records, 612 with facts; 87 deprecated, 3 removed`: the line `strata records` prints on stderr. */
export function formatCoverage(coverage: Coverage): string {
  const removed = coverage.removed > 0 ? `, ${count(coverage.removed)} removed` : ''
  return `${count(coverage.records)} records, ${count(coverage.withFacts)} with facts; ${count(coverage.deprecated)} deprecated${removed}`
}
