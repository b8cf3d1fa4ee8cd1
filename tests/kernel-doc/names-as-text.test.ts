/** Names from a C file are looked up as text, never as a regular expression built from them. */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseKernelDoc } from '../../src/ingest/kernel-doc/index.ts'
import { findWord } from '../../src/ingest/kernel-doc/text.ts'

describe('kernel-doc names with regular expression syntax', () => {
  it('reads a macro whose parameter list holds `[` and `+` without failing', () => {
    const file = new VFile({ path: 'junk.h', value: '/**\n * foo() - d\n * @a: x\n */\n#define foo(a[, b+) x\n' })
    const entries = parseKernelDoc(file)
    expect(entries.map((entry) => entry.name)).toEqual(['foo'])
    expect(file.messages.map((message) => message.ruleId)).not.toContain('kernel-doc-internal')
    expect(file.messages.map(String)).toContain('junk.h:5:13: Macro parameter `a[, b+` not described in `foo`')
  })

  it('finds whole words, variadic names and calls', () => {
    expect(findWord('int addr2, addr', 'addr')).toBe(11)
    expect(findWord('fmt, args...)', 'args...')).toBe(5)
    expect(findWord('x foo_bar(y) foo (z)', 'foo', '(')).toBe(13)
    expect(findWord('xa.b a.bc a.b.c', 'a.b')).toBe(10)
    expect(findWord('nothing', '')).toBe(-1)
  })
})
