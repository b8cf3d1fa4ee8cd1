/**
 * Property tests: random reST-like documents never make the parser throw,
 * and positions are always sound (inside the source, start ≤ end, children
 * within parents, siblings in order).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse, positionProblems } from './helpers.ts'

const pieces = [
  '*', '**', '`', '``', '_', '__', '|', ':', '::', '\\', '[', ']', '[#]_', '[1]_', '<', '>', '(', ')', '"', "'",
  '-', '+', '#.', '1.', '(a)', 'i)', 'A.', '.. ', '.. note::', '.. code-block:: c', '.. _t:', '.. |s| replace::',
  '.. kernel-doc:: x.c', '.. [1]', '.. [#]', '__ ', ':field:', ':c:func:', '`x`_', '`a <b>`_', 'http://x.y', 'a@b.c',
  '>>> ', '| ', '=====', '-----', '~~~~', '+---+', '+===+', '| a |', '====  ====', ' ', '  ', '    ', '\t', 'word', 'text',
  '--', '-- Name', '—', 'é', '\u00a0', '\ufeff', '\r\n', '\v',
]

const line = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 8 }).map((parts) => parts.join(''))
const indent = fc.constantFrom('', '', '', ' ', '  ', '   ', '    ', '\t', '        ')
const document = fc
  .array(fc.tuple(indent, line), { maxLength: 30 })
  .map((lines) => lines.map(([pad, text]) => pad + text).join(fc.sample(fc.constantFrom('\n'), 1)[0]))
const newlines = fc.array(fc.tuple(indent, line, fc.constantFrom('\n', '\n\n', '\r\n', '\r')), { maxLength: 30 }).map((lines) => lines.map(([pad, text, nl]) => pad + text + nl).join(''))

describe('parser properties', () => {
  it('never throws and always positions soundly (reST-like documents)', () => {
    fc.assert(
      fc.property(fc.oneof(document, newlines), (value) => {
        const { tree } = parse(value)
        expect(positionProblems(tree, value)).toEqual([])
      }),
      { numRuns: Number(process.env.RST_RUNS ?? 600) },
    )
  })

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (value) => {
        const { tree } = parse(value)
        expect(positionProblems(tree, value)).toEqual([])
      }),
      { numRuns: Number(process.env.RST_RUNS ?? 400) },
    )
  })
})
