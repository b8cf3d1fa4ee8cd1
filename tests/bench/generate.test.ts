/**
 * The benchmark's inputs: the synthetic corpus (deterministic for a seed,
 * documents that differ but keep their template's structure) and the Sphinx
 * project written beside it (every document in exactly one toctree).
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { VFile } from 'vfile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateCorpus, type GeneratedCorpus } from '../../scripts/bench/generate.ts'
import { toctreeSize, writeSphinxProject } from '../../scripts/bench/sphinx.ts'
import { fromRst } from '../../plugins/rst-parse/index.ts'

let scratch: string
let corpus: GeneratedCorpus
const count = toctreeSize + 7

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'strata-generate-'))
  corpus = await generateCorpus({ out: path.join(scratch, 'a'), count, seed: 7 })
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

const texts = (files: readonly string[]) => Promise.all(files.map((file) => readFile(file, 'utf8')))

describe('the synthetic corpus', () => {
  it('is the same for the same seed and differs for another', async () => {
    const again = await generateCorpus({ out: path.join(scratch, 'b'), count, seed: 7 })
    const other = await generateCorpus({ out: path.join(scratch, 'c'), count, seed: 8 })
    expect(again.files.map((file) => path.relative(again.root, file))).toEqual(corpus.files.map((file) => path.relative(corpus.root, file)))
    expect(await texts(again.files)).toEqual(await texts(corpus.files))
    expect(await texts(other.files)).not.toEqual(await texts(corpus.files))
  })

  it('renames functions and headings, so two copies of one template differ', async () => {
    const byTemplate = new Map<string, string[]>()
    for (const [index, text] of (await texts(corpus.files)).entries()) {
      const template = path.basename(corpus.files[index]).replace(/^d\d+-/, '')
      byTemplate.set(template, [...(byTemplate.get(template) ?? []), text])
    }
    const twins = [...byTemplate.values()].find((copies) => copies.length > 1)
    expect(twins, 'some template is used twice').toBeDefined()
    const calls = (text: string) => new Set(text.match(/\b[a-z]\w*_\w+\(\)/g))
    const [first, second] = twins!.map(calls)
    expect(first.size).toBeGreaterThan(0)
    expect([...first].filter((name) => second.has(name)).length).toBeLessThan(first.size)
  })

  it('keeps every title underline at least as long as its title', async () => {
    for (const [index, text] of (await texts(corpus.files)).entries()) {
      const file = new VFile({ path: corpus.files[index], value: text })
      fromRst(text, file)
      expect(file.messages.filter((message) => /underline too short/i.test(message.reason)).map(String)).toEqual([])
    }
  })
})

describe('the Sphinx project', () => {
  it('puts every document in exactly one toctree of at most toctreeSize entries, under index.rst', async () => {
    const documentation = path.join(corpus.root, 'Documentation')
    await writeSphinxProject(documentation)
    await writeSphinxProject(documentation) // a second run must not index its own section files
    const index = await readFile(path.join(documentation, 'index.rst'), 'utf8')
    const entries = (text: string) => [...text.matchAll(/^ {3}(\S+)$/gm)].map((match) => match[1])
    const sections = entries(index)
    expect(sections.length).toBe(Math.ceil(count / toctreeSize))
    const listed: string[] = []
    for (const section of sections) {
      const names = entries(await readFile(path.join(documentation, `${section}.rst`), 'utf8'))
      expect(names.length).toBeLessThanOrEqual(toctreeSize)
      listed.push(...names)
    }
    const documents = (await readdir(path.join(corpus.root, corpus.folder))).map((name) => `/${corpus.folder.replace(/^Documentation\//, '')}/${name.replace(/\.rst$/, '')}`)
    expect(listed.sort()).toEqual(documents.sort())
    expect(await readFile(path.join(documentation, 'conf.py'), 'utf8')).toContain("html_theme = 'alabaster'")
  })
})
