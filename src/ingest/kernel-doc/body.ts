/**
 * The inside of one kernel-doc comment: the name line, the `@param:`
 * descriptions, the titled sections and the free text, following the states
 * of `scripts/kernel-doc` (name, short description that may run on, body,
 * body after a blank line).
 */
import type { VFile } from 'vfile'
import type { KernelDocSection } from '../../schema/kernel-doc.ts'
import type { CommentLine } from './comment.ts'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'
import { warn, type Place } from './report.ts'

const { rules } = diagnosticRules.kernelDoc

/** What the name line says; `function` also stands for macros and typedefs until the declaration is read. */
export interface NameLine extends Place {
  kind: 'doc' | 'function' | 'struct' | 'union' | 'enum' | 'typedef'
  name: string
  summary: string
}

/** A documented parameter, with where its `@` is. */
export interface ParsedParam extends Place {
  name: string
  description: string
}

export interface ParsedComment {
  head: NameLine
  params: ParsedParam[]
  returns?: string
  context?: string
  sections: KernelDocSection[]
  description: string
}

const docLine = /^DOC:\s*(.*)$/
const typeLine = /^(struct|union|enum|typedef)\s+(\w+)\s*(?:\(\s*\))?\s*(?:(?:-+|:)\s*(.*))?$/
const functionLine = /^(?:define\s+)?(?:\w+\s*\*\s*)?(\w+)\s*(?:\(\s*\w*\s*\))?\s*(?:(?:-+|:)\s*(.*))?$/
/** `scripts/kernel-doc` allows spaces before `@name:` and its own titles (`\s*\*\s*` prefix). */
const paramLine = /^(\s*)@(\.\.\.|\w[\w.]*(?:\.\.\.)?)\s*:(.*)$/
/** `scripts/kernel-doc` knows these titles in any case; Strata also takes any other capitalised word, unindented. */
const knownTitle = /^(\s*)(description|context|returns?|notes?|examples?)\s*:(?!:)(.*)$/i
const otherTitle = /^()([A-Z][A-Za-z]*):(?!:)(?:\s+(.*))?$/

type Block =
  | { type: 'description' }
  | ({ type: 'param'; name: string } & Place)
  | ({ type: 'section'; title: string } & Place)

/**
 * Read a kernel-doc comment.
 *
 * @param lines
 *   The comment's content lines.
 * @param file
 *   The C file, for warnings.
 * @returns
 *   The parsed comment, or `undefined` (with a warning) when it names nothing.
 */
export function parseComment(lines: readonly CommentLine[], file: VFile): ParsedComment | undefined {
  const first = lines.findIndex((line) => line.text.trim() !== '')
  if (first === -1) {
    warn(file, 'Empty kernel-doc comment: `/**` with no name line', place(lines[0]), rules.noName)
    return undefined
  }
  const head = readNameLine(lines[first], file)
  if (!head) return undefined
  const rest = lines.slice(first + 1)
  if (head.kind === 'doc') {
    return { head, params: [], sections: [], description: trimBlankLines(rest.map((line) => line.text)).join('\n') }
  }
  return { head, ...readBody(rest, file, true, head) }
}

/**
 * Read a comment inside a struct, union or enum body (`/** @member: … *\/`),
 * which documents members and has no name line.
 *
 * @param lines
 *   The comment's content lines.
 * @param file
 *   The C file, for warnings.
 * @returns
 *   The members it documents.
 */
export function parseMemberComment(lines: readonly CommentLine[], file: VFile): ParsedParam[] {
  return readBody(lines, file, false, undefined).params
}

/**
 * Parse the name line: `DOC: Title`, `struct name - summary`, `name() - summary`.
 *
 * @param line
 *   The first non-blank content line.
 * @param file
 *   For warnings.
 * @returns
 *   The name line, or `undefined` with a warning.
 */
function readNameLine(line: CommentLine, file: VFile): NameLine | undefined {
  const text = line.text.trim()
  const at = place(line)
  const doc = docLine.exec(text)
  if (doc) {
    if (doc[1].trim() === '') warn(file, '`DOC:` block without a title: write `DOC: Title`', at, rules.noName)
    return { kind: 'doc', name: doc[1].trim(), summary: '', ...at }
  }
  const type = typeLine.exec(text)
  const fn = type ? undefined : functionLine.exec(text)
  if (!type && !fn) {
    warn(
      file,
      `Comment starts with \`/**\` but \`${text}\` names nothing: expected \`name - description\`, \`struct name - description\` or \`DOC: Title\``,
      at,
      rules.noName,
    )
    return undefined
  }
  const [kind, name, summary] = type
    ? [type[1] as NameLine['kind'], type[2], type[3] ?? '']
    : (['function', fn![1], fn![2] ?? ''] as const)
  if (summary.trim() === '') {
    warn(file, `Missing short description for \`${name}\`: write \`${name} - what it does\``, at, rules.noSummary)
  }
  return { kind, name, summary: summary.trim(), ...at }
}

