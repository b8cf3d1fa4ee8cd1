import type { ResolvedLine } from '../locate.ts'
import { foldWhitespace } from '../text.ts'
import { guessIndent } from './indent.ts'
import { respace, type SourceText } from './spacing.ts'
import { realignGridRow } from './table.ts'
import { render, weaker, type Inference, type Template } from './types.ts'

/** An added line rebuilt from a mangled patch: its text with open choices, and how it was inferred. */
export interface RebuiltLine {
  template: Template
  eol: string
  inference: Inference
}

/**
 * Rebuild a run of consecutive added lines of a mangled hunk: indentation from
 * the structure around them, spacing from the base text they re-wrap, grid
 * rows padded to their table's columns.
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
  const before = previous
  return added.map((line, index) => {
    const content = contents[index]
    const guess = guessIndent(before, following, content, /^\s/.test(line.text))
    const indent = guess.indent.options.length === 1 ? guess.indent.options[0] : guess.indent
    const row = realignGridRow(content, before)
    const literal = guess.indent.rule.startsWith('literal block')
    const spacing = row
      ? { rule: 'grid-table cell padded to its border', confidence: 'medium' as const }
      : literal
        ? { rule: 'literal text: inner spacing cannot be recovered', confidence: 'low' as const }
        : { rule: spaced[index].rule, confidence: spaced[index].confidence }
    const template: Template = [indent, ...(row ? [row] : spaced[index].template)]
    before.push(render(template))
    return {
      template,
      eol: line.noNewline ? '' : eol,
      inference: {
        indent: { rule: guess.indent.rule, confidence: guess.confidence },
        spacing,
        confidence: weaker(guess.confidence, spacing.confidence),
      },
    }
  })
}
