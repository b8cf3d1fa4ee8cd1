/**
 * Shared checks for the parser tests: every node has a position inside the
 * source, start ≤ end, children inside their parent, siblings in order.
 */
import type { Node, Parent, Point } from 'unist'
import { VFile } from 'vfile'
import { fromRst } from '../../plugins/rst-parse/index.ts'

/** Compare two points by offset. */
function before(a: Point, b: Point): boolean {
  return (a.offset ?? 0) <= (b.offset ?? 0)
}

/**
 * Problems with positions in a tree (empty when all is well).
 *
 * @param tree
 *   Tree.
 * @param source
 *   The source it was parsed from.
 * @returns
 *   Descriptions of problems.
 */
export function positionProblems(tree: Node, source: string): string[] {
  const problems: string[] = []
  const check = (node: Node, parent: Node | undefined, path: string) => {
    const p = node.position
    if (!p) {
      problems.push(`${path}: no position`)
      return
    }
    for (const point of [p.start, p.end]) {
      if (typeof point.offset !== 'number' || point.offset < 0 || point.offset > source.length) {
        problems.push(`${path}: offset ${point.offset} outside 0..${source.length}`)
      }
      if (!(point.line >= 1) || !(point.column >= 1)) problems.push(`${path}: bad line/column ${point.line}:${point.column}`)
    }
    if (!before(p.start, p.end)) problems.push(`${path}: start after end`)
    if (parent?.position && (!before(parent.position.start, p.start) || !before(p.end, parent.position.end))) {
      problems.push(`${path}: outside its parent`)
    }
    const children = (node as Parent).children
    if (Array.isArray(children)) {
      children.forEach((child, index) => {
        const previous = children[index - 1]
        if (previous?.position && child.position && !before(previous.position.start, child.position.start)) {
          problems.push(`${path}/${index}: starts before its previous sibling`)
        }
        check(child, node, `${path}/${index}:${child.type}`)
      })
    }
  }
  check(tree, undefined, 'root')
  return problems
}

/** Parse and return the tree and the file's messages. */
export function parse(value: string): { tree: ReturnType<typeof fromRst>; file: VFile } {
  const file = new VFile({ path: 'input.rst', value })
  const tree = fromRst(value, file)
  const internal = file.messages.find((m) => m.ruleId === 'internal-error')
  if (internal) throw new Error(`parser bug caught on ${JSON.stringify(value.slice(0, 200))}: ${internal.reason}`)
  return { tree, file }
}

/** Messages as `line:column ruleId`. */
export function messageList(file: VFile): string[] {
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)
}
