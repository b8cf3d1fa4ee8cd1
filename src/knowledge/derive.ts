import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'
import type { KnownVersion } from './build.ts'

/** Since which version, and by which patch, an API is deprecated (see {@link deprecationsOf}). */
export interface Deprecation {
  since: { id: string; label: string }
  patch: { subject: string; messageId: string | null } | null
}

/**
 * The newest version of a document. A patched version is newer than the one
 * it patches whatever the dates say (a patch is often dated before the
 * release it applies to), so only versions nothing was made from compete;
 * among those the latest date wins, then the later in the manifest.
 */
export function newestOf(versions: readonly KnownVersion[]): KnownVersion {
  const parents = new Set(versions.map((version) => version.parent))
  const leaves = versions.filter((version) => !parents.has(version.id))
  return leaves.reduce((best, version) => ((version.date ?? '') >= (best.date ?? '') ? version : best))
}

/** A version's ancestry, root first, itself last. */
export function ancestry(version: KnownVersion, versions: readonly KnownVersion[]): KnownVersion[] {
  const chain: KnownVersion[] = []
  let current: KnownVersion | undefined = version
  while (current) {
    chain.unshift(current)
    const parent: string | null = current.parent
    current = parent ? versions.find((candidate) => candidate.id === parent) : undefined
  }
  return chain
}

/**
 * For every API deprecated in a version: the first version along its ancestry
 * that deprecated it, and the patch that did.
 */
export function deprecationsOf(version: KnownVersion, versions: readonly KnownVersion[]): Record<string, Deprecation> {
  const chain = ancestry(version, versions)
  const result: Record<string, Deprecation> = {}
  for (const record of version.records) {
    if (record.status !== 'deprecated' && record.status !== 'removed') continue
    const since = chain.find((ancestor) => ancestor.records.some((each) => each.name === record.name && each.status === record.status)) ?? version
    const patch = since.patches.at(-1)
    result[record.name] = {
      since: { id: since.id, label: since.label },
      patch: patch ? { subject: patch.subject, messageId: patch.messageId } : null,
    }
  }
  return result
}

/** An API's status in every version of its document (null where it is absent). */
export function historyOf(name: string, versions: readonly KnownVersion[]) {
  return versions.map((version) => ({
    version: version.id,
    label: version.label,
    date: version.date,
    status: version.records.find((record) => record.name === name)?.status ?? null,
  }))
}

export function countsOf(records: readonly ApiRecord[]) {
  return {
    apis: records.length,
    described: records.filter((record) => record.described).length,
    deprecated: records.filter((record) => record.status === 'deprecated').length,
  }
}

/** Pairs of versions to compare: every older → newer pair in manifest order. */
export function comparisonPairs(versions: readonly KnownVersion[]): Array<[KnownVersion, KnownVersion]> {
  const pairs: Array<[KnownVersion, KnownVersion]> = []
  for (let i = 0; i < versions.length; i++) for (let j = i + 1; j < versions.length; j++) pairs.push([versions[i], versions[j]])
  return pairs
}
