/**
 * Split a mailbox into messages. A message starts at an mbox `From ` line
 * (`From <sha> Mon Sep 17 00:00:00 2001` from git format-patch, `From mboxrd@z
 * Thu Jan  1 00:00:00 1970` from lore) at the top of the file or after a blank
 * line; a file without one is a single RFC 822 message.
 */
import { isBlank, toLines } from './lines.ts'
import { mboxSeparator } from './syntax.ts'

/** One message's text and where it stands in the mailbox. */
export interface RawMessage {
  /** The message without its `From ` line, `>From ` escapes undone. */
  text: string
  /** 1-based file line of the first line of `text`. */
  firstLine: number
  /** 1-based file line where the message starts (its `From ` line, if any). */
  startLine: number
}

/**
 * Split mailbox text into messages.
 *
 * Quoted `>From ` lines are unescaped one level (mboxrd); this never touches a
 * diff, whose lines start with a space, `+`, `-` or `@`.
 *
 * @param text
 *   The mailbox (LF line endings).
 * @returns
 *   The messages, in order.
 */
export function splitMbox(text: string): RawMessage[] {
  const lines = toLines(text)
  const starts: number[] = []
  lines.forEach((line, index) => {
    if (mboxSeparator.test(line.text) && (index === 0 || isBlank(lines[index - 1]))) starts.push(index)
  })
  if (starts[0] !== 0) starts.unshift(-1)
  return starts.map((start, position) => {
    const end = starts[position + 1] ?? lines.length
    const body = lines.slice(start + 1, end).map((line) => line.text.replace(/^>(>*From )/, '$1'))
    return {
      text: body.join('\n') + '\n',
      firstLine: start + 2,
      startLine: start < 0 ? 1 : start + 1,
    }
  })
}
