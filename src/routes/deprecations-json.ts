import type { APIRoute } from 'astro'
import { deprecationRows } from '../site/lib/deprecation-rows.ts'
import { siteData } from '../site/lib/site-data.ts'
import { urls } from '../lib/urls.ts'

/** Every deprecated or removed API of every version, machine-readable, grouped as the index groups them. */
export const GET: APIRoute = async () => {
  const data = await siteData()
  const body = deprecationRows(data).map(({ entry, version, subsystem, statement }) => ({
    name: entry.record.name,
    kind: entry.record.kind,
    status: entry.record.status,
    document: entry.record.document,
    title: version.title,
    subsystem,
    version: entry.record.version,
    since: entry.deprecation?.since.id ?? entry.record.version,
    patch: entry.deprecation?.patch ?? null,
    replacement: entry.record.replacement,
    statement: statement ? { sentence: statement.sentence, line: statement.line } : null,
    notes: entry.record.notes,
    url: urls.api(entry.record.document, entry.record.version, entry.record.name),
    source: entry.record.source,
  }))
  return new Response(JSON.stringify(body, null, 2) + '\n', { headers: { 'Content-Type': 'application/json' } })
}
