/**
 * Mail as it really arrives, built at test time: real `git format-patch`
 * series over real documents, then the transformations lists and clients
 * apply (mbox `From ` escaping, quoted-printable bodies, CRLF, folded
 * subjects, a patch as a multipart attachment).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sandbox } from '../helpers/git.ts'

/** One commit of a series: files (path → new text) and its subject and message. */
export interface SeriesCommit {
  subject: string
  body?: string
  files: Record<string, string>
}

/**
 * A series as `git format-patch --cover-letter --thread` sends it: an mbox
 * whose messages have `Message-Id`, `In-Reply-To` and `References`.
 *
 * @param base
 *   The tree before the series (path → text).
 * @param commits
 *   The commits, in order.
 * @param options
 *   `revision` (`-v N`), `prefix` (`--subject-prefix`), `cover` (its subject).
 */
export function formatSeries(
  base: Record<string, string>,
  commits: readonly SeriesCommit[],
  options: { revision: number; prefix?: string; cover?: string },
): string {
  const { git, write } = sandbox()
  for (const [name, text] of Object.entries(base)) write(name, text)
  git('add', '-A')
  git('commit', '-qm', 'base')
  for (const commit of commits) {
    for (const [name, text] of Object.entries(commit.files)) write(name, text)
    git('add', '-A')
    git('commit', '-q', '-m', commit.subject, ...(commit.body ? ['-m', commit.body] : []))
  }
  const flags = ['format-patch', '--stdout', '--thread=shallow', `-v${options.revision}`, `-${commits.length}`]
  if (options.cover) flags.push('--cover-letter')
  if (options.prefix) flags.push(`--subject-prefix=${options.prefix}`)
  let mbox = git(...flags)
  // git names messages by time: two revisions made in one second would share ids.
  mbox = mbox.replaceAll('.git.', `.v${options.revision}.git.`)
  if (options.cover) mbox = mbox.replace('*** SUBJECT HERE ***', options.cover).replace('*** BLURB HERE ***', 'The cover letter: what the series is for.')
  return mbox
}

/** The messages of an mbox made by `git format-patch` (split at its `From <sha>` lines). */
export function messagesOf(mbox: string): string[] {
  return mbox.split(/^(?=From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$)/m).filter((part) => part.trim() !== '')
}

/** The value of a header of a raw message. */
export function headerOf(message: string, name: string): string | undefined {
  const head = message.split(/\r?\n\r?\n/)[0]
  return new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(head)?.[1]?.trim()
}

/** Join raw messages into an mboxrd: each after a `From ` line, body lines starting `From ` (and quoted ones) escaped. */
export function toMbox(messages: readonly string[]): string {
  return messages
    .map((message) => {
      const text = message.replace(/^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\n/, '')
      const escaped = text.replace(/^(>*From )/gm, '>$1')
      return `From mboxrd@z Thu Jan  1 00:00:00 1970\n${escaped.endsWith('\n') ? escaped : escaped + '\n'}\n`
    })
    .join('')
}

/** Re-encode a message's body as quoted-printable (soft breaks at 76 columns, `=` and non-ASCII escaped). */
export function quotedPrintable(message: string): string {
  const split = message.indexOf('\n\n')
  const head = message.slice(0, split).replace(/^Content-Transfer-Encoding:.*\n?/im, '')
  const body = message.slice(split + 2)
  const encoded = body
    .split('\n')
    .map((line) => {
      let out = ''
      for (const byte of Buffer.from(line, 'utf8')) {
        const char = String.fromCharCode(byte)
        out += byte === 61 || byte > 126 || (byte < 32 && byte !== 9) ? `=${byte.toString(16).toUpperCase().padStart(2, '0')}` : char
      }
      // Trailing blanks would be lost in transport: encode the last one.
      out = out.replace(/([ \t])$/, (_, blank: string) => `=${blank.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
      const pieces: string[] = []
      while (out.length > 75) {
        let cut = 75
        while (/=[0-9A-F]?$/.test(out.slice(0, cut))) cut--
        pieces.push(out.slice(0, cut) + '=')
        out = out.slice(cut)
      }
      pieces.push(out)
      return pieces.join('\n')
    })
    .join('\n')
  const mime = /^MIME-Version:/im.test(head) ? '' : 'MIME-Version: 1.0\n'
  return `${head.replace(/^Content-Type:.*\n?/im, '')}\n${mime}Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n${encoded}`
}

/** Re-encode a message's body as base64 (76-column lines), as some clients send UTF-8 text. */
export function base64Body(message: string): string {
  const split = message.indexOf('\n\n')
  const head = message.slice(0, split).replace(/^(?:Content-Transfer-Encoding|Content-Type|MIME-Version):.*\n?/gim, '')
  const encoded = Buffer.from(message.slice(split + 2), 'utf8').toString('base64').replace(/.{76}/g, '$&\n')
  return `${head}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n${encoded}\n`
}

/** Fold the `Subject:` header over two lines, as mail clients do with long ones. */
export function foldSubject(message: string): string {
  return message.replace(/^(Subject: \S+(?: \S+){3}) (.*)$/m, '$1\n $2')
}

/** A message with its patch moved into a `text/x-patch` attachment of a multipart/mixed body. */
export function asAttachment(message: string): string {
  const split = message.indexOf('\n\n')
  const head = message.slice(0, split)
  const body = message.slice(split + 2)
  const diffAt = body.indexOf('\n---\n')
  const note = body.slice(0, diffAt + 1)
  const boundary = '=-=strata-test-boundary=-='
  return (
    `${head}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${boundary}"\n\n` +
    `--${boundary}\nContent-Type: text/plain; charset=UTF-8\n\n${note}\n` +
    `--${boundary}\nContent-Type: text/x-patch; charset=UTF-8; name="change.patch"\nContent-Disposition: attachment; filename="change.patch"\n\n${body}\n--${boundary}--\n`
  )
}

/** A review reply to a message, quoting some of its lines. */
export function reply(to: string, options: { from: string; date: string; id: string; quote: string[]; text: string }): string {
  const subject = headerOf(to, 'Subject')!
  const parent = headerOf(to, 'Message-Id')!
  const references = [headerOf(to, 'References'), parent].filter(Boolean).join(' ')
  return [
    `From: ${options.from}`,
    `Date: ${options.date}`,
    `Subject: Re: ${subject}`,
    `Message-Id: <${options.id}>`,
    `In-Reply-To: ${parent}`,
    `References: ${references}`,
    '',
    'On a day, someone wrote:',
    ...options.quote.map((line) => `> ${line}`),
    '',
    options.text,
    '',
  ].join('\n')
}

/** A throw-away folder with a content manifest (and any other files), by relative path. */
export function contentDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'strata-add-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  return dir
}
