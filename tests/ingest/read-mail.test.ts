/**
 * The mail reader on synthetic fixtures: transfer encodings, multipart, mbox
 * series, CRLF and git format-patch output.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { groupSeries, readPatches } from '../../src/ingest/read/index.ts'
import type { Patch } from '../../src/ingest/types.ts'

const fixtures = new URL('../fixtures/patches/', import.meta.url)

/** Read a fixture; the vfile carries its repo-relative path. */
async function load(name: string): Promise<{ file: VFile; patches: Patch[]; text: string }> {
  const text = await readFile(fileURLToPath(new URL(name, fixtures)), 'utf8')
  const file = new VFile({ path: `tests/fixtures/patches/${name}`, value: text })
  return { file, patches: await readPatches(file), text }
}

/** Lines of hunk `index` of the first file, as `[op, raw]`. */
function hunkLines(patch: Patch, index = 0) {
  return patch.files[0].hunks[index].lines.map((line) => [line.op, line.raw])
}

/** The decoded patch both encoded fixtures carry. */
const encodedHunk = [
  [' ', ' A widget holds state.  '],
  [' ', ' '],
  ['-', '-Flush it sometimes.'],
  ['+', '+Flush a widget before its owner releases it, or the data written since the last flush is lost for good.'],
  ['+', '+Café widgets are no exception.'],
  ['+', '+\tTabs stay tabs.'],
  [' ', ' Done.'],
]

describe('transfer encodings', () => {
  it('undoes quoted-printable exactly: soft breaks joined, =20 kept as trailing space', async () => {
    const { file, patches } = await load('qp.eml')
    expect(file.messages).toEqual([])
    const [patch] = patches
    expect(patch.subject).toBe('docs: widgets: explain the flush rule')
    expect(patch.date).toBe('2025-03-03T14:05:09-08:00')
    expect(patch.messageId).toBe('20250303220509.1-ada@example.org')
    expect(hunkLines(patch)).toEqual(encodedHunk)
    expect(patch.files[0].hunks[0]).toMatchObject({ oldStart: 3, oldLines: 4, newStart: 3, newLines: 6, section: 'Widgets' })
    expect(patch.diffstat).toMatchObject({ filesChanged: 1, insertions: 3, deletions: 1 })
    // Lines copied verbatim keep their file line; decoded ones follow the previous one.
    const lines = patch.files[0].hunks[0].lines.map((line) => line.line)
    expect(lines[0]).toBe(23)
    expect(lines.at(-2)).toBe(29)
  })

  it('decodes base64 and an encoded-word subject', async () => {
    const { file, patches } = await load('base64.eml')
    expect(file.messages).toEqual([])
    const [patch] = patches
    expect(patch.rawSubject).toBe('[PATCH] docs: widgets: explain the flush rule')
    expect(patch.trailers).toEqual([{ key: 'Signed-off-by', value: 'Ada Example <ada@example.org>', line: 13 }])
    expect(hunkLines(patch)).toEqual(encodedHunk)
    expect(patch.files[0]).toMatchObject({ oldBlob: '1a2b3c4', newBlob: '5d6e7f8', mangled: false })
  })
})

describe('multipart', () => {
  it('reads the patch from an inline text part, keeping trailing spaces and real line numbers', async () => {
    const { file, patches, text } = await load('multipart.eml')
    expect(file.messages).toEqual([])
    const [patch] = patches
    expect(patch.series).toEqual({ revision: 3, number: null, total: null, prefix: 'PATCH v3', tags: [] })
    expect(patch.author).toEqual({ name: 'Example, Ada', address: 'ada@example.org' })
    expect(patch.date).toBe('2025-03-07T10:00:00+05:30')
    expect(patch.inReplyTo).toBe('multipart-v2@example.org')
    expect(patch.message).toBe('Say who owns a widget.')
    expect(patch.trailers.map((trailer) => [trailer.key, trailer.line])).toEqual([
      ['Reviewed-by', 17],
      ['Signed-off-by', 18],
    ])
    expect(hunkLines(patch)).toEqual([
      [' ', ' Widgets'],
      [' ', ' ======='],
      ['-', '-A widget holds state.  '],
      ['+', '+A widget holds state for its owner.  '],
    ])
    const fileLines = text.split('\n')
    for (const line of patch.files[0].hunks[0].lines) expect(fileLines[line.line - 1]).toBe(line.raw)
    expect(patch.files[0].place.line).toBe(28)
  })

  it('reads a text/x-diff attachment', async () => {
    const { patches } = await load('attachment.eml')
    const [patch] = patches
    expect(patch.series).toMatchObject({ tags: ['RESEND'], prefix: 'PATCH RESEND' })
    expect(patch.message).toBe('Fix a typo; the patch is attached.')
    // Omitted hunk counts default to 1.
    expect(patch.files[0].hunks[0]).toMatchObject({ header: '@@ -4 +4 @@ Widgets', oldLines: 1, newLines: 1 })
    expect(hunkLines(patch)).toEqual([
      ['-', '-Flush a widgte.'],
      ['+', '+Flush a widget.'],
    ])
  })
})

