/**
 * `strata add` on threads and series built at test time: the shared v1 patch
 * with its three review replies, and git-made series over real corpus
 * documents with two revisions, cover letters, quoted-printable, CRLF,
 * attachments and a patch touching two documents and a C file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadManifest } from '../../src/versions/load.ts'
import { computeVersions } from '../../src/versions/versions.ts'
import { runCli } from '../helpers/cli.ts'
import { hashObject } from '../helpers/git.ts'
import { corpus, shared } from '../helpers/paths.ts'
import { asAttachment, base64Body, contentDir, foldSubject, formatSeries, headerOf, messagesOf, quotedPrintable, reply, toMbox } from './thread-helpers.ts'

const docs = path.join(shared, 'corpus/linux-docs')
const hmmPath = 'Documentation/mm/hmm.rst'
const slubPath = 'Documentation/mm/slub.rst'
const hmm = readFileSync(path.join(docs, hmmPath), 'utf8')
const slub = readFileSync(path.join(docs, slubPath), 'utf8')

/** Insert lines after the `after`-th line (1-based) of a text. */
function insert(text: string, after: number, lines: string[]): string {
  const all = text.split('\n')
  all.splice(after, 0, ...lines)
  return all.join('\n')
}

function manifestFor(corpusDir: string, documents: Array<{ id: string; path: string }>): string {
  return JSON.stringify({ corpus: corpusDir, documents: documents.map((document) => ({ ...document, versions: [{ id: 'base', label: 'Base' }] })) }, null, 2) + '\n'
}

async function versionsOf(dir: string) {
  const { manifest, file } = await loadManifest({ content: dir })
  if (!manifest) throw new Error(file.messages.map(String).join('\n'))
  return computeVersions(manifest)
}

describe('strata add on the shared thread', () => {
  const patch = readFileSync(corpus.mail, 'utf8')
  const replies = [1, 2, 3].map((n) => readFileSync(corpus.mail.replace('.eml', `-reply-${n}.eml`), 'utf8'))

  it('adds one version with the patch applied and its three review replies', async () => {
    const dir = contentDir({
      'manifest.json': JSON.stringify({ corpus: path.dirname(path.dirname(path.dirname(corpus.highmem))), documents: [{ id: 'mm/highmem', path: 'Documentation/mm/highmem.rst', versions: [{ id: 'v6.1', label: 'Linux v6.1' }] }] }),
      'thread.mbox': toMbox([patch, ...replies]),
    })
    const { code, stdout, stderr } = await runCli(['add', '--content', dir, path.join(dir, 'thread.mbox')])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toBe('added mm/highmem@mm-highmem-add-notes-about-conversions-v1 (parent v6.1): mm/highmem: Add notes about conversions from kmap{,_atomic}() (v1), 1 patch, 3 review replies\n')
    const written = readFileSync(path.join(dir, 'manifest.json'), 'utf8')
    expect(JSON.parse(written).documents[0].versions[1]).toEqual({
      id: 'mm-highmem-add-notes-about-conversions-v1',
      label: 'mm/highmem: Add notes about conversions from kmap{,_atomic}() (v1)',
      date: '2022-12-06',
      parent: 'v6.1',
      patches: ['thread.mbox'],
      replies: ['thread.mbox'],
    })
    // Formatted in the manifest's style, and no trial file left behind.
    expect(written).toContain('\n        { "id": "v6.1", "label": "Linux v6.1" },\n')
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'thread.mbox'])

    const { versions } = await versionsOf(dir)
    const added = versions.find((version) => version.id.endsWith('-v1'))!
    expect(added.blob.slice(0, 12)).toBe('9523e92299f6')
    expect(added.reviews.map((review) => [review.author?.name, review.date, review.answers])).toEqual([
      ['Sebastian Andrzej Siewior', '2022-12-06T09:00:10+01:00', '20221206070029.7342-1-fmdefrancesco@gmail.com'],
      ['Sebastian Andrzej Siewior', '2022-12-07T09:00:29+01:00', '20221206070029.7342-1-fmdefrancesco@gmail.com'],
      ['Sebastian Andrzej Siewior', '2022-12-07T14:51:00+01:00', '20221206070029.7342-1-fmdefrancesco@gmail.com'],
    ])
    // The first reply quotes the diff and answers it; quoting is taken off one level.
    const first = added.reviews[0]
    expect(first.blocks[1]).toMatchObject({ kind: 'quote' })
    expect(first.blocks[1].lines[0]).toBe('diff --git a/Documentation/mm/highmem.rst b/Documentation/mm/highmem.rst')
    expect(first.blocks[2]).toEqual({ kind: 'text', lines: ['  Furthermore, code between the kmap_atomic() and kunmap_atomic()', '  functions may implicitly depended on the side effects of kmap_atomic()', '  namely disabling pagefaults or preemption or both.'] })
    // The third is quoted-printable: decoded (=E2=80=A6 is an ellipsis, soft breaks joined).
    expect(added.reviews[2].blocks.flatMap((block) => block.lines)).toContain('while replacing the code. Maybe I read it wrongly…')
    expect(added.reviews[2].blocks.flatMap((block) => block.lines)).toContain('check whether or not the whole kmap-ed section depended on those side effects.')
  })

  it('never applies a reply, even one that carries a diff of its own', async () => {
    // The reply repeats the patch's diff unquoted: applying it would fail on the patched text.
    const body = patch.slice(patch.indexOf('\ndiff --git') + 1)
    const withDiff = reply(patch, { from: 'Reviewer <r@example.org>', date: 'Wed, 7 Dec 2022 10:00:00 +0100', id: 'r1@example.org', quote: ['the patch'], text: 'How about this:\n\n' + body })
    const dir = contentDir({
      'manifest.json': JSON.stringify({ corpus: path.dirname(path.dirname(path.dirname(corpus.highmem))), documents: [{ id: 'mm/highmem', path: 'Documentation/mm/highmem.rst', versions: [{ id: 'v6.1' }] }] }),
      'thread.mbox': toMbox([patch, withDiff]),
    })
    const { code, stdout } = await runCli(['add', '--content', dir, path.join(dir, 'thread.mbox')])
    expect(code).toBe(0)
    expect(stdout).toContain('1 patch, 1 review reply')
    const { versions } = await versionsOf(dir)
    expect(versions.at(-1)!.blob.slice(0, 12)).toBe('9523e92299f6')
    expect(versions.at(-1)!.parsedPatches).toHaveLength(1)
  })
})

