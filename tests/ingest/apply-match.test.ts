/**
 * The loose matcher builds no regular expression from patch text: a masked
 * address is matched by a scan, so a line of any length neither throws nor
 * costs more than its length.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { applyToDocument } from '../../src/ingest/apply/index.ts'
import { looseMatcher } from '../../src/ingest/apply/match.ts'
import { readPatches } from '../../src/ingest/read/index.ts'
import { toArchiveText } from '../helpers/archive.ts'
import { formatPatch } from '../helpers/git.ts'

describe('looseMatcher', () => {
  it('matches a masked address by its width, with whitespace folded', () => {
    const matches = looseMatcher('Cc: Ira Weiny <ira.weiny@xxxxxxxxx>  and  more')
    expect(matches('  Cc: Ira Weiny <ira.weiny@intel.com> and more')).toBe(true)
    expect(matches('Cc: Ira Weiny <ira.weiny@intel.co> and more')).toBe(false)
    expect(matches('Cc: Ira Weiny <ira.weiny@intel com> and more')).toBe(false)
    expect(matches('Cc: Ira Weiny <ira.weiny@intel.comm> and more')).toBe(false)
    expect(looseMatcher('a@xx b')('a@cd b')).toBe(false)
    expect(looseMatcher('a@xx b')('a@xx  b')).toBe(true)
  })

  it('treats regular expression syntax in the patch as text', () => {
    expect(looseMatcher('(a+)+$ [x@xxx] \\d{9999999}')('(a+)+$ [x@abc] \\d{9999999}')).toBe(true)
    expect(looseMatcher('(a+)+$ [x@xxx]')('aaa [x@abc]')).toBe(false)
  })

  it('takes a 40,000-character line after a masked address without throwing', () => {
    const long = 'y'.repeat(40_000)
    const matches = looseMatcher(`a@xxx ${long}`)
    expect(matches(`a@b.c ${long}`)).toBe(true)
    expect(matches(`a@b.c ${long}z`)).toBe(false)
  })

  it('agrees with the reading "each x stands for one non-space character" on generated lines', () => {
    const word = fc.stringMatching(/^[a-z@.x ]{0,12}$/)
    fc.assert(
      fc.property(word, fc.array(fc.constantFrom('a', 'x', '@', ' ', '.', '\t'), { maxLength: 12 }), (line, noise) => {
        const base = line + noise.join('')
        const masked = base.replace(/@([^@\s]{3,})/g, (_, domain: string) => '@' + 'x'.repeat(domain.length))
        expect(looseMatcher(masked)(base)).toBe(true)
      }),
      { numRuns: 500, seed: 15 },
    )
  })
})

describe('a mangled patch with a very long line after a masked address', () => {
  it('applies, and its context is matched by the scan', async () => {
    const long = `Reported-by: someone@kernel.org ${'word '.repeat(8_000)}end`
    const before = `Title\n=====\n\n${long}\n\nOld text.\n`
    const mail = formatPatch({ 'doc.rst': before }, { 'doc.rst': before.replace('Old text.', 'New text.') }, 'doc: a long line')
    const file = new VFile({ path: 'long.txt', value: toArchiveText(mail) })
    const patches = await readPatches(file)
    const result = applyToDocument(before, 'doc.rst', patches, file)
    expect(file.messages.filter((message) => message.fatal)).toEqual([])
    expect(result?.text).toBe(before.replace('Old text.', 'New text.'))
  })
})
