/**
 * Explicit markup blocks (`.. `): footnotes, citations, hyperlink targets,
 * substitution definitions, directives and comments, plus anonymous targets
 * (`__ uri`). Which one is decided from the text after `.. `, as docutils'
 * `Body.explicit_construct` does; anything else is a comment.
 */
import type { FootnoteDefinition } from 'mdast'
import { makeId, normalizeName, scanName } from './chars.ts'
import { span, spanLines, type Context } from './context.ts'
import { indentedBlock, type Ln } from './lines.ts'
import type { Citation, Comment, Directive, SubstitutionDefinition, Target } from './types.ts'
import { directive, substitutionPhrasing } from './directives.ts'
import type { BlockResult } from './blocks.ts'
import { targetPointer } from './targets.ts'

/** An explicit markup block. */
export function explicitMarkup(ctx: Context, lines: Ln[], i: number): BlockResult | undefined {
  const ln = lines[i]
  const match = /^\.\.(?: +|$)/.exec(ln.t)
  if (!match) return undefined
  const next = lines[i + 1]
  if (ln.t === '..' && (!next || next.t === '')) {
    // The empty comment: ends the preceding construct, takes nothing after it.
    const node: Comment = { type: 'comment', value: '', position: span(ctx, ln, ln) }
    return { nodes: [node], end: i + 1 }
  }
  const block = indentedBlock(lines, i, match[0].length)
  const body = block.lines
  if (body.length === 0) {
    const node: Comment = { type: 'comment', value: '', position: span(ctx, ln, ln) }
    return { nodes: [node], end: block.end, blankFinish: block.blankFinish, what: 'Explicit markup' }
  }
  const position = spanLines(ctx, [ln, ...body.slice(1)], ln)
  const head = body[0].t
  const result = (nodes: BlockResult['nodes']): BlockResult => ({ nodes, end: block.end, blankFinish: block.blankFinish, what: 'Explicit markup' })

  const note = /^\[([0-9]+|#|#[^\]\s]*|\*|[^\]\s]+)\](?: +|$)/.exec(head.length > 256 ? head.slice(0, 256) : head)
  if (note) {
    const label = note[1]
    const first: Ln = { t: head.slice(note[0].length), l: body[0].l, c: body[0].c + note[0].length }
    const content = ctx.parseBody([first, ...body.slice(1)])
    const isFootnote = /^(?:[0-9]+|#|\*)$/.test(label) || (label.startsWith('#') && scanName(label, 1) === label.length)
    if (isFootnote) {
      const auto = label.startsWith('#') ? '#' : label === '*' ? '*' : undefined
      const node: FootnoteDefinition = {
        type: 'footnoteDefinition',
        identifier: normalizeName(label),
        label,
        children: content as FootnoteDefinition['children'],
        position,
      }
      if (auto) node.data = { auto }
      return result([node])
    }
    if (scanName(label, 0) === label.length) {
      const node: Citation = { type: 'citation', label, identifier: normalizeName(label), children: content, position }
      return result([node])
    }
  }

  if (head.startsWith('_')) {
    const target = hyperlinkTarget(body)
    if (target) return result([{ ...target, position }])
  }

  if (head.startsWith('|')) {
    const sub = /^\|(?! )((?:[^|\\]|\\.){1,200}?)(?<! )\| +([a-zA-Z0-9][\w.:+-]*) ?::(?: +|$)/.exec(head.slice(0, 512))
    if (sub) {
      const rest: Ln[] = [{ t: head.slice(sub[0].length), l: body[0].l, c: body[0].c + sub[0].length }, ...body.slice(1)]
      const name = sub[1].replace(/\s+/g, ' ')
      const node: SubstitutionDefinition = { type: 'substitutionDefinition', name, children: [], position }
      const kind = sub[2].toLowerCase()
      if (kind === 'replace') node.children = ctx.parseInline(rest.filter((r) => r.t !== '').map(trimLine))
      else {
        const made = directive(ctx, kind, rest, ln, position) as Directive
        node.children = (made.type === 'directive' && substitutionPhrasing(made)) || [made]
      }
      return result([node])
    }
  }

  const dir = /^([a-zA-Z0-9](?:[\w]|[-.:+](?=\w))*) ?::(?: +|$)/.exec(head.slice(0, 256))
  if (dir) {
    const rest: Ln[] = [{ t: head.slice(dir[0].length), l: body[0].l, c: body[0].c + dir[0].length }, ...body.slice(1)]
    return result([directive(ctx, dir[1].toLowerCase(), rest, ln, position)])
  }

  const node: Comment = { type: 'comment', value: body.map((b) => b.t).join('\n').trim(), position }
  return result([node])
}

/** Strip leading spaces of a line, keeping coordinates. */
function trimLine(ln: Ln): Ln {
  let k = 0
  while (ln.t[k] === ' ') k++
  return { t: ln.t.slice(k), l: ln.l, c: ln.c + k }
}

/**
 * `_name: uri`, `` _`name`: uri ``, `_name: other_` (indirect), `_name:`
 * (internal) and `__: uri` (anonymous).
 */
function hyperlinkTarget(body: Ln[]): Omit<Target, 'position'> | undefined {
  const head = body[0].t
  let name: string
  let after: number
  if (head.startsWith('__:') && (head.length === 3 || head[3] === ' ')) {
    name = ''
    after = 3
  } else if (head[1] === '`') {
    const close = head.indexOf('`:', 2)
    if (close < 0 || (head[close + 2] !== undefined && head[close + 2] !== ' ')) return undefined
    name = head.slice(2, close)
    after = close + 2
  } else {
    let k = 1
    for (; k < head.length; k++) {
      if (head[k] === '\\') k++
      else if (head[k] === ':' && (head[k + 1] === ' ' || head[k + 1] === undefined)) break
    }
    if (k >= head.length || k === 1 || head[k - 1] === ' ') return undefined
    name = head.slice(1, k).replace(/\\(.)/g, '$1')
    after = k + 1
  }
  const rest = [head.slice(after), ...body.slice(1).map((b) => b.t)]
  const node: Omit<Target, 'position'> = {
    type: 'target',
    identifier: normalizeName(name),
    label: name,
    children: [],
  }
  if (name === '') node.anonymous = true
  else if (makeId(node.identifier)) node.data = { id: makeId(node.identifier) }
  setTargetLink(node, rest)
  return node
}

/**
 * Set a target's URL or reference name from its link block, as docutils'
 * `parse_target`: `name_` or `` `phrase`_ `` names another target;
 * anything else is a URI, with whitespace removed and escapes taken
 * (`A:DOS\\path\\` is `A:DOS\path\`). An empty block leaves an internal target.
 */
function setTargetLink(node: Omit<Target, 'position'>, block: string[]): void {
  const text = block.map((line) => line.trim()).join(' ').trim()
  if (!text) return
  const pointer = targetPointer(text)
  if ('refname' in pointer) node.refname = pointer.refname
  else if (pointer.url) node.url = pointer.url
}

/** `__ uri`: an anonymous target. */
export function anonymousTarget(ctx: Context, lines: Ln[], i: number): BlockResult | undefined {
  const match = /^__(?: +|$)/.exec(lines[i].t)
  if (!match) return undefined
  const block = indentedBlock(lines, i, match[0].length)
  const node: Target = {
    type: 'target',
    identifier: '',
    label: '',
    anonymous: true,
    children: [],
    position: spanLines(ctx, [lines[i], ...block.lines.slice(1)], lines[i]),
  }
  setTargetLink(node, block.lines.map((b) => b.t))
  return { nodes: [node], end: block.end, blankFinish: block.blankFinish, what: 'Anonymous hyperlink target' }
}
