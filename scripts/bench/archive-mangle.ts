/**
 * Patches as a web mail archive shows them, made at run time from document
 * edits: a `git format-patch`-style mail (with the `index` line's real blob
 * ids), then what the archive page does to it — every line's leading
 * whitespace dropped, runs of blanks folded to one space, e-mail domains
 * masked with as many `x`s as they have characters (see `../shared/seeds/`).
 */
import { structuredPatch } from 'diff'
import { gitBlobId } from '../../src/ingest/apply/text.ts'

export interface Edit {
  /** The document's path in the kernel tree. */
  path: string
  before: string
  after: string
  subject: string
}

const author = { name: 'Ada Example', address: 'ada.example@kernel.example.org' }

/**
 * The edit as git format-patch writes it: headers, message, diffstat-free
 * body, `diff --git` with the blobs of both sides, three lines of context.
 *
 * @param edit
 *   The change.
 * @returns
 *   The mail's text.
 */
export function formatPatchMail(edit: Edit): string {
  const { hunks } = structuredPatch(`a/${edit.path}`, `b/${edit.path}`, edit.before, edit.after, '', '', { context: 3 })
  const body = hunks
    .map((hunk) => `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@\n${hunk.lines.join('\n')}\n`)
    .join('')
  return [
    'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
    `From: ${author.name} <${author.address}>`,
    'Date: Tue, 6 Dec 2022 08:00:29 +0100',
    `Subject: [PATCH] ${edit.subject}`,
    '',
    `${edit.subject}: an edit made by the archive benchmark.`,
    '',
    `Signed-off-by: ${author.name} <${author.address}>`,
    '---',
    `diff --git a/${edit.path} b/${edit.path}`,
    `index ${gitBlobId(edit.before).slice(0, 12)}..${gitBlobId(edit.after).slice(0, 12)} 100644`,
    `--- a/${edit.path}`,
    `+++ b/${edit.path}`,
    body + '-- ',
    '2.39.0',
    '',
  ].join('\n')
}

/**
 * What a web archive page shows of a mail: the subject, `From:` with the name
 * only and `Date:`, then the body with its whitespace folded and its
 * addresses masked.
 *
 * @param mail
 *   The raw mail.
 * @returns
 *   The archive text.
 */
export function mangleAsArchive(mail: string): string {
  const split = mail.indexOf('\n\n')
  const head = mail.slice(0, split).replace(/\n[ \t]+/g, ' ')
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'mi').exec(head)?.[1].trim() ?? ''
  const name = header('From').replace(/\s*<.*>$/, '').replace(/^"(.*)"$/, '$1')
  const body = mail
    .slice(split + 2)
    .split('\n')
    .map((line) => maskAddresses(line.replace(/^[ \t]+/, '').replace(/[ \t]+/g, ' ').trimEnd()))
  while (body.length > 0 && body.at(-1) === '') body.pop()
  return `${header('Subject')}\n\nFrom: ${name}\nDate: ${archiveDate(header('Date'))}\n\n\n${body.join('\n')}`
}

/** A mail date as the archive prints it, in its own time zone: `Tue Dec 06 2022 - 02:00:29 EST`. */
export function archiveDate(value: string): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', month: 'short', day: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  )
  return `${parts.weekday} ${parts.month} ${parts.day} ${parts.year} - ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`
}

/** `name@kernel.org` → `name@xxxxxxxxxx`, as the archives mask them. */
export function maskAddresses(text: string): string {
  return text.replace(/@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g, (_, domain: string) => '@' + 'x'.repeat(domain.length))
}
