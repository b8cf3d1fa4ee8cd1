/**
 * A mailing-list thread as b4 sees it: the patches of each revision, their
 * cover letters, and the review replies that answer them. A reply is never a
 * patch, even when it quotes one or carries a diff of its own: only the
 * author's `[PATCH]` mails are applied.
 */
import type { VFile } from 'vfile'
import type { Patch, Person } from '../types.ts'
import { detectFormat } from './detect.ts'
import { readMailMessages, type MailMessage } from './mail.ts'
import { readArchive } from './archive.ts'
import { readPlainDiff } from './plain.ts'
import { isSignature } from './syntax.ts'

/** What a message is to the thread. */
export type MessageRole = 'patch' | 'cover' | 'reply' | 'no-diff'

/** One block of a reply's body: lines it quotes, or its own text. */
export interface ReplyBlock {
  kind: 'quote' | 'text'
  /** The lines, one quoting level (`> `) taken off quoted lines. */
  lines: string[]
}

/** A review reply, as the patch view shows it: plain text only, never HTML. */
export interface ReviewReply {
  messageId: string | null
  /** The subject as written (`Re: [PATCH] …`). */
  subject: string
  author: Person | null
  date: string | null
  /** The message id of the patch or cover letter the reply (or its chain) answers. */
  answers: string
  blocks: ReplyBlock[]
}

/**
 * Read every message of a file that may be part of a thread: a mailbox keeps
 * references and bodies; a web archive page or a diff is one message.
 *
 * @param file
 *   The file (`value` holds its text).
 * @returns
 *   Its messages, in file order.
 */
export async function readThreadFile(file: VFile): Promise<MailMessage[]> {
  const text = String(file.value)
  const format = detectFormat(text)
  if (format === 'mail') return readMailMessages(file, text)
  const patches = format === 'archive' ? readArchive(file, text) : format === 'diff' ? readPlainDiff(file, text) : []
  return patches.map((patch) => ({ patch, references: [], body: patch.message }))
}

/** `Re:`, `Aw:` (German clients), `Fwd:` before the subject. */
const replyMarker = /^\s*(?:re|aw|fwd?)\s*(?:\[\d+\])?\s*:/i

/**
 * What a message is: a reply (`Re:` subject, or an answer without a diff), a
 * cover letter (`0/n`), a patch (a diff), or a lone message without a diff.
 *
 * @param patch
 *   The message as read.
 * @returns
 *   Its role.
 */
export function roleOf(patch: Patch): MessageRole {
  if (replyMarker.test(patch.rawSubject)) return 'reply'
  if (patch.series?.number === 0) return 'cover'
  if (patch.files.length > 0) return 'patch'
  return patch.inReplyTo ? 'reply' : 'no-diff'
}

/**
 * The message a reply answers among `roots` (patch and cover-letter ids): the
 * nearest one up its chain, `In-Reply-To` first, then `References` from the
 * newest. A reply to a reply thus belongs to the patch the first one answered.
 *
 * @param message
 *   The reply.
 * @param roots
 *   Ids of the messages replies can belong to.
 * @returns
 *   The id it answers, or `undefined` when its chain reaches none.
 */
export function answeredRoot(message: MailMessage, roots: ReadonlySet<string>): string | undefined {
  const chain = [message.patch.inReplyTo, ...[...message.references].reverse()]
  return chain.find((id): id is string => id !== null && roots.has(id))
}

/**
 * The key a reply and the patch it answers share when the patch has no
 * Message-Id (read from a web archive's text): the subject without `Re:` and
 * without its bracketed prefix, whitespace folded, case ignored.
 */
export function subjectKey(subject: string): string {
  let rest = subject.trim()
  for (let step = 0; step < 8; step++) {
    const next = rest.replace(/^(?:(?:re|aw|fwd?)\s*:\s*|\[[^\]]*\]\s*)/i, '')
    if (next === rest) break
    rest = next
  }
  return `subject:${rest.replace(/\s+/g, ' ').toLowerCase()}`
}

/**
 * The review replies of a thread that answer one of `roots`.
 *
 * @param messages
 *   Every message of the thread.
 * @param roots
 *   Ids of the patches (and cover letter) of one revision.
 * @param others
 *   Ids of every patch and cover letter of the thread, this revision's included:
 *   a reply belongs to the nearest of them, so a v2 never takes v1's review.
 * @returns
 *   The replies, oldest first (ties in file order).
 */
export function reviewsOf(messages: readonly MailMessage[], roots: ReadonlySet<string>, others: ReadonlySet<string> = roots): ReviewReply[] {
  const all = new Set([...others, ...roots])
  const replies: ReviewReply[] = []
  for (const message of messages) {
    if (roleOf(message.patch) !== 'reply') continue
    // A patch from archive text has no Message-Id: a reply whose chain reaches no known message answers it by subject.
    const answers = answeredRoot(message, all) ?? (all.has(subjectKey(message.patch.rawSubject)) ? subjectKey(message.patch.rawSubject) : undefined)
    if (!answers || !roots.has(answers)) continue
    const { patch } = message
    replies.push({ messageId: patch.messageId, subject: patch.rawSubject, author: patch.author, date: patch.date, answers, blocks: replyBlocks(message.body) })
  }
  return replies
    .map((reply, index) => ({ reply, index }))
    .sort((a, b) => (a.reply.date ?? '').localeCompare(b.reply.date ?? '') || a.index - b.index)
    .map(({ reply }) => reply)
}

/**
 * Split a reply's body into what it quotes and what it says, the signature
 * (after `-- `) left out.
 *
 * @param body
 *   The decoded body.
 * @returns
 *   Its blocks, without blank lines at their edges.
 */
export function replyBlocks(body: string): ReplyBlock[] {
  const blocks: ReplyBlock[] = []
  for (const line of body.replace(/\r\n/g, '\n').split('\n')) {
    if (isSignature(line)) break
    const quoted = /^\s*>/.test(line)
    const kind = quoted ? 'quote' : 'text'
    const text = quoted ? line.replace(/^\s*> ?/, '') : line
    const last = blocks.at(-1)
    // A blank line between quoted lines stays in the quote.
    if (last && (last.kind === kind || (text.trim() === '' && !quoted && last.kind === 'quote'))) last.lines.push(text)
    else blocks.push({ kind, lines: [text] })
  }
  return blocks.map(trimBlock).filter((block) => block.lines.length > 0)
}

function trimBlock(block: ReplyBlock): ReplyBlock {
  let first = 0
  let last = block.lines.length
  while (first < last && block.lines[first].trim() === '') first++
  while (last > first && block.lines[last - 1].trim() === '') last--
  return { kind: block.kind, lines: block.lines.slice(first, last) }
}
