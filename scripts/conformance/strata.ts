/**
 * Strata's parser, loaded for the harness. The import is dynamic so that a
 * missing or broken parser is one clear error per run, not a crash on load or
 * a type error in a harness that only reads trees loosely.
 */
import { VFile } from 'vfile'
import { mdastLinks } from './mdast-links.ts'
import { mdastOutline, type AnyNode } from './mdast-outline.ts'
import { fold, type FileOutline, type OutlineMessage } from './outline.ts'

/** Parse reST text into an mdast root. */
export type ParseRst = (text: string, file: VFile) => AnyNode

/** Entry of the parser package. */
const parserEntry = new URL('../../plugins/rst-parse/index.ts', import.meta.url).href

/**
 * Load `fromRst` from `plugins/rst-parse`.
 *
 * @returns
 *   The parse function, or an error message saying why there is none.
 */
export async function loadParser(): Promise<{ parse: ParseRst } | { error: string }> {
  try {
    const module = (await import(parserEntry)) as { fromRst?: unknown }
    if (typeof module.fromRst !== 'function') return { error: 'plugins/rst-parse/index.ts exports no `fromRst`' }
    const fromRst = module.fromRst as (text: string, file?: VFile) => unknown
    return { parse: (text, file) => fromRst(text, file) as AnyNode }
  } catch (error) {
    return { error: `cannot load plugins/rst-parse: ${(error as Error).message}` }
  }
}

/**
 * Strata's outline of one document; a throw (which the contract forbids) is
 * recorded as the file's error.
 *
 * @param parse
 *   Parser.
 * @param text
 *   reST source.
 * @param path
 *   Path to record.
 * @returns
 *   The outline.
 */
export function strataOutline(parse: ParseRst, text: string, path: string): FileOutline {
  try {
    const file = new VFile({ path, value: text })
    const tree = parse(text, file)
    return { ...mdastOutline(tree, path), links: mdastLinks(tree), messages: file.messages.map(messageOf) }
  } catch (error) {
    return { path, blocks: [], error: `parser threw: ${(error as Error).stack ?? error}` }
  }
}

/**
 * A vfile message as the harness compares it: the lines it covers.
 *
 * @param message
 *   Message from the parse.
 * @returns
 *   Lines, text and rule.
 */
function messageOf(message: VFile['messages'][number]): OutlineMessage {
  const place = message.place
  const start = place && 'start' in place ? place.start.line : (place?.line ?? message.line ?? 0)
  const end = place && 'end' in place ? place.end.line : start
  const lines: number[] = []
  for (let line = start; line <= end && line > 0; line++) lines.push(line)
  return { lines, text: fold(message.reason), rule: message.ruleId ?? undefined }
}
