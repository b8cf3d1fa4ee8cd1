/**
 * Edits of real kernel documents for the archive benchmark, chosen from each
 * document's own structure so that the added lines carry its real whitespace:
 * a sentence added to a paragraph that is then re-wrapped, a copy of an
 * indented block (a list item, a table, a field body) with a word changed,
 * and a copy of a C literal block with a function renamed. Deterministic:
 * the same documents give the same edits.
 */
import type { Edit } from './archive-mangle.ts'

export interface ArchiveCase extends Edit {
  /** `paragraph`, `block` or `code`. */
  kind: string
}

interface Block {
  start: number
  /** Exclusive. */
  end: number
}

/** Runs of non-blank lines. */
function blocksOf(lines: readonly string[]): Block[] {
  const blocks: Block[] = []
  let start = -1
  lines.forEach((line, index) => {
    const blank = line.trim() === ''
    if (!blank && start < 0) start = index
    if (blank && start >= 0) {
      blocks.push({ start, end: index })
      start = -1
    }
  })
  if (start >= 0) blocks.push({ start, end: lines.length })
  return blocks
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0]
const isProse = (line: string) => /^[ \t]*[A-Za-z(`"][^|+]*[a-z,.;:)]$/.test(line) && !/::$/.test(line)
const isC = (text: string) => /[;{}]\s*$/m.test(text) || /^\s*(?:#\s*\w+|\/\*)/m.test(text)

/**
 * The cases for one document.
 *
 * @param path
 *   Its path in the kernel tree.
 * @param text
 *   Its text.
 * @returns
 *   Up to three edits.
 */
export function editsOf(path: string, text: string): ArchiveCase[] {
  const lines = text.split('\n')
  const blocks = blocksOf(lines)
  const cases: ArchiveCase[] = []
  const edit = (kind: string, after: string[]) => cases.push({ kind, path, before: text, after: after.join('\n'), subject: `docs: ${path.split('/').at(-1)}: ${kind} edit` })

  // A paragraph of three or more prose lines at the top level (no literal
  // block holds it) gets a sentence after its first, re-wrapped.
  const paragraphs = blocks.filter((block) => block.end - block.start >= 3 && lines.slice(block.start, block.end).every((line) => isProse(line) && !/^\s/.test(line)))
  const paragraph = paragraphs[Math.floor(paragraphs.length / 2)]
  if (paragraph) {
    const own = lines.slice(paragraph.start, paragraph.end)
    const indent = indentOf(own[1])
    const first = indentOf(own[0])
    const gap = own.some((line) => /[.!?]  \S/.test(line)) ? '  ' : ' '
    const words = own.map((line) => line.trim()).join(' ').split(/\s+/)
    const stop = words.findIndex((word, index) => /[.!?]$/.test(word) && index < words.length - 1)
    const sentence = 'The archive benchmark added this sentence, which re-wraps what follows it.'.split(' ')
    const joined = stop < 0 ? [...words, ...sentence] : [...words.slice(0, stop + 1), ...sentence, ...words.slice(stop + 1)]
    const width = Math.max(...own.map((line) => line.length))
    edit('paragraph', [...lines.slice(0, paragraph.start), ...wrap(joined, first, indent, width, gap), ...lines.slice(paragraph.end)])
  }

  // An indented block (a list item, a field, a table, a note) is copied after itself with one word changed.
  const indented = blocks.filter((block) => block.end - block.start >= 2 && lines.slice(block.start, block.end).some((line) => /^[ \t]+\S/.test(line)) && !lines.slice(block.start, block.end).some(isC))
  const chosen = indented[Math.floor(indented.length / 3)]
  if (chosen) {
    const copy = lines.slice(chosen.start, chosen.end)
    const at = copy.findIndex((line) => /\b[a-z]{5,}\b/.test(line))
    // Shifted letters keep the word's length, so aligned text stays aligned.
    if (at >= 0) copy[at] = copy[at].replace(/\b[a-z]{5,}\b/, (word) => [...word].map((char) => String.fromCharCode(((char.charCodeAt(0) - 97 + 1) % 26) + 97)).join(''))
    edit('block', [...lines.slice(0, chosen.end), '', ...copy, ...lines.slice(chosen.end)])
  }

  // A literal block of C (all of it, to where the text comes back out) is
  // copied with its first function renamed, to a name of the same length so
  // that aligned continuation lines stay aligned.
  const intro = lines.findIndex((line, index) => line.trimEnd().endsWith('::') && !line.trimStart().startsWith('..') && lines[index + 1]?.trim() === '' && isC(literalOf(lines, index).join('\n')))
  if (intro >= 0) {
    const literal = literalOf(lines, intro)
    const end = intro + 2 + literal.length
    const copy = literal.map((line) => line.replace(/\b([a-z])([a-z0-9_]*)\(/, (_, first: string, rest: string) => `${first.toUpperCase()}${rest}(`))
    edit('code', [...lines.slice(0, end), '', ...copy, ...lines.slice(end)])
  }
  return cases
}

/** The lines of the literal block a `::` line opens, without the blank lines at its end. */
function literalOf(lines: readonly string[], intro: number): string[] {
  const column = indentOf(lines[intro]).length
  let end = intro + 2
  while (end < lines.length && (lines[end].trim() === '' || indentOf(lines[end]).length > column)) end++
  while (end > intro + 2 && lines[end - 1].trim() === '') end--
  return lines.slice(intro + 2, end)
}

/** Words filled into lines no wider than `width` (the first and the others indented as given), `gap` after a sentence. */
function wrap(words: readonly string[], first: string, indent: string, width: number, gap: string): string[] {
  const out: string[] = []
  let line = first
  for (const word of words) {
    const previous = line.trimEnd()
    const space = line.trim() === '' ? '' : /[.!?]$/.test(previous) && /^[A-Z]/.test(word) ? gap : ' '
    if (line.trim() !== '' && (line + space + word).length > width) {
      out.push(line)
      line = indent + word
    } else line += space + word
  }
  out.push(line)
  return out
}
