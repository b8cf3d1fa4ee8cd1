import type { ResolvedLine } from '../locate.ts'
import { columnWidth, foldWhitespace } from '../text.ts'
import { codeIndent, literalBlockAt, literalHabit, looksLikeC, type CodeStyle } from './code.ts'
import { guessIndent, type IndentGuess } from './indent.ts'
import { respace, type SourceText } from './spacing.ts'
import { markerOf, shapeOf, whitespaceFor } from './structure.ts'
import { realignGridRow } from './table.ts'
import { render, weaker, type Alternatives, type Confidence, type Inference, type Template } from './types.ts'

/** An added line rebuilt from a mangled patch: its text with open choices, and how it was inferred. */
export interface RebuiltLine {
  template: Template
  eol: string
  inference: Inference
}

/** Per base document: how its literal blocks open, and whether it indents with tabs at all. */
interface DocumentHabits {
  literal: string
  tabs: boolean
  /** How a definition (a line indented under an unindented one) is indented. */
  definition: string
}

const habitsOf = new WeakMap<SourceText, DocumentHabits>()

function habits(source: SourceText): DocumentHabits {
  let found = habitsOf.get(source)
  if (!found) {
    const texts = source.lines.map((line) => line.text)
    found = { literal: literalHabit(texts), tabs: texts.some((text) => text.startsWith('\t')), definition: definitionHabit(texts) }
    habitsOf.set(source, found)
  }
  return found
}

/**
 * Rebuild a run of consecutive added lines of a mangled hunk: indentation from
 * the structure around them (C code in a literal block by brace depth, as the
 * kernel's style has it), spacing from the base text they re-wrap, grid rows
 * padded to their table's columns. Where the rules leave a choice, it stays
 * open for the blob search.
 *
 * @param added
 *   The run, as the archive shows it (op removed: ` This function…`).
 * @param previous
 *   The new document's lines before the run; the run's rebuilt lines are
 *   appended to it as they are made (the caller's copy of the document so
 *   far, not copied here: one copy per run made many hunks quadratic).
 * @param following
 *   The base lines after the run.
 * @param source
 *   The base's words, for re-wrapped text.
 * @param eol
 *   The line ending to give the lines.
 */
export function rebuildBlock(
  added: readonly ResolvedLine[],
  previous: string[],
  following: readonly string[],
  source: SourceText,
  eol: string,
): RebuiltLine[] {
  const contents = added.map((line) => foldWhitespace(line.text))
  const spaced = respace(
    contents.map((content) => (content === '' ? [] : content.split(' '))),
    source,
  )
  // The caller's text so far, appended to as lines are rebuilt: copying it per block made a patch of many hunks quadratic.
  const before = previous
  const rebuilt: RebuiltLine[] = []
  // C lines of one literal block share one choice of style.
  let code: { intro: string; root: Alternatives; styles: CodeStyle[] } | undefined
  for (const [index, line] of added.entries()) {
    const content = contents[index]
    const indented = /^\s/.test(line.text)
    const literal = indented && content !== '' ? literalBlockAt(before) : undefined
    let indent: Array<string | Alternatives>
    let guess: { rule: string; confidence: Confidence }
    if (literal && (looksLikeC(content) || literal.lines.some(looksLikeC))) {
      const shared = code?.intro === literal.intro ? code : undefined
      const result = codeIndent(literal, content, following, habits(source).literal, shared?.styles)
      const alternatives = shared ? { ...result.indent, follows: shared.root } : result.indent
      if (!shared) code = { intro: literal.intro, root: alternatives, styles: result.styles }
      indent = [single(alternatives)]
      guess = { rule: result.indent.rule, confidence: result.confidence }
    } else {
      const structural = underUnindented(guessIndent(before, following, content, indented), indented, habits(source).definition)
      indent = [withTabVariants(followAbove(structural, rebuilt.at(-1)) ?? single(structural.indent), habits(source).tabs)]
      guess = { rule: structural.indent.rule, confidence: structural.confidence }
    }
    const row = realignGridRow(content, before, rowTemplate(lastRow(rebuilt)))
    const spacing = row
      ? { rule: 'grid-table cell padded to its border', confidence: 'medium' as const }
      : literal || guess.rule.startsWith('literal block')
        ? { rule: 'literal text: inner spacing cannot be recovered', confidence: 'low' as const }
        : { rule: spaced[index].rule, confidence: spaced[index].confidence }
    const template: Template = [...indent, ...(row ? row : markerGap(spaced[index].template, content, before, habits(source).tabs))]
    before.push(render(template))
    rebuilt.push({
      template,
      eol: line.noNewline ? '' : eol,
      inference: {
        indent: guess,
        spacing,
        confidence: weaker(guess.confidence, spacing.confidence),
      },
    })
  }
  return rebuilt
}

/**
 * The archive kept a space before the line, so it was indented, yet the line
 * above it is not: it is a definition (or a quote) under that line, indented
 * as the document indents definitions, or another common way.
 */
