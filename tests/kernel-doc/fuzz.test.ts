import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { kernelDocEntrySchema, parseKernelDoc, selectEntries } from '../../src/ingest/kernel-doc/index.ts'

/** Pieces that steer random text into the parser's corners. */
const pieces = [
  '/**', '*/', '/*', ' * ', '\n', ' *\n', '@a:', '@...:', 'DOC:', 'struct foo', 'union', 'enum bar', 'typedef',
  'foo - desc', 'foo() - d', 'Return:', 'Context:', 'Note:', '#define x(a, b)', '#if X', '\\\n', '{', '}', '(', ')',
  ';', ',', 'int a', 'void', '...', '"', "'", '/* private: */', '/* public: */', '__must_check', '__printf(1, 2)',
  'static inline', '\t', '  ', 'EXPORT_SYMBOL(foo);', '//', '(*fn)', '[4]', ':3',
]

/**
 * Parse and check the result is well formed.
 *
 * @param text
 *   Anything.
 */
function check(text: string): void {
  const file = new VFile({ path: 'junk.h', value: text })
  const entries = parseKernelDoc(file)
  for (const entry of entries) {
    kernelDocEntrySchema.parse(entry)
    expect(entry.source.endLine).toBeGreaterThanOrEqual(entry.source.startLine)
  }
  expect(file.messages.filter((message) => message.ruleId === 'kernel-doc-internal')).toStrictEqual([])
  for (const message of file.messages) expect(message.line).toBeGreaterThan(0)
  selectEntries(entries, { functions: 'foo bar', 'no-identifiers': 'a' })
}

describe('parseKernelDoc never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => check(text)), { numRuns: 300 })
  })

  it('on text built from kernel-doc and C fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => check(parts.join(''))),
      { numRuns: 1000 },
    )
  })

  it('on a comment with junk inside and around it', () => {
    const junk = fc.array(fc.constantFrom(...pieces, 'x', ' '), { maxLength: 20 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(junk, junk, junk, (before, inside, after) =>
        check(`${before}\n/**\n * foo - Foo.\n * ${inside}\n */\n${after}`),
      ),
      { numRuns: 1000 },
    )
  })
})
