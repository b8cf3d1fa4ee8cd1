import { readFile } from 'node:fs/promises'
import type { APIRoute } from 'astro'
import config from 'virtual:strata/config'
import { siteData } from '../lib/site-data.ts'
import { allKey, searchFile } from '../search/files.ts'

/**
 * One lunr index per version, and one across all versions (`all`). The
 * loader built them during the content sync (`files.ts`); this serves them.
 */
export async function getStaticPaths() {
  const data = await siteData()
  return [...data.versions.map((version) => ({ params: { key: version.key } })), { params: { key: allKey } }]
}

export const GET: APIRoute = async ({ params }) =>
  new Response(await readFile(searchFile(config.searchDir, params.key!)), { headers: { 'Content-Type': 'application/json' } })
