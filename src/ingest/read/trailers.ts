import type { Trailer } from '../types.ts'
import { isBlank, type Line } from './lines.ts'

/** `Token-With-Dashes: value`. */
const trailerLine = /^([A-Za-z0-9][A-Za-z0-9-]*):\s+(.*?)\s*$/

/** Keys the kernel's process documents: one of them makes a paragraph a trailer block. */
const knownKeys = new Set(
  [
    'signed-off-by', 'cc', 'reviewed-by', 'acked-by', 'tested-by', 'reported-by', 'suggested-by',
    'co-developed-by', 'link', 'fixes', 'closes', 'reported-and-tested-by', 'requested-by',
    'originally-by', 'message-id',
  ],
)

/**
 * Take the trailers out of a commit message.
 *
 * Trailers live in the message's last paragraph, as `git interpret-trailers`
 * reads them. That paragraph counts as a trailer block when it has a kernel
 * trailer key or consists of trailers only, so a closing sentence such as
 * "Note that …" is not mistaken for one. A line that starts with whitespace
 * continues the trailer above it; other lines of the block (`[ name: fixed … ]`)
 * stay in the message.
 *
 * @param lines
 *   The commit message's lines.
 * @returns
 *   The trailers with their file lines, and the message lines that remain.
 */
export function extractTrailers(lines: readonly Line[]): { trailers: Trailer[]; rest: Line[] } {
  let end = lines.length
  while (end > 0 && isBlank(lines[end - 1])) end--
  let start = end
  while (start > 0 && !isBlank(lines[start - 1])) start--
  const block = lines.slice(start, end)
  const matches = block.map((line) => trailerLine.exec(line.text))
  const isBlock =
    block.length > 0 &&
    (matches.some((match) => match && knownKeys.has(match[1].toLowerCase())) ||
      matches.every((match, index) => match || /^\s/.test(block[index].text)))
  if (!isBlock) return { trailers: [], rest: lines.slice(0, end) }

  const trailers: Trailer[] = []
  const kept: Line[] = []
  block.forEach((line, index) => {
    const match = matches[index]
    const previous = trailers[trailers.length - 1]
    if (match) trailers.push({ key: match[1], value: match[2], line: line.line })
    else if (/^\s/.test(line.text) && previous) previous.value += ' ' + line.text.trim()
    else kept.push(line)
  })
  return { trailers, rest: [...lines.slice(0, start), ...kept] }
}
