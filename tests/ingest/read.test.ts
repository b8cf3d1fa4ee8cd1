/**
 * The patch reader on the real data in `../shared`: the web archive text of
 * the kmap conversion notes patch and the raw mail it came from.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parsePatch } from 'diff'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import * as api from '../../src/ingest/read/index.ts'
import { readPatches } from '../../src/ingest/read/index.ts'
import type { Hunk, Patch } from '../../src/ingest/types.ts'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const shared = path.resolve(repoRoot, '..', 'shared')
const seedPath = path.join(shared, 'seeds/000_42b78d77d17fb680.txt')
const mailPath = path.join(shared, 'corpus/patches/kmap-conversion-notes-v1.eml')

/** Read a file by absolute path; the vfile carries the path relative to the repo. */
async function load(absolute: string): Promise<{ file: VFile; patches: Patch[] }> {
  const file = new VFile({ path: path.relative(repoRoot, absolute), value: await readFile(absolute, 'utf8') })
  return { file, patches: await readPatches(file) }
}

/** Count a hunk's lines by op: old = context + removed, new = context + added. */
function counts(hunk: Hunk) {
  const op = (kind: string) => hunk.lines.filter((line) => line.op === kind).length
  return {
    context: op(' '),
    removed: op('-'),
    added: op('+'),
    old: op(' ') + op('-'),
    new: op(' ') + op('+'),
  }
}

const ccs = [
  'Andrew Morton',
  'Ira Weiny',
  'Jonathan Corbet',
  'Mike Rapoport',
  'Peter Zijlstra',
  'Sebastian Andrzej Siewior',
  'Thomas Gleixner',
]

const expectedHunks = [
  { header: '@@ -57,7 +57,8 @@ list shows them in order of preference of use.', oldStart: 57, oldLines: 7, newStart: 57, newLines: 8, context: 6, removed: 1, added: 2 },
  { header: '@@ -100,10 +101,21 @@ list shows them in order of preference of use.', oldStart: 100, oldLines: 10, newStart: 101, newLines: 21, context: 6, removed: 4, added: 15 },
  { header: '@@ -115,11 +127,20 @@ list shows them in order of preference of use.', oldStart: 115, oldLines: 11, newStart: 127, newLines: 20, context: 6, removed: 5, added: 14 },
]

describe('public API', () => {
  it('exports exactly the reader entry points', () => {
    expect(Object.keys(api).sort()).toEqual(['detectFormat', 'groupSeries', 'readPatches'])
  })
})

describe('web archive seed', () => {
  it('reads the envelope, message and trailers', async () => {
    const { file, patches } = await load(seedPath)
    expect(file.messages).toEqual([])
    expect(patches).toHaveLength(1)
    const [patch] = patches
    expect(patch.format).toBe('archive')
    expect(patch.rawSubject).toBe('[PATCH] mm/highmem: Add notes about conversions from kmap{,_atomic}()')
    expect(patch.subject).toBe('mm/highmem: Add notes about conversions from kmap{,_atomic}()')
    expect(patch.series).toEqual({ revision: 1, number: null, total: null, prefix: 'PATCH', tags: [] })
    // The archive's From: line has no address; it comes from the matching Signed-off-by, masked as given.
    expect(patch.author).toEqual({ name: 'Fabio M. De Francesco', address: 'fmdefrancesco@xxxxxxxxx' })
    expect(patch.date).toBe('2022-12-06T02:00:42-05:00')
    expect(patch.messageId).toBeNull()
    expect(patch.startLine).toBe(1)
    expect(patch.message.startsWith('kmap() and kmap_atomic() have been deprecated.')).toBe(true)
    expect(patch.message.endsWith('privately with Ira Weiny (thanks!).')).toBe(true)
    expect(patch.message).not.toContain('Signed-off-by')
    expect(patch.trailers).toHaveLength(8)
    expect(patch.trailers.map((trailer) => trailer.key)).toEqual([...ccs.map(() => 'Cc'), 'Signed-off-by'])
    expect(patch.trailers[0]).toEqual({ key: 'Cc', value: 'Andrew Morton <akpm@xxxxxxxxxxxxxxxxxxxx>', line: 22 })
    expect(patch.trailers[7]).toEqual({ key: 'Signed-off-by', value: 'Fabio M. De Francesco <fmdefrancesco@xxxxxxxxx>', line: 29 })
  })

  it('reads the diffstat and the file header', async () => {
    const [patch] = (await load(seedPath)).patches
    expect(patch.diffstat).toEqual({
      files: [{ path: 'Documentation/mm/highmem.rst', changes: 41, graph: '+++++++++++++++++++++++++++---------' }],
      summary: '1 file changed, 31 insertions(+), 10 deletions(-)',
      filesChanged: 1,
      insertions: 31,
      deletions: 10,
    })
    expect(patch.files).toHaveLength(1)
    const [filePatch] = patch.files
    expect(filePatch).toMatchObject({
      oldPath: 'Documentation/mm/highmem.rst',
      newPath: 'Documentation/mm/highmem.rst',
      oldBlob: '0f731d9196b0',
      newBlob: '9523e92299f6',
      mode: '100644',
      mangled: true,
      place: { line: 34, column: 1 },
    })
  })

  it('delimits the three hunks by their counts', async () => {
    const [patch] = (await load(seedPath)).patches
    const hunks = patch.files[0].hunks
    expect(hunks).toHaveLength(3)
    hunks.forEach((hunk, index) => {
      const expected = expectedHunks[index]
      expect(hunk).toMatchObject({
        header: expected.header,
        oldStart: expected.oldStart,
        oldLines: expected.oldLines,
        newStart: expected.newStart,
        newLines: expected.newLines,
        section: 'list shows them in order of preference of use.',
      })
      const count = counts(hunk)
      expect(count).toEqual({
        context: expected.context,
        removed: expected.removed,
        added: expected.added,
        old: expected.oldLines,
        new: expected.newLines,
      })
    })
    expect(hunks.map((hunk) => hunk.place.line)).toEqual([38, 48, 74])
    // Context lost its leading space: no op character, text kept whole; raw is the line as written.
    expect(hunks[0].lines[0]).toEqual({
      op: ' ',
      text: 'It can be invoked from any context (including interrupts) but the mappings',
      raw: 'It can be invoked from any context (including interrupts) but the mappings',
      line: 39,
    })
    expect(hunks[0].lines[3]).toEqual({
      op: '-',
      text: ' This function should be preferred, where feasible, over all the others.',
      raw: '- This function should be preferred, where feasible, over all the others.',
      line: 42,
    })
    expect(hunks[0].lines[2]).toMatchObject({ op: ' ', text: '', raw: '' })
    // The last hunk ends before the `--` signature.
    expect(hunks[2].lines.at(-1)).toMatchObject({ raw: "requires global TLB invalidation when the kmap's pool wraps and it might", line: 99 })
  })
})

