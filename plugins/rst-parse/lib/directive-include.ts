/**
 * The `include` directive. Patches come from the public, so an include is
 * resolved only when the caller configured `includeRoot` (and `readFile`)
 * and the path stays inside that root, through no symbolic link (the one
 * look at the disk the parser makes: `lstat`, whatever `readFile` reads);
 * otherwise the directive is kept as a node with a warning. Included content is parsed as body elements and, as it
 * has no place in this source, positioned at the directive.
 */
import path from 'node:path'
import { warn, type Context } from './context.ts'
import { splitSource, type Ln } from './lines.ts'
import { diagnosticRules } from '../../../src/schema/diagnostic-rules.ts'
import { walkBelow } from '../../../src/paths/walk-below.ts'
import type { Directive, RstBlockContent } from './types.ts'
import { reposition } from './directives.ts'

const { rules } = diagnosticRules.rst

/** Resolve an include (or keep it, with a warning). */
export function include(ctx: Context, node: Directive): RstBlockContent {
  const root = ctx.options.includeRoot
  const read = ctx.options.readFile
  const position = node.position!
  if (!root || !read) {
    warn(ctx, `Include of \`${node.argument}\` not resolved: no document root configured`, position, rules.includeRefused)
    return node
  }
  const target = path.resolve(root, node.argument.replace(/^<|>$/g, ''))
  const relative = path.relative(path.resolve(root), target)
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    warn(ctx, `Include of \`${node.argument}\` refused: outside the document root`, position, rules.includeRefused)
    return node
  }
  // Components that do not exist (as with a `readFile` over files in memory)
  // end the walk; one the system will not look at is left to `readFile`, and
  // the root itself (link `''`) is the caller's choice.
  const walk = walkBelow(path.resolve(root), relative.split(path.sep))
  if (walk.kind === 'symlink' && walk.link) {
    warn(ctx, `Include of \`${node.argument}\` refused: \`${walk.link}\` is a symbolic link`, position, rules.includeRefused)
    return node
  }
  const text = read(target)
  if (text === undefined) {
    warn(ctx, `Include of \`${node.argument}\` failed: cannot read the file`, position, rules.includeRefused)
    return node
  }
  if ('literal' in node.options || 'code' in node.options) {
    node.value = text
    return node
  }
  // Parse the included text with its own line table, then pin positions here.
  const source = ctx.source
  const included = splitSource(text)
  ctx.source = included
  const file = ctx.file
  ctx.file = undefined
  let children: RstBlockContent[]
  try {
    const lines: Ln[] = included.lines.map((line, l) => ({ t: line.text, l, c: 0 }))
    children = ctx.parseBody(lines, { sections: false })
  } finally {
    ctx.source = source
    ctx.file = file
  }
  reposition(children, position)
  node.children = children
  return node
}
