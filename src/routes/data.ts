import type { APIRoute } from 'astro'
import { siteData } from '../site/lib/site-data.ts'

/**
 * Machine-readable exports: each version's records (`…/api.json`) and the
 * changes between two versions (`…/from...to/changes.json`).
 */
export async function getStaticPaths() {
  const data = await siteData()
  return [
    ...data.versions.map((version) => ({
      params: { path: `${version.document}/${version.id}/api.json` },
      props: { body: data.recordsOf(version.key).map((entry) => entry.record) },
    })),
    ...data.changes.map((entry) => ({
      params: { path: `${entry.document}/${entry.from.id}...${entry.to.id}/changes.json` },
      props: { body: entry.changes },
    })),
  ]
}

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(props.body, null, 2) + '\n', { headers: { 'Content-Type': 'application/json' } })
