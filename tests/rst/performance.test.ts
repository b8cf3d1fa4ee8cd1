/**
 * The parser stays roughly linear on hostile input: 1 MB of markup
 * characters, deep nesting and very long lines parse well under a second
 * (the bound here leaves room for a loaded CI machine). `fromRst` turns a
 * crash into an internal-error message and a literal block, which is quick:
 * each case also checks that no such message was left, so a crash fails.
 */
import { describe, expect, it } from 'vitest'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { VFile } from 'vfile'

const megabyte = 1_000_000
const cases: Record<string, string> = {
  'repeated *': '*'.repeat(megabyte),
  'repeated backquotes': '`'.repeat(megabyte),
  'repeated **a': '**a '.repeat(megabyte / 4),
  'unclosed *a': '*a '.repeat(megabyte / 3),
  'a very long line': 'word '.repeat(megabyte / 5),
  'a long e-mail-like run': 'a'.repeat(megabyte) + '@',
  // Every `/` lets an address start again; each run is scanned once.
  'many e-mail name starts': ('abc' + '/'.repeat(10)).repeat(megabyte / 13) + '@',
  'many scheme starts': 'a-'.repeat(megabyte / 2) + ':',
  'a long URL ending badly': 'http://' + 'a'.repeat(megabyte) + '^',
  'a long query ending badly': 'http://a?' + 'b'.repeat(megabyte) + '^',
  'deeply nested lists': Array.from({ length: 2000 }, (_, i) => ' '.repeat(i * 2) + '- item').join('\n'),
  'deeply nested quotes': Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + 'quote').join('\n\n'),
  'a wide grid table': '+' + '-+'.repeat(20000) + '\n' + ('|' + ' |'.repeat(20000) + '\n').repeat(10) + '+' + '-+'.repeat(20000),
  'backslashes': '\\'.repeat(megabyte),
  'underscores': '_'.repeat(megabyte),
}

describe('performance', () => {
  for (const [name, value] of Object.entries(cases)) {
    it(name, () => {
      const file = new VFile()
      const started = performance.now()
      fromRst(value, file)
      expect(performance.now() - started).toBeLessThan(1500)
      expect(file.messages.filter((message) => message.ruleId === 'internal-error').map(String)).toEqual([])
    })
  }
})
