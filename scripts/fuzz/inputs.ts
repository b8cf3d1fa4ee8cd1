/**
 * The fuzz inputs of each stage, generated and mutated, each made from the
 * run's seed and its index alone (so a finding is reproduced by
 * `npm run fuzz -- --seed S --stage X --dump INDEX`).
 *
 * Most inputs are small; one in `bigEvery` is a pathological one of 100 KB
 * to 600 KB (a paragraph with no full stop, a line of one character, deep
 * nesting, thousands of hunks), where a stage worse than linear shows.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createTwoFilesPatch } from 'diff'
import fc from 'fast-check'
import { gitBlobId } from '../../src/ingest/apply/text.ts'
import { denseApiInputs } from '../bench/dense-apis.ts'
import { mutate, mutationArbitrary, type Mutation } from './mutate.ts'

/** Real documents and patches to start from. */
export interface FuzzCorpus {
  /** Kernel documents, by their path in a kernel tree (`Documentation/mm/highmem.rst`). */
  docs: Array<{ path: string; text: string }>
  /** Real patches: the raw mail and the web-archive text. */
  patches: string[]
}

/** Read the corpus in `../shared` by path. */
export function loadCorpus(shared: string): FuzzCorpus {
  const docsRoot = path.join(shared, 'corpus/linux-docs')
  const sources = readFileSync(path.join(docsRoot, 'SOURCES.tsv'), 'utf8')
  const names = [...sources.matchAll(/^(Documentation\/\S+\.rst)\t/gm)].map((match) => match[1])
  const docs = [
    { path: 'Documentation/mm/highmem.rst', text: readFileSync(path.join(shared, 'corpus/linux-v6.1/Documentation/mm/highmem.rst'), 'utf8') },
    ...names.sort().slice(0, 24).map((name) => ({ path: name, text: readFileSync(path.join(docsRoot, name), 'utf8') })),
  ]
  const patches = [path.join(shared, 'corpus/patches/kmap-conversion-notes-v1.eml'), path.join(shared, 'seeds/000_42b78d77d17fb680.txt')].map((name) => readFileSync(name, 'utf8'))
  return { docs, patches }
}

/** One in this many inputs is a large pathological one. */
export const bigEvery = 97

/** reST fragments that steer generated text into the parser's corners, hostile includes among them. */
export const rstPieces = [
  'Title\n=====\n\n', '=====\nTitle\n=====\n\n', '---\n', '\n', '\n\n', '  ', '\t', '* item\n', '- item\n', '#. item\n', '1) item\n', '(a) item\n',
  '::\n\n    literal\n', '.. note::\n\n   text\n', '.. code-block:: c\n\n   int x;\n', '.. c:function:: void *kmap(struct page *page)\n\n',
  '.. kernel-doc:: include/linux/x.h\n   :functions: x\n\n', '.. kernel-doc:: link/secret.h\n\n', '.. kernel-doc:: ../outside/secret.h\n\n',
  '.. include:: part.rst\n\n', '.. include:: link/secret.rst\n\n', '.. include:: secret.rst\n\n', '.. include:: ../outside/secret.rst\n\n', '.. include:: /etc/passwd\n\n',
  '.. include:: <isonum.txt>\n\n', '.. raw:: html\n\n   <script>alert(1)</script>\n\n', '`javascript:alert(1) <javascript:alert(1)>`_', '.. _label:\n\n',
  '+---+---+\n| a | b |\n+===+===+\n| c | d |\n+---+---+\n', '=== ===\na   b\n=== ===\n', ':field: value\n', 'term\n   definition\n',
  '*emph*', '**strong**', '``literal``', ':c:func:`kmap`', ':ref:`label`', '`text`_', '[#]_', '|sub|', '\\', '`', '*', '**', '_', '|', '..', '::',
  'kmap_local_page() must not be called from interrupt context. ', 'kmap() is deprecated, use kmap_local_page() instead. ',
  'It may sleep. ', 'Return: 0 on success. ', 'The caller must hold the lock. ', 'Context: any context', ' e.g. ', ' i.e. ', '... ', ' etc ',
  'a@xxxxxxx ', '😀', '\u00a0', '\r\n', '> quoted\n', '| line block\n', '   indented\n', '    deeper\n',
]

/** Diff fragments for mutating patches: hostile paths, renames, odd headers. */
export const patchPieces = [
  'diff --git a/../escape.rst b/../escape.rst\n', '--- a/link/secret.rst\n+++ b/link/secret.rst\n', 'rename from link/secret.rst\nrename to stolen.rst\n',
  'copy from Documentation/sym.rst\ncopy to copied.rst\n', '+++ b/olink/w.rst\n', '+++ b//tmp/abs.rst\n', 'new file mode 100644\n', 'deleted file mode 100644\n',
  '@@ -1,3 +1,4 @@\n', '@@ -0,0 +1 @@\n', '@@ -99999,1 +99999,1 @@\n', '\\ No newline at end of file\n', ' context\n', '+added\n', '-removed\n',
  '+++ ', '--- ', '@@ ', 'index 0000000..1111111 100644\n', 'From: a@xxxxxxx\n', 'Subject: [PATCH 1/2] x\n', '---\n', ' 1 file changed\n', '\n', ' ', '+', '-', '@',
]

