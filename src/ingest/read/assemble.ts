/**
 * Build a `Patch` from what a format reader found in its headers plus the body
 * lines, so that the archive, mail and diff readers share one path from body
 * to message, trailers, diffstat and file diffs.
 */
import type { VFile } from 'vfile'
import type { Patch, PatchFormat, Person, Trailer } from '../types.ts'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'
import { toIsoDate } from './date.ts'
import { readDiff } from './diff.ts'
import type { Line } from './lines.ts'
import { splitBody } from './message.ts'
import { parsePerson } from './person.ts'
import { report } from './report.ts'
import { parseSubject } from './subject.ts'

const { rules } = diagnosticRules.ingest

/** What a format reader knows about one patch before its body is read. */
export interface Envelope {
  format: PatchFormat
  rawSubject: string
  author: Person | null
  /** The date as written, turned into ISO 8601 here. */
  date: string | null
  /** Line of the `Date:` header, for a diagnostic when it does not parse. */
  dateLine: number
  messageId: string | null
  inReplyTo: string | null
  startLine: number
  /** Whether the text lost its leading whitespace (web archive). */
  mangled: boolean
}

/**
 * Read a patch body and combine it with its envelope.
 *
 * In-body `From:`/`Date:`/`Subject:` lines override the envelope's. When the
 * author has no address (a web archive's `From:` shows only the name), the
 * address comes from the `Signed-off-by` or `From` trailer with the same name.
 *
 * @param file
 *   The patch file, for diagnostics.
 * @param envelope
 *   What the format reader found.
 * @param lines
 *   The body's lines, numbered as in the file.
 * @returns
 *   The patch.
 */
export function assemblePatch(file: VFile, envelope: Envelope, lines: readonly Line[]): Patch {
  const body = splitBody(lines)
  const rawSubject = body.inBody.subject ?? envelope.rawSubject
  const { subject, series } = parseSubject(rawSubject)
  const writtenDate = body.inBody.date ?? envelope.date
  const date = writtenDate === null ? null : toIsoDate(writtenDate)
  if (writtenDate !== null && date === null) {
    report(file, `Cannot read date \`${writtenDate}\``, envelope.dateLine, rules.unparsedDate)
  }
  const author = body.inBody.from === undefined ? envelope.author : parsePerson(body.inBody.from)
  return {
    format: envelope.format,
    subject,
    rawSubject,
    series,
    author: author && !author.address ? withTrailerAddress(author, body.trailers) : author,
    date,
    messageId: envelope.messageId,
    inReplyTo: envelope.inReplyTo,
    message: body.message,
    trailers: body.trailers,
    diffstat: body.diffstat,
    files: readDiff(file, body.diff, envelope.mangled),
    path: file.path,
    startLine: envelope.startLine,
  }
}

/**
 * Complete an author who has only a name from a trailer naming them.
 *
 * @param author
 *   The author without address.
 * @param trailers
 *   The patch's trailers.
 * @returns
 *   The author, with the trailer's address when one matches.
 */
function withTrailerAddress(author: Person, trailers: readonly Trailer[]): Person {
  for (const trailer of trailers) {
    if (!/^(?:signed-off-by|from)$/i.test(trailer.key)) continue
    const person = parsePerson(trailer.value)
    if (person.address && person.name.toLowerCase() === author.name.toLowerCase()) {
      return { name: author.name, address: person.address }
    }
  }
  return author
}
