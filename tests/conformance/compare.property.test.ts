/**
 * Properties of the alignment on random outlines (fast-check): identical
 * outlines score 100, and any single deletion, insertion or change is found
 * as exactly that one difference, wherever it happens.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareOutlines } from '../../scripts/conformance/compare.ts'
import type { OutlineBlock } from '../../scripts/conformance/outline.ts'

/** Random blocks from a small alphabet, so repeats (the hard case for alignment) are common. */
const blockArbitrary: fc.Arbitrary<OutlineBlock> = fc.record({
  type: fc.constantFrom('paragraph', 'section', 'literal_block', 'list_item', 'bullet_list'),
  depth: fc.integer({ min: 0, max: 3 }),
  text: fc.constantFrom('a', 'b', 'c', 'int x;'),
})
const outlineArbitrary = fc.array(blockArbitrary, { minLength: 1, maxLength: 40 })

/** `blocks` with `count` blocks at `index` replaced by `inserted` (a copy). */
const splice = (blocks: OutlineBlock[], index: number, count: number, ...inserted: OutlineBlock[]) => {
  const copy = [...blocks]
  copy.splice(index, count, ...inserted)
  return copy
}

describe('compareOutlines properties', () => {
  it('scores an outline against itself 100', () => {
    fc.assert(
      fc.property(outlineArbitrary, (blocks) => {
        const result = compareOutlines(blocks, structuredClone(blocks))
        expect(result).toMatchObject({ score: 100, share: 100, extra: 0, differences: [] })
      }),
    )
  })

  it('finds one deleted block as one missing block', () => {
    fc.assert(
      fc.property(outlineArbitrary, fc.nat(), (blocks, at) => {
        const index = at % blocks.length
        const result = compareOutlines(blocks, splice(blocks, index, 1))
        expect(result.score).toBeLessThan(100)
        expect(result.matched).toBe(blocks.length - 1)
        expect(result.differences).toHaveLength(1)
        expect(result.differences[0].kind).toBe('missing')
      }),
    )
  })

  it('finds one inserted block as one extra block', () => {
    fc.assert(
      fc.property(outlineArbitrary, fc.nat(), blockArbitrary, (blocks, at, inserted) => {
        const index = at % (blocks.length + 1)
        const result = compareOutlines(blocks, splice(blocks, index, 0, inserted))
        expect(result.score).toBeLessThan(100)
        expect(result.share).toBe(100)
        expect(result.differences).toHaveLength(1)
        expect(result.differences[0].kind).toBe('extra')
      }),
    )
  })

  it('finds one changed text as one changed block of the same type', () => {
    fc.assert(
      fc.property(outlineArbitrary, fc.nat(), (blocks, at) => {
        const index = at % blocks.length
        const changed = splice(blocks, index, 1, { ...blocks[index], text: `${blocks[index].text} changed` })
        const result = compareOutlines(blocks, changed)
        expect(result.score).toBeLessThan(100)
        expect(result.matched).toBe(blocks.length - 1)
        expect(result.differences).toEqual([
          { kind: 'changed', expected: blocks[index], actual: changed[index], index: expect.any(Number) },
        ])
      }),
    )
  })
})
