/**
 * Web mail archive text (a list archive's page, copied as text): the subject
 * on the first line, then `From:`/`Date:` lines, then the body. Every line lost
 * its leading whitespace and runs of spaces were collapsed, so the diff is read
 * as mangled (see `mangled.ts`); masked addresses (`user@xxxxxxxxx`) stay as given.
 */
import type { VFile } from 'vfile'
import type { Patch } from '../types.ts'
import { assemblePatch } from './assemble.ts'
import { isBlank, normalizeNewlines, toLines } from './lines.ts'
import { parsePerson } from './person.ts'
import { archiveHeader } from './syntax.ts'

/**
 * Read web archive text.
 *
 * @param file
 *   The patch file, for diagnostics.
 * @param text
 *   Its text.
 * @returns
 *   The one patch on the page.
 */
export function readArchive(file: VFile, text: string): Patch[] {
  const lines = toLines(normalizeNewlines(text))
  let index = 0
  while (isBlank(lines[index])) index++
  const subjectLine = lines[index]
  index++
  const headers = new Map<string, { value: string; line: number }>()
  for (; index < lines.length; index++) {
    if (isBlank(lines[index])) {
      if (headers.size > 0) break
      continue
    }
    const match = archiveHeader.exec(lines[index].text)
    if (!match) break
    headers.set(match[1].toLowerCase(), { value: match[2].trim(), line: lines[index].line })
  }
  const from = headers.get('from')
  const date = headers.get('date')
  const id = (key: string) => headers.get(key)?.value.replace(/^<|>$/g, '') || null
  const patch = assemblePatch(
    file,
    {
      format: 'archive',
      rawSubject: headers.get('subject')?.value ?? subjectLine?.text.trim() ?? '',
      author: from ? parsePerson(from.value) : null,
      date: date?.value ?? null,
      dateLine: date?.line ?? 1,
      messageId: id('message-id'),
      inReplyTo: id('in-reply-to'),
      startLine: subjectLine?.line ?? 1,
      mangled: true,
    },
    lines.slice(index),
  )
  return [patch]
}
