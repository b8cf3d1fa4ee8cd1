/**
 * A bare diff (`git diff`, `diff -u`, a quilt patch): no envelope, so no
 * subject, author or date; any text before the diff is the description.
 */
import type { VFile } from 'vfile'
import type { Patch } from '../types.ts'
import { assemblePatch } from './assemble.ts'
import { normalizeNewlines, toLines } from './lines.ts'

/**
 * Read a bare diff; text before it (a quilt description) becomes the message.
 *
 * @param file
 *   The patch file.
 * @param text
 *   Its text.
 * @returns
 *   The one patch.
 */
export function readPlainDiff(file: VFile, text: string): Patch[] {
  const envelope = {
    format: 'diff' as const,
    rawSubject: '',
    author: null,
    date: null,
    dateLine: 1,
    messageId: null,
    inReplyTo: null,
    startLine: 1,
    mangled: false,
  }
  return [assemblePatch(file, envelope, toLines(normalizeNewlines(text)))]
}