export type Stage = 'rst' | 'patch' | 'records' | 'build'
export const stages: readonly Stage[] = ['rst', 'patch', 'records', 'build']

/** A patch input: the patch text and where it is to be applied. */
export interface PatchInput {
  text: string
  /** Apply with `--out` the tree itself (else a separate output folder). */
  inPlace: boolean
  reverse: boolean
}

/** A content input for the build stage: the manifest text, the files it names (below the content folder), and the base documents. */
export interface ContentInput {
  manifest: string
  files: Record<string, string>
}

/** The per-input seed: the run's seed and the index mixed, so neighbouring indexes differ entirely. */
function seedFor(seed: number, index: number): number {
  let value = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b) >>> 0
  return (value ^ (value >>> 13)) | 0
}

function draw<T>(arbitrary: fc.Arbitrary<T>, seed: number, index: number): T {
  return fc.sample(arbitrary, { seed: seedFor(seed, index), numRuns: 1 })[0]
}

const recipe: fc.Arbitrary<Recipe> = fc.record({
  from: fc.nat(1 << 20),
  kind: fc.nat(9),
  pieces: fc.array(fc.nat(1 << 10), { maxLength: 80 }),
  mutations: mutationArbitrary,
  size: fc.integer({ min: 100_000, max: 600_000 }),
  flags: fc.nat(1 << 10),
})
interface Recipe {
  from: number
  kind: number
  pieces: number[]
  mutations: Mutation[]
  size: number
  flags: number
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]

/** A reST document: generated from fragments, a mutated corpus document, or a pathological one. */
export function rstInput(corpus: FuzzCorpus, seed: number, index: number): string {
  const r = draw(recipe, seed, index)
  if (index % bigEvery === bigEvery - 1) return pathologicalRst(r)
  if (r.kind < 4) return r.pieces.map((n) => pick(rstPieces, n)).join('')
  const doc = pick(corpus.docs, r.from).text
  return mutate(doc, r.mutations, rstPieces)
}

const denseShapes = Object.values(denseApiInputs)

/** Large inputs of the shapes that make a careless stage quadratic: in the parser's constructs, or dense with distinct APIs. */
function pathologicalRst(r: Recipe): string {
  const repeat = (unit: string) => unit.repeat(Math.ceil(r.size / unit.length)).slice(0, r.size)
  const shape = r.from % (8 + denseShapes.length)
  if (shape >= 8) return denseShapes[shape - 8](r.size)
  switch (shape) {
    case 0:
      return 'A paragraph without a full stop ' + repeat('kmap_local_page() may sleep and ') + '\n'
    case 1:
      return repeat('x') + '\n'
    case 2:
      return repeat('* item\n\n  ')
    case 3:
      return repeat('- a\n') + '\n'
    case 4:
      return 'Title\n' + repeat('=') + '\n'
    case 5:
      return repeat('*a ')
    case 6:
      return repeat('`a ')
    default:
      return repeat('| a | b |\n')
  }
}

/** A patch: made from a real edit of a corpus document (intact, mail or archive form), a mutated real patch, or hostile headers. */
export function patchInput(corpus: FuzzCorpus, seed: number, index: number): PatchInput {
  const r = draw(recipe, seed, index)
  const inPlace = r.flags % 16 === 0
  const reverse = r.flags % 11 === 0
  if (index % bigEvery === bigEvery - 1) return { text: manyHunks(corpus, r), inPlace, reverse }
  let text: string
  if (r.kind === 0) text = pick(corpus.patches, r.from)
  else {
    const doc = pick(corpus.docs, r.from)
    const target = r.kind === 1 ? pick(hostilePaths, r.flags) : doc.path
    text = editPatch(doc.text, target, r)
    if (r.flags % 3 === 1) text = asMail(text)
    if (r.flags % 3 === 2) text = asArchive(asMail(text))
  }
  return { text: mutate(text, r.mutations, patchPieces), inPlace, reverse }
}

/** Paths a hostile patch names: out of the tree, absolute, through a link, to a link. */
export const hostilePaths = ['../escape.rst', '/tmp/strata-fuzz-abs.rst', 'link/secret.rst', 'Documentation/sym.rst', 'olink/w.rst', 'a/../../x.rst', 'Documentation/../../x.rst', 'link', '.', '']

