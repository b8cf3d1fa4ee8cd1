import type { ApiRecord, Fact } from '../../../plugins/remark-api-records/index.ts'

/** One row of an API page's facts table: what, its value, and the sentences that state it. */
export interface FactRow {
  /** What the row tells, in the reader's words: "Callable from", "Must hold". */
  label: string
  /** The value as shown: `interrupt`, `mmap_lock`, `NULL`. */
  value: string
  /** An API the value names, for a link: the replacement, the release. */
  api?: string
  /** The condition the document puts on it ("On 64-bit systems"). */
  condition?: string
  facts: Fact[]
}

const lockLabels: Record<ApiRecord['locking'][number]['rule'], string> = {
  holds: 'Caller holds',
  'not-held': 'Caller must not hold',
  takes: 'Takes',
  releases: 'Releases',
}

const call = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? `${name}()` : name)

/**
 * Every fact of a record as rows, in the order a kernel developer asks:
 * what replaces it, where it may be called, what it needs held, what it
 * returns, what releases it, since when. Each row carries the sentences
 * behind it, so the page can quote them with their lines.
 */
export function factRows(record: ApiRecord): FactRow[] {
  const facts = (field: string, value: string) => record.facts.filter((fact) => fact.field === field && fact.value === value)
  const condition = (list: Fact[]) => list.find((fact) => fact.condition)?.condition
  const row = (label: string, field: string, value: string, shown = value, api?: string): FactRow => {
    const backing = facts(field, value)
    const found = condition(backing)
    return { label, value: shown, ...(api ? { api } : {}), ...(found ? { condition: found } : {}), facts: backing }
  }
  const release = record.release ?? record.unmap
  return [
    ...record.replacement.map((name) => row('Use instead', 'replacement', name, call(name), name)),
    ...record.contexts.map((value) => row('Callable from', 'contexts', value)),
    ...record.forbiddenContexts.map((value) => row('Must not be called from', 'forbiddenContexts', value)),
    ...record.effects.map((value) => row('Effect', 'effects', value)),
    ...record.locking.map(({ rule, lock }) => row(lockLabels[rule], 'locking', `${rule}:${lock}`, lock)),
    ...record.returnValues.map(({ value }) => row('Returns', 'returnValues', value)),
    ...(release ? [row('Released by', record.release ? 'release' : 'unmap', release, call(release), release)] : []),
    ...(record.since ? [row('Since', 'since', record.since)] : []),
  ]
}
