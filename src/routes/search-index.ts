import type { APIRoute } from 'astro'
import { buildSearchIndex, searchItemsFor } from '../search/build.ts'
import { siteData } from '../lib/site-data.ts'

/** One lunr index per version, and one across all versions (`all`), built at build time. */
export async function getStaticPaths() {
  const data = await siteData()
  const perVersion = data.versions.map((version) => ({
    key: version.key,
    items: searchItemsFor(version, data.recordsOf(version.key).map((entry) => entry.record)),
  }))
  return [
    ...perVersion.map(({ key, items }) => ({ params: { key }, props: { items } })),
    { params: { key: 'all' }, props: { items: perVersion.flatMap(({ items }) => items) } },
  ]
}

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(buildSearchIndex(props.items)), { headers: { 'Content-Type': 'application/json' } })
