import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiRecordJsonSchema, apiRecordSchema, type ApiRecord } from '../../plugins/remark-api-records/index.ts'
import { schemaFiles, schemaFolder, serialise } from '../../scripts/schema.ts'
import type { KnowledgeBase } from '../../src/knowledge/build.ts'
import { runCli } from '../helpers/cli.ts'
import { defaultKnowledgeBase } from '../helpers/knowledge.ts'

let base: KnowledgeBase
const record = (version: string, name: string): ApiRecord => {
  const found = base.versions.find((each) => each.id === version)!.records.find((each) => each.name === name)
  expect(found, `${name} in ${version}`).toBeDefined()
  return found!
}

beforeAll(async () => {
  base = await defaultKnowledgeBase()
})

describe('API records of the default content', () => {
  it('has the two versions: v6.1 and the seed patch, with the patch metadata', () => {
    expect(base.versions.map((version) => [version.id, version.parent, version.blob.slice(0, 12)])).toEqual([
      ['v6.1', null, '0f731d9196b0'],
      ['kmap-notes-v1', 'v6.1', '9523e92299f6'],
    ])
    const seed = base.versions[1]
    expect(seed.label).toBe('mm/highmem: Add notes about conversions from kmap{,_atomic}()')
    expect(seed.date).toBe('2022-12-06')
    expect(seed.patches[0]).toMatchObject({ author: { name: 'Fabio M. De Francesco' }, date: '2022-12-06T02:00:42-05:00' })
  })

  // The table: API, v6.1 status, seed status, replacement, contexts, effects (at least these).
  const table: Array<[string, string, string, string[], string[], string[]]> = [
    ['kmap_local_page', 'preferred', 'preferred', [], ['any', 'interrupt'], ['thread-local', 'cpu-local', 'stack-ordered']],
    ['kmap_atomic', 'discouraged', 'deprecated', ['kmap_local_page'], ['interrupt'], ['disables-preemption', 'disables-pagefaults']],
    ['kmap', 'discouraged', 'deprecated', ['kmap_local_page'], ['preemptible'], ['may-sleep', 'takes-global-lock', 'flushes-tlb']],
    ['vmap', 'available', 'available', [], [], []],
  ]
  for (const [name, before, after, replacement, contexts, effects] of table) {
    it(`${name}: ${before} in v6.1, ${after} after the patch`, () => {
      for (const [version, status] of [['v6.1', before], ['kmap-notes-v1', after]]) {
        const found = record(version, name)
        expect(found.described).toBe(true)
        expect(found.status).toBe(status)
        expect(found.contexts).toEqual(contexts)
        for (const effect of effects) expect(found.effects).toContain(effect)
        if (contexts.length === 0) expect(found.contexts).toEqual([])
      }
      expect(record('kmap-notes-v1', name).replacement).toEqual(replacement)
    })
  }

  it('pairs each mapping function with its unmap', () => {
    for (const version of ['v6.1', 'kmap-notes-v1']) {
      expect(record(version, 'kmap_local_page').unmap).toBe('kunmap_local')
      expect(record(version, 'kmap_atomic').unmap).toBe('kunmap_atomic')
      expect(record(version, 'kmap').unmap).toBe('kunmap')
    }
  })

  it('attaches the two conversion notes to kmap_atomic and kmap, and their old text as legacy', () => {
    expect(record('v6.1', 'kmap_atomic').notes).toEqual([])
    const atomic = record('kmap-notes-v1', 'kmap_atomic')
    const kmap = record('kmap-notes-v1', 'kmap')
    expect(atomic.notes).toHaveLength(1)
    expect(atomic.notes[0]).toMatch(/^NOTE: Conversions to kmap_local_page\(\) must take care .* side effects of kmap_atomic\(\)/)
    expect(kmap.notes).toHaveLength(1)
    expect(kmap.notes[0]).toMatch(/only valid in the thread that obtained it\.$/)
    expect(atomic.legacy).toMatch(/^This permits a very short duration mapping of a single page\./)
    expect(kmap.legacy).toMatch(/^This should be used to make short duration mapping/)
    expect(record('kmap-notes-v1', 'kmap_local_page').notes).toEqual([])
  })

  it('keeps mention-only records for the APIs the text names', () => {
    for (const name of ['kunmap_local', 'page_address', 'CONFIG_HIGHMEM']) {
      const found = record('v6.1', name)
      expect(found.described).toBe(false)
      expect(found.mentions.length).toBeGreaterThan(0)
    }
    expect(record('v6.1', 'CONFIG_HIGHMEM').kind).toBe('config')
    expect(record('v6.1', 'kmap_local_page').related).toEqual(expect.arrayContaining(['kmap', 'kmap_atomic', 'kunmap_local']))
  })

  it('quotes, for every fact of every record, a sentence that stands in the source at its line', () => {
    const fold = (text: string) => text.replace(/\s+/g, ' ').trim()
    let checked = 0
    for (const version of base.versions) {
      const lines = version.text.split('\n')
      for (const each of version.records) {
        for (const fact of each.facts) {
          // The sentence must start on its line: found in the text from that line on, before the line ends.
          const from = fold(lines.slice(fact.line - 1).join('\n'))
          const at = from.indexOf(fold(fact.sentence))
          expect(at, `${version.id} ${each.name}.${fact.field}: "${fact.sentence}" at ${fact.line}`).toBeGreaterThanOrEqual(0)
          expect(at).toBeLessThan(fold(lines[fact.line - 1]).length)
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(40)
  })

  it('backs every derived value with a fact', () => {
    for (const version of base.versions) {
      for (const each of version.records) {
        const values = (field: string) => each.facts.filter((fact) => fact.field === field).map((fact) => fact.value)
        for (const field of ['replacement', 'contexts', 'effects'] as const) for (const value of each[field]) expect(values(field)).toContain(value)
        if (each.status !== 'available') expect(values('status')).toContain(each.status)
        if (each.unmap) expect(values('unmap')).toContain(each.unmap)
      }
    }
  })
})

describe('the record schema', () => {
  it('is committed as emitted (npm run schema)', () => {
    for (const [name, make] of Object.entries(schemaFiles)) {
      expect(readFileSync(path.join(schemaFolder, name), 'utf8')).toBe(serialise(make()))
    }
  })

  it('validates every record `strata records` prints, and rejects a broken one', async () => {
    const ajv = new Ajv2020({ strict: false })
    const validate = ajv.compile(apiRecordJsonSchema())
    for (const version of ['v6.1', 'kmap-notes-v1']) {
      const { code, stdout } = await runCli(['records', '--version', version, '--quiet'])
      expect(code).toBe(0)
      const records = JSON.parse(stdout)
      expect(records.length).toBeGreaterThan(5)
      expect(validate(records), JSON.stringify(validate.errors)).toBe(true)
      expect(apiRecordSchema.array().safeParse(records).success).toBe(true)
    }
    expect(validate([{ ...record('v6.1', 'kmap'), status: 'obsolete' }])).toBe(false)
  })
})
