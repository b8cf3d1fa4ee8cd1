import { describe, expect, it } from 'vitest'
import * as api from '../../plugins/rst-parse/index.ts'

describe('plugins/rst-parse public surface', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toEqual(['defaultDirectives', 'defaultRoles', 'fromRst', 'rstParse', 'rstSanitizeSchema', 'rstToHastHandlers', 'rules'])
  })
})

describe('rstParse', () => {
  it('takes directives and roles from processor data and options', async () => {
    const { unified } = await import('unified')
    const { VFile } = await import('vfile')
    const processor = unified()
      .use(api.rstParse, { roles: { mine: { kind: 'text' } } })
      .use(function () {
        const data = this.data()
        data.rstDirectives = [...(data.rstDirectives ?? []), { 'my-dir': { argument: 'optional', content: 'rst' } }]
      })
    const file = new VFile('.. my-dir:: x\n\n   *body*\n\n:mine:`y`\n')
    const tree = processor.parse(file)
    expect(file.messages).toEqual([])
    expect(tree.children[0]).toMatchObject({ type: 'directive', name: 'my-dir', children: [{ type: 'paragraph' }] })
  })

  it('rejects bad options when attached', async () => {
    const { unified } = await import('unified')
    expect(() => unified().use(api.rstParse, { maxDepth: 0 }).freeze()).toThrow(/maxDepth/)
  })
})
