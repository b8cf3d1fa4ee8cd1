/**
 * RFC 822 mail and mboxes, read with mailparser: it unfolds and decodes the
 * headers (encoded words included), parses addresses, walks multipart
 * structure, and decodes quoted-printable and base64 bodies and charsets.
 * The dates it gives are `Date` objects that forget the sender's offset, so the
 * `Date:` header is read from its raw line instead.
 */
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser'
import type { VFile } from 'vfile'
import type { Patch } from '../types.ts'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'
import { assemblePatch } from './assemble.ts'
import { normalizeNewlines, toLines, type Line } from './lines.ts'
import { splitMbox, type RawMessage } from './mbox.ts'
import { report } from './report.ts'

const { rules } = diagnosticRules.ingest

/** How far ahead a decoded line is looked for among the raw lines (MIME part headers in between). */
const alignWindow = 12

/**
 * Read a mail or an mbox with one or more messages.
 *
 * @param file
 *   The patch file, for diagnostics.
 * @param text
 *   Its text.
 * @returns
 *   One patch per message that mailparser could read.
 */
export async function readMail(file: VFile, text: string): Promise<Patch[]> {
  return (await readMailMessages(file, text)).map((message) => message.patch)
}

/** One message of a mailbox: the patch it carries (maybe none) and what threads it. */
export interface MailMessage {
  patch: Patch
  /** Message ids of the `References:` header, oldest first. */
  references: string[]
  /** The decoded plain-text body, for review replies. */
  body: string
}

/**
 * Read every message of a mail or mbox, keeping what a thread needs beside
 * the patch (references and the decoded body).
 *
 * @param file
 *   The mail file, for diagnostics.
 * @param text
 *   Its text.
 * @returns
 *   One entry per message that mailparser could read, in file order.
 */
export async function readMailMessages(file: VFile, text: string): Promise<MailMessage[]> {
  const messages: MailMessage[] = []
  for (const message of splitMbox(normalizeNewlines(text))) {
    let parsed: ParsedMail
    try {
      parsed = await simpleParser(message.text, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true })
    } catch (error) {
      report(file, `Cannot read the message as mail: ${(error as Error).message}`, message.startLine, rules.unreadableMail)
      continue
    }
    const references = [parsed.references ?? []].flat().flatMap((value) => value.split(/\s+/)).map(messageId).filter((id): id is string => id !== null)
    messages.push({ patch: readMessage(file, message, parsed), references, body: parsed.text ?? '' })
  }
  return messages
}

/**
 * Turn one parsed message into a patch.
 *
 * @param file
 *   The patch file.
 * @param message
 *   The raw message.
 * @param parsed
 *   What mailparser made of it.
 * @returns
 *   The patch.
 */
function readMessage(file: VFile, message: RawMessage, parsed: ParsedMail): Patch {
  const raw = toLines(message.text, message.firstLine)
  const headerEnd = raw.findIndex((line) => line.text === '')
  const headers = headerEnd < 0 ? raw : raw.slice(0, headerEnd)
  const dateHeader = headers.find((line) => /^date:/i.test(line.text))
  const dateValue = parsed.headerLines.find((header) => header.key === 'date')?.line
  const from = parsed.from?.value[0]
  return assemblePatch(
    file,
    {
      format: 'mail',
      rawSubject: parsed.subject ?? '',
      author: from ? { name: from.name, address: from.address ?? '' } : null,
      date: dateValue === undefined ? null : dateValue.replace(/^date:\s*/i, '').replace(/\r?\n\s+/g, ' ').trim(),
      dateLine: dateHeader?.line ?? message.startLine,
      messageId: messageId(parsed.messageId),
      inReplyTo: messageId(parsed.inReplyTo),
      startLine: message.startLine,
      mangled: false,
    },
    alignLines(bodyTexts(parsed), headerEnd < 0 ? [] : raw.slice(headerEnd + 1)),
  )
}

/**
 * The decoded texts that may hold the patch: the plain-text body (mailparser
 * joins inline text parts) and any attachment that is a patch.
 *
 * @param parsed
 *   The parsed message.
 * @returns
 *   The texts, in order.
 */
function bodyTexts(parsed: ParsedMail): string[] {
  const texts = parsed.text ? [parsed.text] : []
  for (const attachment of parsed.attachments) {
    if (isPatchAttachment(attachment)) texts.push(attachment.content.toString('utf8'))
  }
  return texts
}

/**
 * Whether an attachment carries a patch.
 *
 * @param attachment
 *   The attachment.
 * @returns
 *   Whether to read it.
 */
function isPatchAttachment(attachment: Attachment): boolean {
  return (
    /^(?:text|application)\/(?:x-)?(?:patch|diff)$/i.test(attachment.contentType) ||
    /\.(?:patch|diff)$/i.test(attachment.filename ?? '') ||
    /^text\/plain$/i.test(attachment.contentType)
  )
}

/**
 * Number the decoded body lines with lines of the file.
 *
 * Decoded and raw lines are walked in step: a line of a 7bit/8bit part appears
 * verbatim among the next raw lines, so it gets its real line in the file. A
 * line that had to be decoded (quoted-printable with escapes or soft breaks,
 * base64) does not appear; it gets the line after the previous one, so its
 * number refers to the decoded body, counted from where the body starts, and
 * the walk catches up at the next verbatim line.
 *
 * @param texts
 *   Decoded body texts.
 * @param raw
 *   The raw body lines, numbered as in the file.
 * @returns
 *   The decoded lines with file line numbers.
 */
function alignLines(texts: readonly string[], raw: readonly Line[]): Line[] {
  const first = raw[0]?.line ?? 1
  const out: Line[] = []
  let cursor = 0
  for (const text of texts) {
    for (const { text: decoded } of toLines(text)) {
      let found = -1
      for (let index = cursor; index < Math.min(raw.length, cursor + alignWindow) && found < 0; index++) {
        if (raw[index].text === decoded) found = index
      }
      out.push({ text: decoded, line: first + (found < 0 ? cursor : found) })
      cursor = (found < 0 ? cursor : found) + 1
    }
  }
  return out
}

/**
 * A message id without its angle brackets.
 *
 * @param value
 *   The header value.
 * @returns
 *   The id, or `null`.
 */
function messageId(value: string | undefined): string | null {
  const match = /<([^>]+)>/.exec(value ?? '') ?? /(\S+)/.exec(value ?? '')
  return match ? match[1] : null
}
