/**
 * Bare diffs, web archive text, format detection and the reader's errors.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { detectFormat, readPatches } from '../../src/ingest/read/index.ts'
import type { Patch, PatchFormat } from '../../src/ingest/types.ts'

const fixtures = new URL('../fixtures/patches/', import.meta.url)
const shared = new URL('../../../shared/', import.meta.url)

/** A fixture's text. */
async function fixture(name: string): Promise<string> {
  return readFile(fileURLToPath(new URL(name, fixtures)), 'utf8')
}

/** Read text as the file `name`. */
async function read(name: string, text: string, format?: PatchFormat): Promise<{ file: VFile; patches: Patch[] }> {
  const file = new VFile({ path: `tests/fixtures/patches/${name}`, value: text })
  return { file, patches: await readPatches(file, { format }) }
}

/** Ops of each hunk of the first file, as strings (`.` for context). */
function ops(patch: Patch): string[] {
  return patch.files[0].hunks.map((hunk) => hunk.lines.map((line) => (line.op === ' ' ? '.' : line.op)).join(''))
}

describe('plain diffs', () => {
  it('reads diff -u output without git headers', async () => {
    const { file, patches } = await read('plain.diff', await fixture('plain.diff'))
    expect(file.messages).toEqual([])
    const [patch] = patches
    expect(patch).toMatchObject({ format: 'diff', subject: '', series: null, author: null, date: null, diffstat: null })
    const [filePatch] = patch.files
    expect(filePatch).toMatchObject({
      oldPath: 'widgets.rst.orig',
      newPath: 'widgets.rst',
      oldBlob: null,
      newBlob: null,
      mode: null,
      place: { line: 2, column: 1 },
    })
    expect(filePatch.hunks.map((hunk) => [hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines, hunk.section])).toEqual([
      [2, 1, 2, 1, ''],
      [7, 3, 7, 3, 'Widgets'],
    ])
    expect(filePatch.hunks[1].lines).toEqual([
      { op: ' ', text: 'Callers should ask first.', raw: ' Callers should ask first.', line: 8 },
      { op: ' ', text: '', raw: ' ', line: 9 },
      { op: '-', text: 'Old last line', raw: '-Old last line', line: 10, noNewline: true },
      { op: '+', text: 'New last line', raw: '+New last line', line: 12, noNewline: true },
    ])
  })

  it('reports a truncated hunk as a located error and keeps reading', async () => {
    const { file, patches } = await read('truncated.patch', await fixture('truncated.patch'))
    expect(file.messages).toHaveLength(1)
    const [message] = file.messages
    expect(message.fatal).toBe(true)
    expect(message.ruleId).toBe('hunk-truncated')
    expect(message.source).toBe('strata:ingest')
    expect(String(message)).toBe(
      'tests/fixtures/patches/truncated.patch:5:1: Hunk `@@ -1,5 +1,5 @@ Widgets` is truncated: its header promises 5 old and 5 new lines, but it stops at line 10 after 3 old and 3 new',
    )
    expect(patches[0].files[0].hunks.map((hunk) => hunk.lines.length)).toEqual([4, 4])
  })

  it('reports a truncated hunk at the end of the file', async () => {
    const text = 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n'
    const { file } = await read('cut.patch', text)
    expect(file.messages.map(String)).toEqual([
      'tests/fixtures/patches/cut.patch:4:1: Hunk `@@ -1,3 +1,3 @@` is truncated: its header promises 3 old and 3 new lines, but it stops at the end of the file after 2 old and 1 new',
    ])
  })

  it('warns when a hunk line follows a complete hunk', async () => {
    const text = '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n+c\n'
    const { file } = await read('over.patch', text)
    expect(file.messages.map((message) => [message.ruleId, message.line, message.fatal])).toEqual([['hunk-overflow', 6, false]])
  })

  it('reports a malformed hunk header and a file diff without hunks', async () => {
    const text = [
      'diff --git a/x b/x',
      'index 1111111..2222222 100644',
      'diff --git a/y b/y',
      '--- a/y',
      '+++ b/y',
      '@@ -1,2 +1,2',
      '-a',
      '+b',
    ].join('\n')
    const { file, patches } = await read('bad.patch', text)
    expect(file.messages.map((message) => [message.ruleId, message.line, message.fatal])).toEqual([
      ['bad-hunk-header', 6, true],
      ['file-without-hunks', 1, false],
      ['file-without-hunks', 3, false],
    ])
    expect(patches[0].files.map((entry) => [entry.oldPath, entry.newPath, entry.oldBlob])).toEqual([
      ['x', 'x', '1111111'],
      ['y', 'y', null],
    ])
  })

  it('fails with a located error when there is no diff at all', async () => {
    const text = await fixture('no-diff.eml')
    const file = new VFile({ path: 'tests/fixtures/patches/no-diff.eml', value: text })
    await expect(readPatches(file)).rejects.toThrow('No diff in `tests/fixtures/patches/no-diff.eml`')
    expect(file.messages).toHaveLength(1)
    expect(file.messages[0]).toMatchObject({ fatal: true, ruleId: 'no-diff', line: 1, column: 1 })
    expect(String(file.messages[0])).toMatch(/^tests\/fixtures\/patches\/no-diff\.eml:1:1: No diff in/)
  })

  it('fails when the text is no patch in any format', async () => {
    const file = new VFile({ path: 'notes.txt', value: 'Just some notes.\nNothing to see.\n' })
    await expect(readPatches(file)).rejects.toThrow(/Cannot read `notes.txt` as a patch/)
    expect(file.messages[0]).toMatchObject({ fatal: true, ruleId: 'no-patch', line: 1, column: 1 })
  })
})

