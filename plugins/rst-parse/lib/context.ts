/**
 * The state of one parse: the source, the file to report on, section styles
 * seen so far, and the registries. It is created per call of `fromRst`, so
 * two documents parsed side by side never share anything (STYLE.md: state
 * belongs to one run).
 */
import type { Node, Point, Position } from 'unist'
import type { PhrasingContent } from 'mdast'
import type { VFile } from 'vfile'
import { pointAt, type Ln, type Source } from './lines.ts'
import { diagnosticRules, type RuleIdOf } from '../../../src/schema/diagnostic-rules.ts'
import type { RstBlockContent } from './types.ts'
import type { DirectiveSpec } from './directives.ts'
import type { RoleSpec } from './roles.ts'

const { rules, source: messageSource } = diagnosticRules.rst
type RuleId = RuleIdOf<'rst'>

/** Options of the parser. */
export interface Options {
  /**
   * Extra directives (kernel-specific ones, say), merged over the built-in
   * registry (default: none).
   */
  directives?: Readonly<Record<string, DirectiveSpec>> | null
  /** Extra roles, merged over the built-in registry (default: none). */
  roles?: Readonly<Record<string, RoleSpec>> | null
  /**
   * `include` directives are resolved only when this is set and the included
   * path resolves inside it (default: unset, every include is a warning).
   */
  includeRoot?: string | null
  /**
   * Read an included file (absolute path); return `undefined` when it cannot
   * be read. Needed with `includeRoot`; kept an option so the parser does no
   * I/O of its own.
   */
  readFile?: ((path: string) => string | undefined) | null
  /** Let `raw` directives and roles through as `html` nodes (default: false). */
  allowRaw?: boolean | null
  /** Nesting depth past which content is kept as a literal block (default: 64). */
  maxDepth?: number | null
  /**
   * Tags `.. only::` expressions are evaluated against (default: an HTML
   * build's, `html`, `format_html`, `builder_html`, as Sphinx sets them).
   */
  onlyTags?: readonly string[] | null
}

/** Messages of one rule past this count are dropped (one notice says so). */
const maxMessagesPerRule = 50

/** The per-parse state. */
export interface Context {
  source: Source
  file?: VFile
  options: Options
  directives: Record<string, DirectiveSpec>
  roles: Record<string, RoleSpec>
  /** Section adornment styles, in order of first appearance (`=o` over+under, `-u` under only). */
  styles: string[]
  /** Current section level (0 before the first title). */
  level: number
  /** Nesting depth of body parsing. */
  depth: number
  /** Count of messages per rule, to cap floods. */
  counts: Map<string, number>
  /** The role of `` `text` `` set by `default-role` (default: `title-reference`). */
  defaultRole?: string
  /** Section ids already handed out, with the next suffix to try for each. */
  ids: Map<string, number>
  /** Parse lines as body elements (set by blocks.ts; avoids import cycles). */
  parseBody: (lines: Ln[], options?: { sections?: boolean }) => RstBlockContent[]
  /** Parse text spread over lines as inline markup. */
  parseInline: (lines: Ln[]) => PhrasingContent[]
}

/**
 * Report a problem at a place.
 *
 * @param ctx
 *   Context.
 * @param reason
 *   What is wrong (markdown: the bad value in backticks).
 * @param place
 *   Where.
 * @param ruleId
 *   Rule id.
 */
export function warn(ctx: Context, reason: string, place: Position | Point, ruleId: RuleId): void {
  if (!ctx.file) return
  const count = (ctx.counts.get(ruleId) ?? 0) + 1
  ctx.counts.set(ruleId, count)
  if (count > maxMessagesPerRule) {
    if (count === maxMessagesPerRule + 1) {
      ctx.file.message(`More \`${ruleId}\` problems; not reported`, {
        place,
        ruleId: rules.tooManyMessages,
        source: messageSource,
      })
    }
    return
  }
  ctx.file.message(reason, { place, ruleId, source: messageSource })
}

/** Start point of a line view at a column of its text. */
export function point(ctx: Context, ln: Ln, column = 0): Point {
  return pointAt(ctx.source, ln.l, ln.c + column)
}

/**
 * Position from the start of one line to the end of the text of another.
 *
 * @param ctx
 *   Context.
 * @param first
 *   First line.
 * @param last
 *   Last line (its whole text is included).
 * @param startColumn
 *   Column in `first.t` where the node starts.
 * @returns
 *   Position.
 */
export function span(ctx: Context, first: Ln, last: Ln, startColumn = 0): Position {
  return { start: point(ctx, first, startColumn), end: point(ctx, last, last.t.length) }
}

/** Position covering a list of lines (the last non-blank one ends it). */
export function spanLines(ctx: Context, lines: Ln[], fallback: Ln): Position {
  let last = lines.length - 1
  while (last > 0 && lines[last].t === '') last--
  const first = lines[0] ?? fallback
  return span(ctx, first, lines[last] ?? first)
}

