import { isMaskedWord } from '../match.ts'
import type { Line } from '../text.ts'
import { markerOf } from './structure.ts'
import type { Alternatives, Confidence, Template } from './types.ts'

/** A word of the base with what follows it: its in-line gap, or `\n` at a line end. */
interface Token {
  word: string
  gap: string
  line: number
}

/**
 * The base's words, indexed so that an added line's words can be found where
 * they stood before a re-wrap. Built once per file.
 */
export interface SourceText {
  tokens: Token[]
  at: Map<string, number[]>
  /** Lines the patch keeps, for the document's own spacing conventions. */
  surviving: ReadonlySet<number>
  lines: readonly Line[]
}

export function indexSource(lines: readonly Line[], surviving: ReadonlySet<number>): SourceText {
  const tokens: Token[] = []
  const at = new Map<string, number[]>()
  lines.forEach((line, index) => {
    const parts = line.text.trim().split(/([ \t]+)/)
    for (let part = 0; part < parts.length; part += 2) {
      if (parts[part] === '') continue
      const word = parts[part]
      // Appended in place: copying the list for each occurrence cost the square of a word's count.
      const positions = at.get(word)
      if (positions) positions.push(tokens.length)
      else at.set(word, [tokens.length])
      tokens.push({ word, gap: parts[part + 1] ?? '\n', line: index })
    }
  })
  return { tokens, at, surviving, lines }
}

/** Runs shorter than this are coincidence (`* kmap(). This`), not a re-wrap. */
const minimumRun = 4

/**
 * The most places of one word a gap looks at, in document order. A word that
 * stands thousands of times (a generated or hostile base) would otherwise
 * make every added word scan all of them: quadratic. Prose words rarely
 * stand this often, so a real re-wrap is still found.
 */
const maximumCandidates = 512

/**
 * How far a shared run is followed each way from a gap. A paragraph repeated
 * thousands of times would otherwise make every gap follow its whole run at
 * every place; past this many words, one re-wrap is as good as another.
 */
const longestRun = 64

/** The first `maximumCandidates` places of a word in the base. */
const placesOf = (source: SourceText, word: string | undefined) => (source.at.get(word ?? '') ?? []).slice(0, maximumCandidates)

