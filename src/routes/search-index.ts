import { readFile } from 'node:fs/promises'
import type { APIRoute } from 'astro'
import config from 'virtual:strata/config'
import { searchFile, searchFileKeys } from '../search/files.ts'

/**
 * The search files: one index per version, and the index across all
 * versions (`all`) with its parts. The loader wrote them during the content
 * sync (`files.ts`); this serves every one of them.
 */
export async function getStaticPaths() {
  return (await searchFileKeys(config.searchDir)).map((key) => ({ params: { key } }))
}

export const GET: APIRoute = async ({ params }) =>
  new Response(await readFile(searchFile(config.searchDir, params.key!)), { headers: { 'Content-Type': 'application/json' } })
