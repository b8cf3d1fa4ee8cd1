/**
 * The part of a patch all three readers share: once the archive, mail or diff
 * reader has the body as lines, this splits it into commit message, trailers,
 * diffstat and diff, the way `git am` splits a mail body.
 */
import type { Diffstat, Trailer } from '../types.ts'
import { parseDiffstat } from './diffstat.ts'
import { isBlank, type Line } from './lines.ts'
import { isDiffStart, isMessageSeparator } from './syntax.ts'
import { extractTrailers } from './trailers.ts'

/** `From:`, `Date:` and `Subject:` lines that open a body and override the mail's own. */
export interface InBodyHeaders {
  from?: string
  date?: string
  subject?: string
}

export interface BodyParts {
  inBody: InBodyHeaders
  /** The commit message, trailers excluded, without blank lines at either end. */
  message: string
  trailers: Trailer[]
  diffstat: Diffstat | null
  /** The lines from the first file diff on. */
  diff: Line[]
  /** Line of the first line of the body, for diagnostics about the whole body. */
  firstLine: number | null
}

/**
 * Split a patch body.
 *
 * The commit message ends at the first `---` line, or where the first file diff
 * starts when there is no such line. Between the two stand version notes and the
 * diffstat. In-body `From:`/`Date:`/`Subject:` lines at the very top followed by
 * a blank line (how git format-patch sends someone else's patch) are taken out.
 *
 * @param lines
 *   The body's lines.
 * @returns
 *   Its parts.
 */
export function splitBody(lines: readonly Line[]): BodyParts {
  let start = 0
  while (isBlank(lines[start])) start++
  const inBody: InBodyHeaders = {}
  let cursor = start
  for (; cursor < lines.length; cursor++) {
    const match = /^(From|Date|Subject):\s*(.*)$/.exec(lines[cursor].text)
    if (!match) break
    inBody[match[1].toLowerCase() as keyof InBodyHeaders] = match[2]
  }
  if (cursor > start && isBlank(lines[cursor])) start = cursor
  else for (const key of Object.keys(inBody)) delete inBody[key as keyof InBodyHeaders]

  let diffStart = start
  while (diffStart < lines.length && !isDiffStart(lines, diffStart)) diffStart++
  let separator = start
  while (separator < diffStart && !isMessageSeparator(lines[separator].text)) separator++

  const { trailers, rest } = extractTrailers(lines.slice(start, separator))
  let first = 0
  let last = rest.length
  while (isBlank(rest[first])) first++
  while (last > first && isBlank(rest[last - 1])) last--
  return {
    inBody,
    message: rest
      .slice(first, last)
      .map((line) => line.text)
      .join('\n'),
    trailers,
    diffstat: parseDiffstat(lines.slice(separator + 1, diffStart)),
    diff: lines.slice(diffStart),
    firstLine: lines[0]?.line ?? null,
  }
}
