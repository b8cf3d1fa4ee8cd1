import type { Fact } from '../../../plugins/remark-api-records/index.ts'
import type { RecordEntry, VersionEntry } from '../loader/types.ts'
import type { SiteData } from './site-data.ts'
import { versionKey } from '../../lib/urls.ts'

/** What the deprecations index and deprecations.json list: an API a version deprecates or removes. */
export interface DeprecationRow {
  entry: RecordEntry
  version: VersionEntry
  /** The folder of the document in the tree (`mm`, `driver-api/usb`): the subsystem it belongs to. */
  subsystem: string
  /** The sentence that states the status, where one does. */
  statement: Fact | undefined
}

/** The statuses the index lists: an API to move away from. */
export const retired = new Set(['deprecated', 'removed'])

/** The subsystem of a document: its folder, or the document itself at the top. */
export function subsystemOf(document: string): string {
  const at = document.lastIndexOf('/')
  return at > 0 ? document.slice(0, at) : document
}

/** Every deprecated or removed API of every version, grouped by subsystem, then by document, then by name. */
export function deprecationRows(data: SiteData): DeprecationRow[] {
  const rows = data.records
    .filter((entry) => retired.has(entry.record.status))
    .map((entry) => ({
      entry,
      version: data.version(versionKey(entry.record.document, entry.record.version))!,
      subsystem: subsystemOf(entry.record.document),
      statement: entry.record.facts.find((fact) => fact.field === 'status' && fact.value === entry.record.status),
    }))
  const order = (row: DeprecationRow) => [row.subsystem, row.entry.record.document, row.entry.record.name, row.version.key]
  return rows.sort((a, b) => {
    const [x, y] = [order(a), order(b)]
    for (let index = 0; index < x.length; index++) if (x[index] !== y[index]) return x[index] < y[index] ? -1 : 1
    return 0
  })
}
