/**
 * Tell the three forms a patch comes in apart, from the top of the text:
 * a mail or mbox (git format-patch output is one), a web archive page, or a
 * bare diff.
 */
import type { PatchFormat } from '../types.ts'
import { isBlank, toLines } from './lines.ts'
import { archiveHeader, hunkHeader, isDiffStart, mboxSeparator } from './syntax.ts'

/** An RFC 822 header line (`Name: value`), or a folded continuation. */
const headerLine = /^[!-9;-~]+:/

/** Headers that only a mail carries at its top. */
const mailOnly = /^(?:received|message-id|return-path|delivered-to|mime-version|x-[a-z0-9-]+|in-reply-to|references|content-type):/i

/**
 * Detect a patch's format.
 *
 * - `mail`: an mbox `From ` line first (`From <sha> Mon Sep 17 00:00:00 2001`
 *   of git format-patch too), or a header block at the top with a header only
 *   mail has (`Received:`, `Message-Id:` …) or both `From:` and `Subject:`.
 * - `archive`: a first line that is not a header (the subject), then `From:`
 *   or `Date:` lines before the body.
 * - `diff`: a file diff or hunk header anywhere.
 *
 * @param text
 *   The patch text.
 * @returns
 *   The format, or `null` when the text is none of them.
 */
export function detectFormat(text: string): PatchFormat | null {
  const lines = toLines(text.replace(/\r\n/g, '\n'))
  let first = 0
  while (isBlank(lines[first])) first++
  const top = lines[first]?.text ?? ''
  if (mboxSeparator.test(top)) return 'mail'

  const block: string[] = []
  for (let index = first; index < lines.length && !isBlank(lines[index]); index++) block.push(lines[index].text)
  const names = block.filter((line) => headerLine.test(line))
  const continuation = (line: string) => /^[ \t]/.test(line)
  if (names.length > 0 && headerLine.test(top) && block.every((line) => headerLine.test(line) || continuation(line))) {
    const has = (name: string) => names.some((line) => line.toLowerCase().startsWith(name + ':'))
    if (names.some((line) => mailOnly.test(line)) || (has('from') && has('subject'))) return 'mail'
  }

  // The first line is the subject as the page shows it (`Re: [PATCH] …` too), not a header.
  if (!archiveHeader.test(top)) {
    let index = first + 1
    let seen = 0
    for (; index < lines.length && index < first + 12; index++) {
      if (isBlank(lines[index])) {
        if (seen > 0) break
        continue
      }
      if (!archiveHeader.test(lines[index].text)) break
      seen++
    }
    if (seen > 0 && lines.slice(first + 1, index).some((line) => /^(?:From|Date):/.test(line.text))) return 'archive'
  }

  return lines.some((line, index) => isDiffStart(lines, index) || hunkHeader.test(line.text)) ? 'diff' : null
}
