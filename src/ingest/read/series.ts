import type { Patch, Series } from '../types.ts'

/**
 * Group patches into series by revision, as b4 builds `LoreSeries`: the cover
 * letter (`0/n`) apart, the patches ordered by their number (lone patches,
 * which have none, last, in the order read). A patch without a subject prefix
 * counts as revision 1.
 *
 * @param patches
 *   Patches, as read from one or more mailboxes.
 * @returns
 *   One series per revision, oldest revision first.
 */
export function groupSeries(patches: readonly Patch[]): Series[] {
  const byRevision = new Map<number, Series>()
  for (const patch of patches) {
    const revision = patch.series?.revision ?? 1
    let series = byRevision.get(revision)
    if (!series) {
      series = { revision, cover: null, patches: [] }
      byRevision.set(revision, series)
    }
    if (patch.series?.number === 0 && series.cover === null) series.cover = patch
    else series.patches.push(patch)
  }
  const order = (patch: Patch) => patch.series?.number ?? Number.POSITIVE_INFINITY
  return [...byRevision.values()]
    .sort((a, b) => a.revision - b.revision)
    .map((series) => ({ ...series, patches: [...series.patches].sort((a, b) => order(a) - order(b)) }))
}
