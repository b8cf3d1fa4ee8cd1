/** Places in JSON text for manifest diagnostics: the first syntax error, and where a key path stands. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findJsonSyntaxError, offsetOfKeyPath, pointAt } from '../../src/versions/json-places.ts'

describe('findJsonSyntaxError', () => {
  it('finds nothing in JSON, and an offset inside the text in anything JSON.parse refuses', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '{', '\n'), (json, at, piece) => {
        expect(findJsonSyntaxError(json)).toBeUndefined()
        const broken = json.slice(0, at % (json.length + 1)) + piece + json.slice(at % (json.length + 1))
        let valid = true
        try {
          JSON.parse(broken)
        } catch {
          valid = false
        }
        const found = findJsonSyntaxError(broken)
        if (valid) expect(found).toBeUndefined()
        else expect(found!.offset).toBeLessThanOrEqual(broken.length)
      }),
      { numRuns: 500, seed: 15 },
    )
  })

  it('names the character and what was expected, and survives deep nesting', () => {
    expect(findJsonSyntaxError('{"a": 1,}')).toEqual({ offset: 8, reason: 'unexpected `}`, expected a key in `"`' })
    expect(findJsonSyntaxError('[1 2]')).toEqual({ offset: 3, reason: 'unexpected `2`, expected `,` or `]`' })
    expect(findJsonSyntaxError('['.repeat(100_000))).toEqual({ offset: 100_000, reason: 'unexpected end of the file, expected a value' })
  })
})

describe('offsetOfKeyPath', () => {
  it('finds the key of the right entry, not the first of its name', () => {
    const text = '{"documents": [{"versions": [{"id": "a"}]}, {"versions": [{"id": "b"}, {"id": "c", "parent": "x"}]}]}'
    const offset = offsetOfKeyPath(text, ['documents', 1, 'versions', 1, 'parent'])
    expect(text.slice(offset, offset + 8)).toBe('"parent"')
    expect(offsetOfKeyPath(text, ['documents', 1, 'versions', 1])).toBe(text.indexOf('{"id": "c"'))
    expect(offsetOfKeyPath(text, ['documents', 5])).toBe(text.indexOf('['))
    expect(pointAt('a\nbc\n', 4)).toEqual({ line: 2, column: 3 })
  })
})