const sentenceEnd = /[.!?]["')\]]*$/
const sentenceStart = /^["'(\[]*[A-Z0-9]/

/**
 * Longest run of words shared by the added words and the base that covers the
 * gap after `index`, with the base's gap there.
 */
function bestRun(words: readonly string[], index: number, source: SourceText): { length: number; gap: string } | undefined {
  let best: { length: number; gap: string } | undefined
  for (const position of placesOf(source, words[index])) {
    const { tokens } = source
    if (tokens[position + 1]?.word !== words[index + 1]) continue
    let back = 0
    while (back < longestRun && index - back - 1 >= 0 && tokens[position - back - 1]?.word === words[index - back - 1]) back++
    let ahead = 1
    while (ahead < longestRun && index + ahead + 1 < words.length && tokens[position + ahead + 1]?.word === words[index + ahead + 1]) ahead++
    const length = back + ahead + 1
    if (!best || length > best.length) best = { length, gap: tokens[position].gap }
    // No place can share a longer run than the cap allows.
    if (length === 2 * longestRun + 1) break
  }
  return best
}

/** Whether a run of at least `minimumRun` words starts at (or ends at) `index`. */
function runAt(words: readonly string[], index: number, source: SourceText, direction: 1 | -1): boolean {
  for (const position of placesOf(source, words[index])) {
    let length = 1
    while (
      length < minimumRun &&
      words[index + direction * length] !== undefined &&
      source.tokens[position + direction * length]?.word === words[index + direction * length]
    ) length++
    if (length >= minimumRun) return true
  }
  return false
}

export interface SpacedLine {
  template: Template
  rule: string
  confidence: Confidence
}

/**
 * Rebuild the spacing inside an added block's lines. Where the words re-wrap
 * words of the base (a paragraph moved under a new heading), each gap takes
 * the base's spacing, so two spaces after a full stop stay two; elsewhere one
 * space, and a gap after a sentence end is reported as unsure.
 *
 * @param block
 *   The block's lines, each as its words (whitespace folded away).
 */
export function respace(block: readonly string[][], source: SourceText): SpacedLine[] {
  const words = block.flat()
  let offset = 0
  return block.map((line) => {
    const template: Template = []
    let confidence: Confidence = 'high'
    const rules = new Set<string>()
    line.forEach((word, position) => {
      const index = offset + position
      template.push(unmask(word, source, rules))
      if (position === line.length - 1) return
      const gap = gapAfter(words, index, line, position, source)
      rules.add(gap.rule)
      if (gap.confidence !== 'high') confidence = gap.confidence
      template.push(gap.options.length === 1 ? gap.options[0] : { options: gap.options, rule: gap.rule })
    })
    offset += line.length
    return { template, rule: [...rules].join('; ') || 'single word', confidence }
  })
}

function gapAfter(
  words: readonly string[],
  index: number,
  line: readonly string[],
  position: number,
  source: SourceText,
): Alternatives & { confidence: Confidence } {
  const run = bestRun(words, index, source)
  const atSentence = sentenceEnd.test(words[index]) && sentenceStart.test(words[index + 1])
  if (run && run.length >= minimumRun) {
    if (run.gap !== '\n') return { options: [run.gap], rule: 're-wraps base text', confidence: 'high' }
    if (!atSentence) return { options: [' '], rule: 're-wraps base text', confidence: 'high' }
  }
  if (!atSentence) return { options: [' '], rule: 'one space', confidence: 'high' }
  const bordersOldText = runAt(words, index + 1, source, 1) || runAt(words, index, source, -1)
  if (bordersOldText || (run && run.length >= minimumRun)) {
    // The first sentence of a list item's lead line follows its sibling items.
    const leadsItem = markerOf(line.join(' ')) !== null && position === firstSentenceGap(line)
    const convention = sentenceConvention(source, leadsItem ? line : undefined)
    return {
      options: convention === '  ' ? ['  ', ' '] : [' ', '  '],
      rule: 'sentence gap in re-wrapped text: the document\'s convention',
      confidence: 'medium',
    }
  }
  return { options: [' ', '  '], rule: 'sentence gap in new text: one space', confidence: 'medium' }
}

/** Index, within its line, of the word before the first sentence gap. */
function firstSentenceGap(line: readonly string[]): number {
  for (let index = 0; index + 1 < line.length; index++) {
    if (sentenceEnd.test(line[index]) && sentenceStart.test(line[index + 1])) return index
  }
  return -1
}

const sentenceGap = /[.!?]["')\]]*( +)["'(\[]*[A-Z0-9]/g

/**
 * The spacing the document itself puts after a full stop: in the lead lines of
 * sibling list items when the line leads an item, else across its surviving text.
 * A tie gives one space.
 */
function sentenceConvention(source: SourceText, leadLine: readonly string[] | undefined): string {
  const marker = leadLine ? markerOf(leadLine.join(' ')) : null
  let single = 0
  let double = 0
  for (const index of source.surviving) {
    const text = source.lines[index].text.trim()
    if (marker && markerOf(text)?.kind !== marker.kind) continue
    const gaps = [...text.matchAll(sentenceGap)].map((match) => match[1])
    for (const gap of marker ? gaps.slice(0, 1) : gaps) gap.length >= 2 ? double++ : single++
  }
  if (marker && single + double === 0) return sentenceConvention(source, undefined)
  return double > single ? '  ' : ' '
}

/** A masked address takes back its domain when the base spells out exactly one that fits. */
function unmask(word: string, source: SourceText, rules: Set<string>): string {
  if (!isMaskedWord(word)) return word
  const at = word.indexOf('@')
  const domainLength = /^x+/.exec(word.slice(at + 1))![0].length
  const local = word.slice(0, at + 1)
  const matches = new Set<string>()
  for (const token of source.tokens) {
    if (!token.word.startsWith(local) && !token.word.includes(local)) continue
    const found = token.word.slice(token.word.indexOf(local))
    const domain = found.slice(local.length, local.length + domainLength)
    if (domain.length === domainLength && !/\s/.test(domain)) matches.add(local + domain + word.slice(at + 1 + domainLength))
  }
  if (matches.size === 1) {
    rules.add('masked address restored from the base')
    return [...matches][0]
  }
  rules.add('masked address kept as the archive shows it')
  return word
}