describe('strata add on two revisions of a series over two documents', () => {
  const hmmV1 = insert(hmm, 12, ['', 'HMM mirrors a process address space for a device; this line is from v1.'])
  const hmmV2 = insert(hmm, 12, ['', 'HMM mirrors a process address space for a device; v2 words it better.'])
  const slubV1 = insert(slub, 20, ['', 'SLUB keeps per-CPU slabs; a note added by the series = "two documents".'])
  const code = 'int widget_flush(void)\n{\n\treturn 0;\n}\n'
  const series = (revision: number, prefix: string) =>
    formatSeries(
      { [hmmPath]: hmm, [slubPath]: slub, 'mm/widget.c': '' },
      [
        { subject: 'mm/hmm: Explain mirroring', body: 'From the start, HMM mirrors; a body line starting with "From ".', files: { [hmmPath]: revision === 1 ? hmmV1 : hmmV2 } },
        { subject: 'mm/slub: Note per-CPU slabs', files: { [slubPath]: slubV1, 'mm/widget.c': code } },
      ],
      { revision, prefix, cover: 'mm: Explain mirroring and slabs' },
    )

  function thread() {
    const v1 = messagesOf(series(1, 'RFC PATCH'))
    const v2 = messagesOf(series(2, 'PATCH'))
    // v1 as the list delivered it: quoted-printable, a folded subject, CRLF.
    const v1Mail = [v1[0], quotedPrintable(v1[1]), foldSubject(v1[2])]
    // v2's first patch as an attachment, its second in base64, and a review
    // of the first; v2 listed before v1, 2/2 before 1/2.
    const review = reply(v2[1], { from: 'Reviewer <reviewer@example.org>', date: 'Thu, 8 Dec 2022 10:00:00 +0100', id: 'review-v2@example.org', quote: ['HMM mirrors a process address space'], text: 'Looks good <b>to me</b>.' })
    return { v1: v1Mail, v2: [v2[0], base64Body(v2[2]), asAttachment(v2[1]), review] }
  }

  it('adds sibling versions v1 and v2 to both documents, the second taken from --corpus, code skipped', async () => {
    const { v1, v2 } = thread()
    const dir = contentDir({
      'manifest.json': manifestFor(docs, [{ id: 'mm/hmm', path: hmmPath }]),
      'mail/v2.mbox': toMbox(v2),
      'mail/v1.mbox': toMbox(v1).replace(/\n/g, '\r\n'),
    })
    const { code: exit, stdout, stderr } = await runCli(['add', '--content', dir, '--corpus', docs, path.join(dir, 'mail/v2.mbox'), path.join(dir, 'mail/v1.mbox')])
    expect(stderr).toBe('')
    expect(exit).toBe(0)
    expect(stdout.split('\n')).toEqual([
      'added mm/hmm@mm-explain-mirroring-and-slabs-v1 (parent base): mm: Explain mirroring and slabs (v1), 1 patch, 0 review replies',
      'added mm/slub@mm-explain-mirroring-and-slabs-v1 (parent base, new document): mm: Explain mirroring and slabs (v1), 1 patch, 0 review replies',
      'skipped mm/widget.c: code, not documentation ([RFC PATCH v1 2/2] mm/slub: Note per-CPU slabs)',
      'added mm/hmm@mm-explain-mirroring-and-slabs-v2 (parent base): mm: Explain mirroring and slabs (v2), 1 patch, 1 review reply',
      'added mm/slub@mm-explain-mirroring-and-slabs-v2 (parent base): mm: Explain mirroring and slabs (v2), 1 patch, 1 review reply',
      'skipped mm/widget.c: code, not documentation ([PATCH v2 2/2] mm/slub: Note per-CPU slabs)',
      '',
    ])
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
    const [hmmEntry, slubEntry] = manifest.documents
    expect(hmmEntry.versions.map((version: { id: string; parent?: string }) => [version.id, version.parent])).toEqual([
      ['base', undefined],
      ['mm-explain-mirroring-and-slabs-v1', 'base'],
      ['mm-explain-mirroring-and-slabs-v2', 'base'],
    ])
    expect(hmmEntry.versions[1]).toMatchObject({ label: 'mm: Explain mirroring and slabs (v1)', patches: ['mail/v1.mbox'] })
    expect(hmmEntry.versions[1].revision).toBeUndefined()
    expect(hmmEntry.versions[2]).toMatchObject({ patches: ['mail/v2.mbox'], replies: ['mail/v2.mbox'] })
    expect(slubEntry).toMatchObject({ id: 'mm/slub', path: slubPath, versions: [{ id: 'base', label: 'Base' }, { id: 'mm-explain-mirroring-and-slabs-v1' }, { id: 'mm-explain-mirroring-and-slabs-v2' }] })

    // The texts are what git made, byte for byte; the review belongs to v2 only.
    const { versions } = await versionsOf(dir)
    const text = (document: string, id: string) => versions.find((version) => version.document === document && version.id === id)!
    expect(text('mm/hmm', 'mm-explain-mirroring-and-slabs-v1').blob).toBe(hashObject(hmmV1))
    expect(text('mm/hmm', 'mm-explain-mirroring-and-slabs-v2').blob).toBe(hashObject(hmmV2))
    expect(text('mm/slub', 'mm-explain-mirroring-and-slabs-v1').blob).toBe(hashObject(slubV1))
    expect(text('mm/hmm', 'mm-explain-mirroring-and-slabs-v1').reviews).toEqual([])
    const [review] = text('mm/hmm', 'mm-explain-mirroring-and-slabs-v2').reviews
    expect(review).toMatchObject({ subject: 'Re: [PATCH v2 1/2] mm/hmm: Explain mirroring', author: { name: 'Reviewer', address: 'reviewer@example.org' } })
    expect(review.blocks).toEqual([
      { kind: 'text', lines: ['On a day, someone wrote:'] },
      { kind: 'quote', lines: ['HMM mirrors a process address space'] },
      { kind: 'text', lines: ['Looks good <b>to me</b>.'] },
    ])
  })

  it('takes one revision from a mailbox that holds both, in n/N order', async () => {
    const { v1, v2 } = thread()
    const dir = contentDir({ 'manifest.json': manifestFor(docs, [{ id: 'mm/hmm', path: hmmPath }, { id: 'mm/slub', path: slubPath }]), 'thread.mbox': toMbox([...v2, ...v1]) })
    const { code: exit } = await runCli(['add', '--content', dir, path.join(dir, 'thread.mbox')])
    expect(exit).toBe(0)
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
    expect(manifest.documents[0].versions.slice(1)).toEqual([
      { id: 'mm-explain-mirroring-and-slabs-v1', label: 'mm: Explain mirroring and slabs (v1)', date: expect.any(String), parent: 'base', patches: ['thread.mbox'], revision: 1 },
      { id: 'mm-explain-mirroring-and-slabs-v2', label: 'mm: Explain mirroring and slabs (v2)', date: expect.any(String), parent: 'base', patches: ['thread.mbox'], revision: 2, replies: ['thread.mbox'] },
    ])
    const { versions } = await versionsOf(dir)
    expect(versions.find((version) => version.document === 'mm/hmm' && version.id.endsWith('-v2'))!.blob).toBe(hashObject(hmmV2))
    expect(versions.find((version) => version.document === 'mm/slub' && version.id.endsWith('-v1'))!.patches.map((meta) => meta.series?.number)).toEqual([2])
  })

  it('orders a series given as one file per patch by n/N, and takes --parent', async () => {
    const [, first, second] = messagesOf(series(3, 'PATCH'))
    const dir = contentDir({
      'manifest.json': manifestFor(docs, [{ id: 'mm/hmm', path: hmmPath }, { id: 'mm/slub', path: slubPath }]),
      '0001-mm-hmm.patch': first,
      '0002-mm-slub.patch': second,
    })
    const { code: exit, stdout } = await runCli(['add', '--content', dir, '--parent', 'base', path.join(dir, '0002-mm-slub.patch'), path.join(dir, '0001-mm-hmm.patch')])
    expect(exit).toBe(0)
    // Without its cover letter the series is named by its first patch.
    expect(stdout).toContain('added mm/hmm@mm-hmm-explain-mirroring-v3 (parent base): mm/hmm: Explain mirroring (v3), 1 patch, 0 review replies')
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
    expect(manifest.documents[0].versions[1].patches).toEqual(['0001-mm-hmm.patch'])
    expect(manifest.documents[1].versions[1].patches).toEqual(['0002-mm-slub.patch'])
    expect(headerOf(first, 'Subject')).toBe('[PATCH v3 1/2] mm/hmm: Explain mirroring')
  })

  it('adds one version to a folder entry for every document of it the series touches', async () => {
    const { v2 } = thread()
    const dir = contentDir({
      'manifest.json': JSON.stringify({ corpus: docs, documents: [{ folder: 'Documentation/mm', versions: [{ id: 'base' }] }] }),
      'v2.mbox': toMbox(v2),
    })
    const { code: exit, stderr } = await runCli(['add', '--content', dir, path.join(dir, 'v2.mbox')])
    expect(stderr).toBe('')
    expect(exit).toBe(0)
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
    expect(manifest.documents[0].versions).toEqual([
      { id: 'base' },
      { id: 'mm-explain-mirroring-and-slabs-v2', label: 'mm: Explain mirroring and slabs (v2)', date: expect.any(String), parent: 'base', patches: ['v2.mbox'], replies: ['v2.mbox'] },
    ])
    const { versions } = await versionsOf(dir)
    const patched = versions.filter((version) => version.id.endsWith('-v2'))
    expect(patched.map((version) => [version.document, version.blob])).toEqual([
      ['mm/hmm', hashObject(hmmV2)],
      ['mm/slub', hashObject(slubV1)],
    ])
  })

  it('refuses, changing nothing, when a patch does not apply to its parent', async () => {
    const { v1 } = thread()
    // The base is the document without the lines the patch's context needs.
    const broken = hmm.split('\n').slice(0, 5).join('\n') + '\n'
    const dir = contentDir({ 'manifest.json': manifestFor('corpus', [{ id: 'mm/hmm', path: hmmPath }]), [`corpus/${hmmPath}`]: broken, 'v1.mbox': toMbox(v1) })
    const before = readFileSync(path.join(dir, 'manifest.json'), 'utf8')
    const { code: exit, stdout, stderr } = await runCli(['add', '--content', dir, path.join(dir, 'v1.mbox')])
    expect(exit).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/v1\.mbox:\d+:1: error: hunk 1 \(@@ -\d+,\d+ \+\d+,\d+ @@\) does not apply: expected .* near Documentation\/mm\/hmm\.rst:\d+/)
    expect(stderr).toContain('is unchanged')
    expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(before)
    expect(readdirSync(dir).filter((name) => name.includes('strata'))).toEqual([])
  })

  it('refuses a revision that touches no document it knows', async () => {
    const { v1 } = thread()
    const dir = contentDir({ 'manifest.json': manifestFor(docs, [{ id: 'mm/other', path: 'Documentation/mm/page_owner.rst' }]), 'v1.mbox': toMbox(v1) })
    const before = readFileSync(path.join(dir, 'manifest.json'), 'utf8')
    const { code: exit, stderr } = await runCli(['add', '--content', dir, path.join(dir, 'v1.mbox')])
    expect(exit).toBe(1)
    expect(stderr).toMatch(/v1\.mbox:\d+:1: error: revision v1 .* touches no document Strata can add a version to \[strata:add:cannot-add\]/)
    expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(before)
    expect(existsSync(path.join(dir, 'manifest.json'))).toBe(true)
  })
})
