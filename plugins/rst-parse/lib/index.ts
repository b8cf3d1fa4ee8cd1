/**
 * The reST parser: `fromRst` (the util: a string in, an mdast `Root` with
 * positions out) and `rstParse` (the unified plugin that sets `this.parser`
 * to it, as remark-parse does).
 */
import type { Code, Root } from 'mdast'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { parseBody } from './blocks.ts'
import type { Context, Options } from './context.ts'
import { defaultDirectives, type DirectiveSpec } from './directives.ts'
import { parseInline } from './inline.ts'
import { splitSource } from './lines.ts'
import { resolve } from './resolve.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import { defaultRoles, type RoleSpec } from './roles.ts'

const { rules, source: messageSource } = diagnosticRules.rst

export type { Options } from './context.ts'

declare module 'unified' {
  interface Data {
    /**
     * Directive registries contributed by other plugins (kernel directives,
     * say), merged over the built-ins at parse time, as remark-gfm pushes its
     * extensions onto `micromarkExtensions`.
     */
    rstDirectives?: Array<Readonly<Record<string, DirectiveSpec>>>
    /** Role registries contributed by other plugins. */
    rstRoles?: Array<Readonly<Record<string, RoleSpec>>>
  }
}

const emptyOptions: Readonly<Options> = {}

/**
 * Parse reStructuredText into mdast.
 *
 * @param value
 *   The document.
 * @param file
 *   File to report problems on (optional; without one, problems are dropped).
 * @param options
 *   Configuration (optional).
 * @returns
 *   The tree; every node has a position. Never throws on content.
 */
export function fromRst(value: string, file?: VFile | null, options?: Readonly<Options> | null): Root {
  const settings = options ?? emptyOptions
  const source = splitSource(String(value))
  const ctx: Context = {
    source,
    file: file ?? undefined,
    options: settings,
    directives: { ...defaultDirectives, ...settings.directives },
    roles: { ...defaultRoles, ...settings.roles },
    styles: [],
    level: 0,
    depth: 0,
    counts: new Map(),
    ids: new Map(),
    parseBody: (lines, o) => parseBody(ctx, lines, o),
    parseInline: (lines) => parseInline(ctx, lines),
  }
  const lines = source.lines.map((line, l) => ({ t: line.text, l, c: 0 }))
  const last = source.lines.length - 1
  const position = {
    start: { line: 1, column: 1, offset: 0 },
    end: { line: last + 1, column: source.lines[last].raw.length + 1, offset: source.value.length },
  }
  try {
    const tree: Root = { type: 'root', children: parseBody(ctx, lines, { sections: true }), position }
    resolve(ctx, tree)
    return tree
  } catch (error) {
    // Last resort: a parser bug must not lose the document or crash a build.
    const reason = `Internal parser error (please report): ${(error as Error).message}`
    file?.message(reason, { place: position, ruleId: rules.internalError, source: messageSource })
    const code: Code = { type: 'code', lang: null, meta: null, value: source.value, data: { kind: 'literal' }, position }
    return { type: 'root', children: [code], position }
  }
}

/**
 * A unified plugin that parses reST: `unified().use(rstParse)`. Typed as
 * remark-parse is: a plugin whose processor takes a string and gives a Root.
 *
 * @param options
 *   Configuration (optional), validated here, at attach time.
 * @returns
 *   Nothing; sets the processor's parser.
 */
export const rstParse: Plugin<[(Readonly<Options> | null | undefined)?], string, Root> = function (options) {
  const settings = options ?? emptyOptions
  if (settings.maxDepth !== undefined && settings.maxDepth !== null && !(settings.maxDepth > 0)) {
    throw new TypeError('rstParse: `maxDepth` must be a positive number')
  }
  if (settings.includeRoot && !settings.readFile) {
    throw new TypeError('rstParse: `includeRoot` needs `readFile`')
  }
  const data = this.data()
  this.parser = (document: string, file: VFile) => {
    // Registries on processor data are read per parse, so plugins attached
    // after this one still contribute.
    const directives = Object.assign({}, ...(data.rstDirectives ?? []), settings.directives)
    const roles = Object.assign({}, ...(data.rstRoles ?? []), settings.roles)
    return fromRst(document, file, { ...settings, directives, roles })
  }
}