describe('web archive text', () => {
  it('delimits hunks by their counts when context looks like changes', async () => {
    const { file, patches } = await read('archive-table.txt', await fixture('archive-table.txt'))
    expect(file.messages).toEqual([])
    const [patch] = patches
    expect(patch).toMatchObject({
      format: 'archive',
      subject: 'docs: widgets: raise the depth limit',
      author: { name: 'Grace Sample', address: 'grace@xxxxxxxxxxx' },
      date: '2025-03-05T03:15:00-05:00',
    })
    const [first, second] = patch.files[0].hunks
    // Grid table borders `+---+` and `+===+` are context, not additions.
    expect(first.lines.map((line) => [line.op, line.raw])).toEqual([
      [' ', '+-------+-------+'],
      [' ', '| name | value |'],
      [' ', '+=======+=======+'],
      ['-', '-| depth | 4 |'],
      ['+', '+| depth | 8 |'],
      [' ', '+-------+-------+'],
      [' ', '| width | 16 |'],
      [' ', '+-------+-------+'],
    ])
    // The `-----` underline and `- ` bullets are context; the hunk stops before the `--` signature.
    expect(second.lines.map((line) => [line.op, line.raw])).toEqual([
      [' ', '-----'],
      [' ', ''],
      [' ', '- keep it small'],
      ['-', '-- keep it fast'],
      ['+', '+- keep it fast enough'],
      ['+', '+- and keep it honest'],
      [' ', '- keep it simple'],
      [' ', '- and documented'],
      [' ', ''],
    ])
    expect(second.lines[0]).toMatchObject({ text: '-----', line: 29 })
    expect(second.lines[3]).toMatchObject({ text: '- keep it fast' })
  })

  it('reads the same ops as the intact patch it was made from', async () => {
    const archive = (await read('archive-table.txt', await fixture('archive-table.txt'))).patches[0]
    const intact = (await read('limits-intact.patch', await fixture('limits-intact.patch'))).patches[0]
    expect(ops(archive)).toEqual(ops(intact))
    expect(ops(archive)).toEqual(['...-+...', '...-++...'])
  })

  it('copes with missing and extra blank lines at the end', async () => {
    const text = await fixture('archive-table.txt')
    const atEof = text.replace(/\n--\n2\.39\.5\n$/, '\n')
    const extra = text.replace(/\n--\n2\.39\.5\n$/, '\n\n\n\n--\n2.39.5\n\n')
    for (const variant of [atEof, extra]) {
      const { file, patches } = await read('archive-table.txt', variant)
      expect(file.messages).toEqual([])
      expect(ops(patches[0])).toEqual(['...-+...', '...-++...'])
    }
    // The blank context line before the signature is gone: assumed, with a warning.
    const missing = text.replace(/\n\n--\n2\.39\.5\n$/, '\n--\n2.39.5\n')
    const { file, patches } = await read('archive-table.txt', missing)
    expect(file.messages.map((message) => [message.ruleId, message.line, message.fatal])).toEqual([['hunk-padded', 28, false]])
    expect(ops(patches[0])).toEqual(['...-+...', '...-++...'])
    expect(patches[0].files[0].hunks[1].lines.at(-1)).toEqual({ op: ' ', text: '', raw: '', line: 37 })
  })

  it('reports a truncated archive hunk', async () => {
    const text = (await fixture('archive-table.txt')).replace(/\+- and keep it honest\n[^]*$/, '')
    const { file } = await read('archive-table.txt', text)
    expect(file.messages.map((message) => [message.ruleId, message.line, message.fatal])).toEqual([['hunk-truncated', 28, true]])
  })
})