describe('raw mail of the same patch', () => {
  it('reads the headers with the sender’s offset', async () => {
    const { file, patches } = await load(mailPath)
    expect(file.messages).toEqual([])
    expect(patches).toHaveLength(1)
    const [patch] = patches
    expect(patch.format).toBe('mail')
    expect(patch.subject).toBe('mm/highmem: Add notes about conversions from kmap{,_atomic}()')
    expect(patch.series).toEqual({ revision: 1, number: null, total: null, prefix: 'PATCH', tags: [] })
    expect(patch.author).toEqual({ name: 'Fabio M. De Francesco', address: 'fmdefrancesco@gmail.com' })
    expect(patch.date).toBe('2022-12-06T08:00:29+01:00')
    expect(patch.messageId).toBe('20221206070029.7342-1-fmdefrancesco@gmail.com')
    expect(patch.inReplyTo).toBeNull()
    expect(patch.trailers).toHaveLength(8)
    expect(patch.trailers.filter((trailer) => trailer.key === 'Cc').map((trailer) => trailer.value.split(' <')[0])).toEqual(ccs)
    expect(patch.trailers[7]).toEqual({ key: 'Signed-off-by', value: 'Fabio M. De Francesco <fmdefrancesco@gmail.com>', line: 101 })
    expect(patch.diffstat).toMatchObject({ filesChanged: 1, insertions: 31, deletions: 10 })
  })

  it('reads the hunks byte-exact, with lines pointing into the file', async () => {
    const text = await readFile(mailPath, 'utf8')
    const fileLines = text.split('\n')
    const [patch] = (await load(mailPath)).patches
    const [filePatch] = patch.files
    expect(filePatch).toMatchObject({ oldBlob: '0f731d9196b0', newBlob: '9523e92299f6', mangled: false, place: { line: 106 } })
    expect(filePatch.hunks.map((hunk) => hunk.header)).toEqual(expectedHunks.map((hunk) => hunk.header))
    for (const hunk of filePatch.hunks) {
      expect(fileLines[hunk.place.line - 1]).toBe(hunk.header)
      for (const line of hunk.lines) {
        expect(fileLines[line.line - 1]).toBe(line.raw)
        expect(line.op + line.text).toBe(line.raw)
      }
    }
    filePatch.hunks.forEach((hunk, index) => {
      expect(counts(hunk)).toMatchObject({ old: expectedHunks[index].oldLines, new: expectedHunks[index].newLines })
    })
  })

  it('agrees with jsdiff on the intact hunks', async () => {
    const text = await readFile(mailPath, 'utf8')
    const [patch] = (await load(mailPath)).patches
    const hunks = patch.files[0].hunks
    // jsdiff throws on the `-- ` signature, so it gets the diff cut to the last hunk line.
    const lines = text.split('\n')
    const diff = lines.slice(patch.files[0].place.line - 1, hunks.at(-1)!.lines.at(-1)!.line).join('\n')
    const [oracle] = parsePatch(diff)
    expect(oracle.hunks.map((hunk) => [hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines])).toEqual(
      hunks.map((hunk) => [hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines]),
    )
    expect(oracle.hunks.map((hunk) => hunk.lines)).toEqual(hunks.map((hunk) => hunk.lines.map((line) => line.raw)))
  })

  it('guesses the same ops from the mangled archive text', async () => {
    const archive = (await load(seedPath)).patches[0].files[0].hunks
    const mail = (await load(mailPath)).patches[0].files[0].hunks
    expect(archive.map((hunk) => hunk.lines.map((line) => line.op).join(''))).toEqual(
      mail.map((hunk) => hunk.lines.map((line) => line.op).join('')),
    )
    // Whitespace aside, the archive's text is the mail's text.
    const squash = (text: string) => text.replace(/\s+/g, ' ').trim()
    expect(archive.flatMap((hunk) => hunk.lines.map((line) => squash(line.text)))).toEqual(
      mail.flatMap((hunk) => hunk.lines.map((line) => squash(line.text))),
    )
  })
})