describe('mbox', () => {
  it('splits a series on From lines and unescapes >From', async () => {
    const { file, patches } = await load('series-v2.mbox')
    expect(file.messages).toEqual([])
    expect(patches.map((patch) => [patch.series?.number, patch.series?.total, patch.series?.revision, patch.startLine])).toEqual([
      [0, 2, 2, 1],
      [2, 2, 2, 22],
      [1, 2, 2, 46],
    ])
    expect(patches[0].files).toEqual([])
    expect(patches[0].diffstat).toBeNull()
    expect(patches[1].message.startsWith('From the first draft on')).toBe(true)
    expect(patches[1].inReplyTo).toBe('cover.v2@example.org')
    expect(patches[2].files[0].hunks[0].lines.map((line) => line.line)).toEqual([65, 66, 67])
  })

  it('groups the series: cover apart, patches in order', async () => {
    const { patches } = await load('series-v2.mbox')
    const series = groupSeries(patches)
    expect(series).toHaveLength(1)
    expect(series[0].revision).toBe(2)
    expect(series[0].cover?.subject).toBe('docs: widgets: tidy up')
    expect(series[0].patches.map((patch) => patch.series?.number)).toEqual([1, 2])
    expect(series[0].patches.map((patch) => patch.subject)).toEqual(['docs: widgets: fix the title', 'docs: widgets: fix a typo'])
  })

  it('keeps revisions apart', async () => {
    const { patches } = await load('series-v2.mbox')
    const v1 = { ...patches[2], series: { ...patches[2].series!, revision: 1 } }
    const series = groupSeries([...patches, v1])
    expect(series.map((entry) => [entry.revision, entry.cover !== null, entry.patches.length])).toEqual([
      [1, false, 1],
      [2, true, 2],
    ])
  })
})

describe('line endings and format-patch', () => {
  it('reads a CRLF mail without carrying \\r into the hunks', async () => {
    const { file, patches, text } = await load('crlf.eml')
    expect(text).toContain('\r\n')
    expect(file.messages).toEqual([])
    const [patch] = patches
    expect(patch.date).toBe('2025-03-11T12:00:00-07:00')
    expect(patch.trailers).toEqual([{ key: 'Signed-off-by', value: 'Ada Example <ada@example.org>', line: 10 }])
    expect(hunkLines(patch)).toEqual([
      [' ', ' '],
      ['-', '-Done'],
      ['+', '+Done.'],
    ])
    expect(patch.files[0].hunks[0].place.line).toBe(19)
  })

  it('reads git format-patch output touching several files', async () => {
    const { file, patches } = await load('format-patch-files.patch')
    expect(file.messages).toEqual([])
    const [patch] = patches
    expect(patch.format).toBe('mail')
    expect(patch.rawSubject).toBe('[PATCH net-next] docs: widgets: move the limits into their own directory')
    expect(patch.series).toEqual({ revision: 1, number: null, total: null, prefix: 'PATCH net-next', tags: ['net-next'] })
    expect(patch.date).toBe('2025-03-06T16:20:11-05:00')
    expect(patch.trailers.map((trailer) => trailer.key)).toEqual(['Suggested-by', 'Signed-off-by', 'Link'])
    expect(patch.trailers[2].value).toBe('https://lore.example.org/r/20250301.widgets@example.org')
    expect(patch.diffstat).toMatchObject({ filesChanged: 4, insertions: 46, deletions: 0 })
    expect(patch.diffstat?.files.map((entry) => [entry.path, entry.changes])).toEqual([
      ['Documentation/widgets/index.rst', 4],
      ['Documentation/{ => widgets}/limits.rst', 1],
      ['Documentation/widgets/toc.txt', 3],
      ['limits.patch', 38],
    ])
    expect(patch.files.map((entry) => [entry.oldPath, entry.newPath, entry.mode, entry.hunks.length])).toEqual([
      [null, 'Documentation/widgets/index.rst', '100644', 1],
      ['Documentation/limits.rst', 'Documentation/widgets/limits.rst', '100644', 1],
      [null, 'Documentation/widgets/toc.txt', '100644', 1],
      [null, 'limits.patch', '100644', 1],
    ])
    const renamed = patch.files[1].hunks[0]
    expect(renamed.lines.at(-1)).toMatchObject({ op: '+', text: 'No newline here', noNewline: true })
    // A patch inside the patch: its `From `, `---` and `-- ` lines are content, read by the counts.
    const nested = patch.files[3].hunks[0]
    expect(nested.lines).toHaveLength(38)
    expect(nested.lines[0].raw.startsWith('+From 9f16b0263a7a')).toBe(true)
    expect(nested.lines.slice(-3).map((line) => line.raw)).toEqual(['+-- ', '+2.39.5', '+'])
  })
})