/** A git diff of one random edit (a few replaced, inserted or deleted lines) of a document. */
function editPatch(text: string, target: string, r: Recipe): string {
  const lines = text.split('\n')
  for (const [position, n] of r.pieces.slice(0, 6).entries()) {
    const at = (n * 7919 + position) % Math.max(1, lines.length)
    if (n % 3 === 0) lines.splice(at, 1)
    else lines.splice(at, n % 3 === 1 ? 1 : 0, pick(rstPieces, n).replace(/\n$/, ''))
  }
  const after = lines.join('\n')
  const body = createTwoFilesPatch(`a/${target}`, `b/${target}`, text, after, undefined, undefined, { context: 3 }).replace(/^=+\n/m, '').replace(/^Index: .*\n/m, '')
  return `diff --git a/${target} b/${target}\nindex ${gitBlobId(text).slice(0, 12)}..${gitBlobId(after).slice(0, 12)} 100644\n${body}`
}

function asMail(diff: string): string {
  return `From: Fuzz <fuzz@example.org>\nSubject: [PATCH] fuzz: an edit\nDate: Tue, 6 Dec 2022 08:00:29 +0100\nMessage-ID: <fuzz@example.org>\n\nA commit message.\n\nSigned-off-by: Fuzz <fuzz@example.org>\n---\n${diff}--\n2.38.1\n`
}

/** What a web archive shows of a mail: leading whitespace dropped, blanks folded, domains masked. */
function asArchive(mail: string): string {
  const [, ...rest] = mail.split('\n\n')
  const body = rest
    .join('\n\n')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+/, '').replace(/[ \t]+/g, ' ').replace(/@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, (_, domain: string) => '@' + 'x'.repeat(domain.length)))
    .join('\n')
  return `[PATCH] fuzz: an edit\n\nFrom: Fuzz\nDate: Tue Dec 06 2022 - 02:00:29 EST\n\n\n${body}`
}

/** A large patch: thousands of one-line hunks (every fifth line changed) against a long document, written out directly. */
function manyHunks(corpus: FuzzCorpus, r: Recipe): string {
  const count = Math.min(Math.floor(r.size / 120), longDocumentLines / 5 - 1)
  const target = longDocumentPath
  const hunks: string[] = []
  for (let hunk = 0; hunk < count; hunk++) {
    // Lines 5h+1 … 5h+3 (1-based): context, changed line, context.
    const first = hunk * 5 + 1
    hunks.push(`@@ -${first},3 +${first},3 @@\n line ${first - 1} of a long document\n-line ${first} of a long document\n+changed ${first} of a long document\n line ${first + 1} of a long document\n`)
  }
  const patch = `diff --git a/${target} b/${target}\n--- a/${target}\n+++ b/${target}\n${hunks.join('')}`
  return r.flags % 2 === 0 ? patch : asArchive(asMail(patch))
}

/** The document `manyHunks` patches, in the tree at `longDocumentPath`. */
export function longDocument(): string {
  return Array.from({ length: longDocumentLines }, (_, line) => `line ${line} of a long document`).join('\n') + '\n'
}
export const longDocumentPath = 'Documentation/long.rst'
const longDocumentLines = 25_000

/** A records input: reST biased to API sentences (the records stage reads prose). */
export function recordsInput(corpus: FuzzCorpus, seed: number, index: number): string {
  return rstInput(corpus, seed ^ 0x5eed, index)
}

/** A content folder for the build stage: a manifest (valid in shape, then perhaps damaged) and the documents and patches it names. */
export function contentInput(corpus: FuzzCorpus, seed: number, index: number): ContentInput {
  const r = draw(recipe, seed, index)
  const doc = pick(corpus.docs, r.from)
  const text = r.kind < 3 ? mutate(doc.text, r.mutations, rstPieces) : r.pieces.map((n) => pick(rstPieces, n)).join('')
  const patch = editPatch(text, doc.path, r)
  const versions: unknown[] = [{ id: 'v1', label: 'Version 1' }, { id: 'v2', parent: 'v1', patches: ['patches/one.patch'] }]
  if (r.flags % 5 === 0) versions.push({ id: 'v3', parent: 'v2', patches: ['patches/one.patch'] })
  const manifest = {
    corpus: 'corpus',
    kernelTree: 'kernel',
    documents: [{ id: 'doc', path: doc.path, versions }, ...(r.flags % 7 === 0 ? [{ folder: path.posix.dirname(doc.path), versions: [{ id: 'v1' }] }] : [])],
  }
  let json = JSON.stringify(manifest, null, 2)
  if (r.kind >= 6) json = mutate(json, r.mutations, ['"', ',', '{', '}', '[', ']', ':', '"parent": "v2"', '"id": "v1"', 'null', '0', '"patches": []'])
  return { manifest: json, files: { [`corpus/${doc.path}`]: text, 'patches/one.patch': r.flags % 2 ? patch : asArchive(asMail(patch)) } }
}
