import type { SeriesInfo } from '../types.ts'

/**
 * Split a subject into its bracketed prefix and the rest, and read the prefix
 * the way b4 does: `[RFC PATCH net-next v3 02/10]` is revision 3, patch 2 of 10,
 * tagged `RFC` and `net-next`. `PATCHv3` counts as `PATCH v3`, several bracket
 * groups (`[RFC][PATCH 1/2]`) are read as one prefix, and reply markers
 * (`Re:`) before the prefix are dropped.
 *
 * @param rawSubject
 *   The subject line as written (unfolded).
 * @returns
 *   The subject without prefix and the series information, `null` when the
 *   subject has no bracketed prefix.
 */
export function parseSubject(rawSubject: string): { subject: string; series: SeriesInfo | null } {
  const unreplied = rawSubject.trim().replace(/^(?:(?:re|fwd?|aw)\s*:\s*)+/i, '')
  const groups = /^(?:\[[^\]]*\]\s*)+/.exec(unreplied)
  if (!groups) return { subject: unreplied, series: null }
  const prefixText = groups[0].trim()
  const series: SeriesInfo = {
    revision: 1,
    number: null,
    total: null,
    prefix: prefixText.slice(1, -1),
    tags: [],
  }
  for (const token of prefixText.replace(/[[\]]/g, ' ').split(/[\s,]+/).filter(Boolean)) {
    const counter = /^(\d+)\/(\d+)$/.exec(token)
    const revision = /^(?:PATCH)?v(\d+)$/i.exec(token)
    if (counter) {
      series.number = Number(counter[1])
      series.total = Number(counter[2])
    } else if (revision) series.revision = Number(revision[1])
    else if (!/^PATCH$/i.test(token)) series.tags.push(token)
  }
  return { subject: unreplied.slice(groups[0].length).trim(), series }
}