/**
 * The body state machine.
 *
 * A blank line ends `Context:` at once; after a blank line inside a parameter
 * or another section, a line indented by at most the one prefix space starts
 * free text again, while a deeper indented line continues the section (this
 * is how `scripts/kernel-doc` lets an `Example:` hold a literal block).
 *
 * @param lines
 *   Content lines after the name line.
 * @param file
 *   For warnings.
 * @param summaryFirst
 *   Whether lines before the first blank line continue the short description.
 * @param head
 *   The name line, whose summary such lines extend.
 * @returns
 *   Params, sections and description.
 */
function readBody(lines: readonly CommentLine[], file: VFile, summaryFirst: boolean, head: NameLine | undefined) {
  const result: Omit<ParsedComment, 'head'> = { params: [], sections: [], description: '' }
  const fragments: string[] = []
  let block: Block | undefined = summaryFirst ? undefined : { type: 'description' }
  let buffer: string[] = []
  let afterBlank = false

  const flush = () => {
    if (!block) return
    if (block.type === 'description') fragments.push(trimBlankLines(buffer).join('\n'))
    else if (block.type === 'param') {
      const description = joinSection(buffer)
      const name = block.name
      const twin = result.params.find((param) => param.name === name)
      if (twin) {
        warn(file, `Parameter \`@${twin.name}\` is described twice`, place(block), rules.duplicate)
        twin.description = [twin.description, description].filter(Boolean).join('\n\n')
      } else result.params.push({ name: block.name, description, line: block.line, column: block.column })
    } else addSection(result, fragments, block, joinSection(buffer), file)
    buffer = []
  }

  for (const line of lines) {
    const text = line.text
    const param = paramLine.exec(text)
    const title = param ? undefined : (knownTitle.exec(text) ?? otherTitle.exec(text))
    if (param || title) {
      flush()
      const match = (param ?? title)!
      const at = { line: line.line, column: line.column + match[1].length }
      block = param ? { type: 'param', name: param[2], ...at } : { type: 'section', title: title![2], ...at }
      buffer = [(match[3] ?? '').trim()]
      afterBlank = false
    } else if (text.trim() === '') {
      if (!block) block = { type: 'description' }
      else if (block.type === 'section' && block.title.toLowerCase() === 'context') {
        flush()
        block = { type: 'description' }
      } else {
        if (block.type !== 'description') afterBlank = true
        buffer.push('')
      }
    } else if (!block) {
      if (head) head.summary = `${head.summary} ${text.trim()}`.trim()
    } else {
      if (afterBlank && block.type !== 'description' && !/^\s/.test(text)) {
        flush()
        block = { type: 'description' }
      }
      afterBlank = false
      buffer.push(text)
    }
  }
  flush()
  result.description = fragments.filter(Boolean).join('\n\n')
  return result
}

/**
 * File a finished titled section where it belongs.
 *
 * @param result
 *   The comment being built.
 * @param fragments
 *   Free-text fragments (an explicit `Description:` joins them).
 * @param block
 *   The section's title and place.
 * @param body
 *   Its text.
 * @param file
 *   For the duplicate warning.
 */
function addSection(
  result: Omit<ParsedComment, 'head'>,
  fragments: string[],
  block: { title: string } & Place,
  body: string,
  file: VFile,
): void {
  const key = block.title.toLowerCase()
  const field = key === 'return' || key === 'returns' ? 'returns' : key === 'context' ? 'context' : undefined
  if (key === 'description') fragments.push(body)
  else if (field) {
    if (result[field] !== undefined) {
      warn(file, `Section \`${block.title}:\` appears twice`, block, rules.duplicate)
      result[field] = [result[field], body].filter(Boolean).join('\n\n')
    } else result[field] = body
  } else result.sections.push({ title: block.title, body })
}

/**
 * The text of a parameter or section: the rest of its first line, then the
 * continuation lines with their common indentation removed.
 *
 * @param buffer
 *   First-line text, then continuation lines.
 * @returns
 *   The text, blank lines at either end dropped.
 */
function joinSection(buffer: readonly string[]): string {
  const rest = buffer.slice(1)
  const indents = rest.filter((line) => line.trim() !== '').map((line) => /^\s*/.exec(line)![0].length)
  const cut = indents.length > 0 ? Math.min(...indents) : 0
  const lines = [buffer[0] ?? '', ...rest.map((line) => line.slice(cut))]
  return trimBlankLines(buffer[0] ? lines : lines.slice(1)).join('\n')
}

/**
 * @param lines
 *   Text lines.
 * @returns
 *   The lines without blank lines at the start and end.
 */
function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0
  let end = lines.length
  while (start < end && lines[start].trim() === '') start++
  while (end > start && lines[end - 1].trim() === '') end--
  return lines.slice(start, end)
}

/**
 * @param line
 *   A content line or a block (anything with line and column), possibly absent.
 * @returns
 *   Its place.
 */
function place(line: Place): Place
function place(line: Place | undefined): Place | undefined
function place(line: Place | undefined): Place | undefined {
  return line ? { line: line.line, column: line.column } : undefined
}
