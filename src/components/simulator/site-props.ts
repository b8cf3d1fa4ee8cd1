/**
 * Build-time helper for the pages that show the simulator (the simulator page
 * and the API pages that embed it): the serialisable props of the island.
 * Server-side only (it reads the site data); the island never imports it.
 */
import type { ApiRecord } from '../../../plugins/remark-api-records/index.ts'
import type { SiteData } from '../../site/lib/site-data.ts'
import type { SimulatorVersion } from '../Simulator.tsx'
import { simulatedApis } from './format.ts'

const wanted = new Set<string>(simulatedApis)

/**
 * A record with only what the engine reads kept in full: name, version,
 * status, replacement, notes and the facts rules cite. The long fields
 * (the whole text, the legacy text and its fact, mentions) are emptied,
 * because island props are inlined into the page and nothing here shows them.
 */
function slim(record: ApiRecord): ApiRecord {
  return { ...record, text: '', legacy: null, mentions: [], related: [], facts: record.facts.filter((fact) => fact.field !== 'legacy') }
}

/**
 * The versions the simulator can explain itself with: those whose records
 * include kmap_local_page(), optionally of one document only.
 * @param data The site data.
 * @param document Restrict to this document (an API page embeds its own document's versions).
 * @returns The island's `versions` prop, in manifest order, and the newest of them.
 */
export function simulatorVersions(data: SiteData, document?: string): { versions: SimulatorVersion[]; newest: string | undefined } {
  const candidates = data.versions.filter((version) => (!document || version.document === document) && data.recordsOf(version.key).some((entry) => entry.record.name === 'kmap_local_page'))
  const versions = candidates.map((version) => ({
    key: version.key,
    label: `${version.label}${version.date ? ` (${version.date})` : ''}`,
    records: data
      .recordsOf(version.key)
      .map((entry) => entry.record)
      .filter((record) => wanted.has(record.name))
      .map(slim),
  }))
  const newest = candidates.find((version) => version.newest)?.key ?? candidates[candidates.length - 1]?.key
  return { versions, newest }
}
