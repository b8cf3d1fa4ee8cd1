/** `include` is resolved only inside a configured root, through the caller's `readFile`. */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { positionProblems } from './helpers.ts'

const files: Record<string, string> = { '/docs/part.rst': 'Included *text*.\n', '/secret': 'no\n' }
const options = { includeRoot: '/docs', readFile: (path: string) => files[path] }

describe('include', () => {
  it('parses an included file inside the root, positioned at the directive', () => {
    const value = 'Before.\n\n.. include:: part.rst\n'
    const file = new VFile(value)
    const tree = fromRst(value, file, options)
    expect(file.messages).toEqual([])
    expect(tree.children[1]).toMatchObject({ type: 'directive', name: 'include', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Included ' }, { type: 'emphasis' }, { type: 'text' }] }] })
    expect(positionProblems(tree, value)).toEqual([])
  })

  it('refuses paths outside the root and unreadable files', () => {
    const value = '.. include:: ../secret\n\n.. include:: missing.rst\n'
    const file = new VFile(value)
    const tree = fromRst(value, file, options)
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['1:1 include-refused', '3:1 include-refused'])
    expect(tree.children.every((n) => n.type === 'directive' && n.children.length === 0)).toBe(true)
  })
})