function underUnindented(guess: IndentGuess, indented: boolean, definition: string): IndentGuess {
  if (!indented || guess.indent.options.length !== 1 || guess.indent.options[0] !== '') return guess
  const options = [...new Set([definition, '  ', '    ', '\t', '   ', ' '.repeat(8)])]
  return { indent: { options, rule: 'indented under an unindented line: a definition, as the document indents them' }, confidence: 'low' }
}

/** The most common indentation of a line right under an unindented one (ties: the first seen); two spaces when none. */
function definitionHabit(texts: readonly string[]): string {
  const counts = new Map<string, number>()
  for (let index = 1; index < texts.length; index++) {
    const above = texts[index - 1]
    const ws = /^[ \t]+/.exec(texts[index])?.[0]
    if (!ws || texts[index].trim() === '' || above.trim() === '' || /^[ \t]/.test(above)) continue
    counts.set(ws, (counts.get(ws) ?? 0) + 1)
  }
  let best = '  '
  let most = 0
  for (const [ws, count] of counts) {
    if (count > most) [best, most] = [ws, count]
  }
  return best
}

/** The last rebuilt grid-table row, when only border lines follow it. */
function lastRow(rebuilt: readonly RebuiltLine[]): RebuiltLine | undefined {
  for (let index = rebuilt.length - 1; index >= 0; index--) {
    const line = rebuilt[index]
    if (line.inference.spacing.rule === 'grid-table cell padded to its border') return line
    if (!/^[ \t]*\+[-=+]+\+$/.test(render(line.template))) return undefined
  }
  return undefined
}

/** The row part of a rebuilt grid-table row's template (after its indentation), if the line is one. */
function rowTemplate(line: RebuiltLine | undefined): Template | undefined {
  if (!line || line.inference.spacing.rule !== 'grid-table cell padded to its border') return undefined
  const start = line.template.indexOf('|')
  return start < 0 ? undefined : line.template.slice(start)
}

const single = (indent: Alternatives): string | Alternatives => (indent.options.length === 1 ? indent.options[0] : indent)

/**
 * A line that continues the rebuilt line above is indented as that one is,
 * whichever of its options the search takes: its choice follows the other's.
 */
function followAbove(guess: IndentGuess, above: RebuiltLine | undefined): Alternatives | undefined {
  const head = above?.template[0]
  if (guess.indent.rule !== 'continues the line above' || head === undefined || typeof head === 'string') return undefined
  const delta = columnWidth(guess.indent.options[0]) - columnWidth(head.options[0])
  if (delta < 0) return undefined
  // Spelled as the line above is: with tabs as far as they go when it uses them.
  const spell = (option: string) => {
    const column = columnWidth(option) + delta
    return option.includes('\t') ? '\t'.repeat(Math.floor(column / 8)) + ' '.repeat(column % 8) : whitespaceFor(column, option)
  }
  return { options: head.options.map(spell), rule: guess.indent.rule, follows: head }
}

/**
 * In a document that indents with tabs somewhere, an indentation of eight
 * columns or more may have been tabs or spaces: both stay open.
 */
function withTabVariants(indent: string | Alternatives, tabs: boolean): string | Alternatives {
  if (!tabs) return indent
  if (typeof indent !== 'string') {
    if (indent.follows) return indent
    const options = [...new Set([...indent.options, ...indent.options.flatMap(otherSpellings)])]
    return options.length === indent.options.length ? indent : { ...indent, options }
  }
  const options = [...new Set([indent, ...otherSpellings(indent)])]
  return options.length === 1 ? indent : { options, rule: 'tabs or spaces: the document uses both' }
}

/** The same indentation spelled with as many tabs as fit (kernel style), and with spaces only: from eight columns on. */
function otherSpellings(indent: string): string[] {
  const column = columnWidth(indent)
  if (column < 8 || indent.trim() !== '') return []
  return ['\t'.repeat(Math.floor(column / 8)) + ' '.repeat(column % 8), ' '.repeat(column)].filter((spelling) => spelling !== indent)
}

/**
 * The gap after a list marker (`0.\tIs RCU…`) folds to one space in an
 * archive; in a document that uses tabs it may have been one, as its sibling
 * items show.
 */
function markerGap(spaced: Template, content: string, before: readonly string[], tabs: boolean): Template {
  const marker = markerOf(content)
  if (!marker || !tabs || spaced.length < 3 || spaced[1] !== ' ') return spaced
  let sibling: string | undefined
  for (let index = before.length - 1; index >= 0 && sibling === undefined; index--) if (shapeOf(before[index]).marker === marker.kind) sibling = before[index]
  const tabbed = sibling !== undefined && /^[ \t]*\S+\t/.test(sibling)
  return [spaced[0], { options: tabbed ? ['\t', ' '] : [' ', '\t'], rule: 'gap after a list marker, as its sibling items have it' }, ...spaced.slice(2)]
}
