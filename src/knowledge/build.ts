import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'
import type { ResolvedManifest } from '../versions/load.ts'
import { computeVersions, type DocumentVersion } from '../versions/versions.ts'
import { parseVersion } from './parse.ts'

/** One version with its tree and records. */
export interface KnownVersion extends DocumentVersion {
  tree: Root
  records: ApiRecord[]
}

export interface KnowledgeBase {
  manifest: ResolvedManifest
  versions: KnownVersion[]
}

export interface BuildOptions {
  /** Called after each version, for progress on stderr. */
  onVersion?: (version: KnownVersion, index: number, total: number) => void
}

/**
 * From a manifest to the knowledge base: every version's text (patches
 * applied), its mdast and its API records. Returns the files that carry
 * messages (patch files, and each version's parser warnings); the knowledge
 * base is `undefined` when a patch did not apply.
 */
export async function buildKnowledgeBase(
  manifest: ResolvedManifest,
  options: BuildOptions = {},
): Promise<{ knowledge?: KnowledgeBase; files: VFile[] }> {
  const { versions, files } = await computeVersions(manifest)
  if (versions.length === 0) return { files }
  const known: KnownVersion[] = []
  for (const [index, version] of versions.entries()) {
    const parsed = await parseVersion(version.text, { document: version.document, version: version.id, path: version.path, kernelTree: manifest.kernelTree })
    if (parsed.file.messages.length > 0) files.push(parsed.file)
    files.push(...parsed.sources)
    const entry = { ...version, tree: parsed.tree, records: parsed.records }
    known.push(entry)
    options.onVersion?.(entry, index, versions.length)
  }
  return { knowledge: { manifest, versions: known }, files }
}

/** Find a version by id, within a document when the id is not unique. */
export function findVersion(knowledge: KnowledgeBase, id: string, document?: string): KnownVersion | string {
  const matches = knowledge.versions.filter((version) => version.id === id && (!document || version.document === document))
  if (matches.length === 1) return matches[0]
  const known = [...new Set(knowledge.versions.map((version) => `${version.document}@${version.id}`))].join(', ')
  if (matches.length === 0) return `unknown version \`${id}\`${document ? ` of \`${document}\`` : ''} (known: ${known})`
  return `version \`${id}\` exists in several documents; name one with --document (known: ${known})`
}
