/**
 * A synthetic kernel-like corpus for the site benchmarks: N documents made
 * from the real ones under `../shared/corpus`, each a copy of one real
 * document (picked at random, so the mix of sizes and structures follows the
 * real corpus) with its identifiers and headings renamed so no two documents
 * say the same thing. Function names (`kmap_local_page()`), `CONFIG_*`
 * options and macros (`KMAP_TYPE_NR`) get a new first segment, consistently
 * within a document; each heading gets a new first word, with its adornment
 * resized to fit.
 *
 * Deterministic: the same seed and count give byte-identical files (a
 * mulberry32 PRNG, no clock, no `Math.random`, sorted inputs).
 *
 * The output folder holds `Documentation/gen/<n>/*.rst`, a patch that edits
 * the first document (`patches/bench-edit.patch`, what the incremental
 * rebuild changes) and `manifest.json` naming the folder with two versions,
 * `base` and `bench-edit`. `<n>` is the count, or `shared` for the real
 * documents copied unchanged.
 *
 * Usage: run-ts.mjs scripts/bench/generate.ts OUT COUNT|shared [SEED]
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTwoFilesPatch } from 'diff'
import { defaultCorpus, findRstFiles } from '../conformance/corpus.ts'

/** What to generate. */
export interface GenerateOptions {
  /** Output folder (emptied first). */
  out: string
  /** Number of documents, or `shared` for the real documents as they are. */
  count: number | 'shared'
  /** PRNG seed. Default 1. */
  seed?: number
  /** Folder of real documents. Default `../shared/corpus`. */
  source?: string
}

/** What was generated. */
export interface GeneratedCorpus {
  /** The output folder (the manifest's corpus). */
  root: string
  /** `manifest.json`, in `root`. */
  manifest: string
  /** `Documentation/gen/<n>`, relative to `root`. */
  folder: string
  /** The reST files, absolute, sorted. */
  files: string[]
  /** The patch the `bench-edit` version applies. */
  patch: string
  /** The document the patch edits, relative to `root`. */
  edited: string
  /** Total bytes of reST. */
  bytes: number
}

/**
 * mulberry32: a 32-bit seeded PRNG, small and good enough to pick templates.
 *
 * @returns
 *   A function giving numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const consonants = 'bdfgklmnprstvz'
const vowels = 'aeiou'

/**
 * A pronounceable made-up word of two or three syllables.
 *
 * @returns
 *   Lowercase word.
 */
function word(random: () => number): string {
  let text = ''
  const syllables = 2 + Math.floor(random() * 2)
  for (let at = 0; at < syllables; at++) {
    text += consonants[Math.floor(random() * consonants.length)] + vowels[Math.floor(random() * vowels.length)]
  }
  return text
}

