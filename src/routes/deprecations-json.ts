import type { APIRoute } from 'astro'
import { siteData } from '../lib/site-data.ts'
import { urls } from '../lib/urls.ts'

/** Every deprecated API of every version, machine-readable. */
export const GET: APIRoute = async () => {
  const data = await siteData()
  const body = data.records
    .filter((entry) => entry.record.status === 'deprecated')
    .map((entry) => ({
      name: entry.record.name,
      kind: entry.record.kind,
      document: entry.record.document,
      version: entry.record.version,
      since: entry.deprecation?.since.id ?? entry.record.version,
      patch: entry.deprecation?.patch ?? null,
      replacement: entry.record.replacement,
      notes: entry.record.notes,
      url: urls.api(entry.record.document, entry.record.version, entry.record.name),
      source: entry.record.source,
    }))
  return new Response(JSON.stringify(body, null, 2) + '\n', { headers: { 'Content-Type': 'application/json' } })
}