describe('format detection', () => {
  it('detects each format', async () => {
    expect(detectFormat(await fixture('archive-table.txt'))).toBe('archive')
    expect(detectFormat(await readFile(fileURLToPath(new URL('seeds/000_42b78d77d17fb680.txt', shared)), 'utf8'))).toBe('archive')
    expect(detectFormat(await readFile(fileURLToPath(new URL('corpus/patches/kmap-conversion-notes-v1.eml', shared)), 'utf8'))).toBe('mail')
    for (const name of ['qp.eml', 'base64.eml', 'multipart.eml', 'crlf.eml', 'series-v2.mbox', 'no-diff.eml']) {
      expect([name, detectFormat(await fixture(name))]).toEqual([name, 'mail'])
    }
    // git format-patch output starts with an mbox `From <sha>` line: it is mail.
    expect(detectFormat(await fixture('format-patch-files.patch'))).toBe('mail')
    expect(detectFormat(await fixture('plain.diff'))).toBe('diff')
    expect(detectFormat(await fixture('truncated.patch'))).toBe('diff')
    expect(detectFormat('Nothing here.\n')).toBeNull()
    // A reply's subject looks like a header line, but the archive headers follow it.
    expect(detectFormat('Re: [PATCH] x\n\nFrom: Ada\nDate: Tue Dec 06 2022 - 02:00:42 EST\n\nbody\n')).toBe('archive')
    // Mail headers without From+Subject or a mail-only header are no mail.
    expect(detectFormat('From: Ada\nDate: Tue Dec 06 2022 - 02:00:42 EST\n\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n')).toBe('diff')
  })

  it('keeps a context line that looks like a diff command inside an archive hunk', async () => {
    const text = [
      '[PATCH] docs: patches: say how',
      '',
      'From: Ada',
      'Date: Tue Dec 06 2022 - 02:00:42 EST',
      '',
      'Say how.',
      '---',
      'diff --git a/Documentation/p.rst b/Documentation/p.rst',
      'index 1111111..2222222 100644',
      '--- a/Documentation/p.rst',
      '+++ b/Documentation/p.rst',
      '@@ -1,4 +1,4 @@',
      '-Make a patch with::',
      '+Make the patch with::',
      '',
      'diff -u old new',
      'Index: is not needed',
      '--',
      '2.43.0',
    ].join('\n')
    const { file, patches } = await read('p.txt', text)
    expect(file.messages).toEqual([])
    expect(ops(patches[0])).toEqual(['-+...'])
    expect(patches[0].files).toHaveLength(1)
  })

  it('lets --format force a reading', async () => {
    const text = await fixture('limits-intact.patch')
    const asDiff = (await read('limits-intact.patch', text, 'diff')).patches[0]
    expect(asDiff).toMatchObject({ format: 'diff', rawSubject: '', author: null, date: null })
    expect(ops(asDiff)).toEqual(['...-+...', '...-++...'])
    const asArchive = (await read('limits-intact.patch', text, 'archive')).patches[0]
    expect(asArchive.format).toBe('archive')
    expect(asArchive.files[0].mangled).toBe(true)
    // Forced to read archive text as an intact diff, the context lines without a space break the hunks.
    const { file } = await read('archive-table.txt', await fixture('archive-table.txt'), 'diff')
    expect(file.messages.map((message) => message.ruleId)).toContain('hunk-truncated')
  })
})

describe('archive text with a footer', () => {
  it('places the hunk end before the footer, with a warning', async () => {
    const text = [
      '[PATCH] docs: x',
      '',
      'From: Ada',
      'Date: Tue Dec 06 2022 - 02:00:42 EST',
      '',
      'Fix x.',
      '---',
      'diff --git a/x.rst b/x.rst',
      'index 1111111..2222222 100644',
      '--- a/x.rst',
      '+++ b/x.rst',
      '@@ -1,3 +1,3 @@',
      'one',
      '-two',
      '+2',
      'three',
      'Archive footer: previous message, next message',
    ].join('\n')
    const { file, patches } = await read('footer.txt', text)
    expect(file.messages.map((message) => [message.ruleId, message.line, message.fatal])).toEqual([['hunk-uncertain', 12, false]])
    expect(ops(patches[0])).toEqual(['.-+.'])
  })
})

describe('archive text with no-newline markers', () => {
  it('attaches each marker to the line before it', async () => {
    const text =
      '[PATCH] x\n\nFrom: Ada\nDate: Tue Dec 06 2022 - 02:00:42 EST\n\nmsg\n---\n' +
      'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\nkeep\n-old\n\\ No newline at end of file\n+new\n\\ No newline at end of file\n'
    const { file, patches } = await read('nonl.txt', text)
    expect(file.messages).toEqual([])
    expect(patches[0].files[0].hunks[0].lines).toEqual([
      { op: ' ', text: 'keep', raw: 'keep', line: 12 },
      { op: '-', text: 'old', raw: '-old', line: 13, noNewline: true },
      { op: '+', text: 'new', raw: '+new', line: 15, noNewline: true },
    ])
  })
})