/** `name()` in prose, roles and directives. */
const functionCall = /\b([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\(\)/g
/** A C declaration in a `.. c:function::` / `.. c:macro::` directive: the name before `(` or at the end. */
const cDirective = /^\.\.\s+c:(?:function|macro)::\s+(?:.*?[\s*])?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(|$)/gm
/** `CONFIG_*` and other all-caps names with an underscore. */
const macro = /\b(CONFIG_)?([A-Z][A-Z0-9]*)((?:_[A-Z0-9]+)*)\b/g
/** A section adornment line. */
const adornment = /^([=\-~^"'`#*+:.<>_])\1{2,}$/

/**
 * Rename a document's identifiers and headings.
 *
 * @param text
 *   reST of a real document.
 * @param random
 *   PRNG (advanced as words are drawn).
 * @returns
 *   The renamed document.
 */
export function renameDocument(text: string, random: () => number): string {
  // One new word per original first segment, distinct within the document.
  const segments = new Map<string, string>()
  const used = new Set<string>()
  const segmentFor = (segment: string) => {
    const key = segment.toLowerCase()
    let replacement = segments.get(key)
    if (!replacement) {
      do replacement = word(random)
      while (used.has(replacement))
      used.add(replacement)
      segments.set(key, replacement)
    }
    return replacement
  }
  const functions = new Set<string>()
  for (const match of text.matchAll(functionCall)) functions.add(match[1])
  for (const match of text.matchAll(cDirective)) if (/[a-z]/.test(match[1])) functions.add(match[1])
  const renameFunction = (name: string) => {
    const [first, ...rest] = name.split('_')
    return [segmentFor(first), ...rest].join('_')
  }
  let renamed = text
  if (functions.size > 0) {
    const names = [...functions].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    const pattern = new RegExp(`\\b(?:${names.join('|')})\\b`, 'g')
    renamed = renamed.replace(pattern, renameFunction)
  }
  renamed = renamed.replace(macro, (whole, config: string | undefined, first: string, rest: string) =>
    config ? `CONFIG_${segmentFor(first).toUpperCase()}${rest}` : rest ? `${segmentFor(first).toUpperCase()}${rest}` : whole,
  )
  return renameHeadings(renamed, random)
}

/**
 * Give every section title a new first word, resizing its adornment.
 *
 * @returns
 *   The text with renamed headings.
 */
function renameHeadings(text: string, random: () => number): string {
  const lines = text.split('\n')
  for (let at = 0; at + 1 < lines.length; at++) {
    const title = lines[at]
    const under = lines[at + 1]
    if (!title.trim() || /^\s/.test(title) || adornment.test(title) || !adornment.test(under)) continue
    const heading = title.trimEnd()
    const space = heading.indexOf(' ')
    const fresh = word(random)
    const newTitle = `${fresh[0].toUpperCase()}${fresh.slice(1)}${space === -1 ? '' : heading.slice(space)}`
    // At least as long as the new title: renaming a macro in the title
    // (`ZONE_DEVICE` → `ZUTILE_DEVICE`) may already have outgrown the line.
    const newLength = Math.max(3, newTitle.length + Math.max(0, under.length - heading.length))
    lines[at] = newTitle
    lines[at + 1] = under[0].repeat(newLength)
    if (at > 0 && lines[at - 1] === under) lines[at - 1] = under[0].repeat(newLength)
    at++
  }
  return lines.join('\n')
}

/**
 * The patch of the `bench-edit` version: a sentence added after the first
 * paragraph break of one document.
 *
 * @param relative
 *   The document, relative to the corpus.
 * @param before
 *   Its text.
 * @param sentence
 *   The sentence to add (the incremental rebuild changes it).
 * @returns
 *   A `git format-patch`-style mail.
 */
export function editPatch(relative: string, before: string, sentence: string): string {
  const after = before.replace(/\n\n/, `\n\n${sentence}\n\n`)
  const diff = createTwoFilesPatch(`a/${relative}`, `b/${relative}`, before, after, undefined, undefined, { context: 3 })
  const body = diff.split('\n').slice(1).join('\n')
  return [
    'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
    'From: Strata Bench <bench@example.org>',
    'Date: Tue, 6 Dec 2022 08:00:29 +0100',
    'Subject: [PATCH] gen: doc: add a sentence',
    '',
    'A synthetic edit for the incremental rebuild benchmark.',
    '',
    'Signed-off-by: Strata Bench <bench@example.org>',
    '---',
    `diff --git a/${relative} b/${relative}`,
    body,
  ].join('\n')
}

/**
 * Write a corpus, its patch and its manifest.
 *
 * @returns
 *   What was written.
 */
export async function generateCorpus(options: GenerateOptions): Promise<GeneratedCorpus> {
  const source = options.source ?? defaultCorpus
  const random = mulberry32(options.seed ?? 1)
  const templates = await Promise.all(
    (await findRstFiles(source)).map(async (file) => ({
      name: path.basename(file, '.rst').replace(/[^A-Za-z0-9_-]/g, '-'),
      relative: path.relative(source, file),
      text: (await readFile(file, 'utf8')).replace(/^\uFEFF/, ''),
    })),
  )
  if (templates.length === 0) throw new Error(`no .rst files under ${source}`)
  const root = path.resolve(options.out)
  const folder = `Documentation/gen/${options.count}`
  await rm(root, { recursive: true, force: true })
  const documents: Array<{ relative: string; text: string }> =
    options.count === 'shared'
      ? templates.map((template) => ({ relative: template.relative.replace(/^.*?Documentation\/mm\//, ''), text: template.text }))
      : Array.from({ length: options.count }, (_, index) => {
          const template = templates[Math.floor(random() * templates.length)]
          return { relative: `d${String(index).padStart(4, '0')}-${template.name}.rst`, text: renameDocument(template.text, random) }
        })
  const files: string[] = []
  let bytes = 0
  for (const document of documents) {
    const file = path.join(root, folder, document.relative)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, document.text)
    files.push(file)
    bytes += Buffer.byteLength(document.text)
  }
  const patch = path.join(root, 'patches/bench-edit.patch')
  await mkdir(path.dirname(patch), { recursive: true })
  const edited = `${folder}/${documents[0].relative}`
  await writeFile(patch, editPatch(edited, documents[0].text, editSentence(1)))
  const manifest = path.join(root, 'manifest.json')
  const versions = [
    { id: 'base', label: 'Base', date: '2022-12-11' },
    { id: 'bench-edit', parent: 'base', patches: ['patches/bench-edit.patch'] },
  ]
  await writeFile(manifest, `${JSON.stringify({ corpus: '.', documents: [{ folder, id: 'gen', versions }] }, null, 2)}\n`)
  return { root, manifest, folder, files: files.sort(), patch, edited, bytes }
}

/**
 * The sentence revision `n` of the patch adds.
 *
 * @returns
 *   Sentence.
 */
export function editSentence(revision: number): string {
  return `A benchmark edit, revision ${revision}.`
}

/**
 * Rewrite the corpus's patch as revision `n` (what the incremental rebuild
 * benchmark changes between builds).
 */
export async function rewritePatch(corpus: GeneratedCorpus, revision: number): Promise<void> {
  const before = await readFile(path.join(corpus.root, corpus.edited), 'utf8')
  await writeFile(corpus.patch, editPatch(corpus.edited, before, editSentence(revision)))
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [out, count, seed] = process.argv.slice(2)
  if (!out || !count || (count !== 'shared' && !/^\d+$/.test(count))) {
    process.stderr.write('usage: run-ts.mjs scripts/bench/generate.ts OUT COUNT|shared [SEED]\n')
    process.exitCode = 2
  } else {
    const corpus = await generateCorpus({ out, count: count === 'shared' ? 'shared' : Number(count), seed: seed ? Number(seed) : undefined })
    process.stderr.write(`generate: ${corpus.files.length} documents, ${(corpus.bytes / 1e3).toFixed(0)} kB in ${corpus.root}\n`)
  }
}
