import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import lunr from 'lunr'
import { beforeAll, describe, expect, it } from 'vitest'
import { versionKey } from '../../src/lib/urls.ts'
import * as build from '../../src/search/build.ts'
import { buildSearchIndex, searchItemsFor, snippet, type SerializedSearchIndex } from '../../src/search/build.ts'
import * as query from '../../src/search/query.ts'
import { loadSearchIndex, runSearch, type LoadedSearchIndex, type SearchOptions } from '../../src/search/query.ts'
import type { KnowledgeBase, KnownVersion } from '../../scripts/knowledge/build.ts'
import { defaultKnowledgeBase } from '../helpers/knowledge.ts'

let base: KnowledgeBase
let v61: KnownVersion
let seed: KnownVersion
/** The serialised indexes as the site writes them: per version key, and `all`. */
const json = new Map<string, string>()
const loaded = new Map<string, LoadedSearchIndex>()

const key = (version: KnownVersion) => versionKey(version.document, version.id)
const search = (index: string, text: string, options: SearchOptions = {}) => {
  const { index: lunrIndex, store } = loaded.get(index)!
  return runSearch(lunrIndex, store, text, options)
}
const names = (index: string, text: string, options: SearchOptions = {}) =>
  search(index, text, options).results.map((result) => result.name)

beforeAll(async () => {
  base = await defaultKnowledgeBase()
  ;[v61, seed] = ['v6.1', 'kmap-notes-v1'].map((id) => base.versions.find((version) => version.id === id)!)
  for (const version of base.versions) {
    json.set(key(version), JSON.stringify(buildSearchIndex(searchItemsFor(version, version.records))))
  }
  json.set('all', JSON.stringify(buildSearchIndex(base.versions.flatMap((version) => searchItemsFor(version, version.records)))))
  for (const [name, text] of json) loaded.set(name, loadSearchIndex(JSON.parse(text) as SerializedSearchIndex))
})

describe('search modules', () => {
  it('pin their public surface', () => {
    expect(Object.keys(build).sort()).toEqual(['buildSearchIndex', 'searchItemsFor', 'snippet', 'snippetLength'])
    expect(Object.keys(query).sort()).toEqual(['loadSearchIndex', 'runSearch'])
  })
})

describe('the search index', () => {
  it('stores only what results show, with short snippets and links to API pages', () => {
    const { store } = JSON.parse(json.get(key(seed))!) as SerializedSearchIndex
    expect(store).toHaveLength(seed.records.length)
    const kmap = store.find((item) => item.name === 'kmap')!
    expect(Object.keys(kmap).sort()).toEqual(['document', 'kind', 'label', 'name', 'snippet', 'status', 'url', 'version'])
    expect(kmap).toMatchObject({
      kind: 'function',
      status: 'deprecated',
      document: 'mm/highmem',
      version: 'kmap-notes-v1',
      label: seed.label,
      url: '/api/mm/highmem/kmap-notes-v1/kmap/',
    })
    for (const item of store) expect(item.snippet.length).toBeLessThanOrEqual(160)
  })

  it('cuts snippets at a word boundary', () => {
    const long = 'word '.repeat(60)
    expect(snippet(long).length).toBeLessThanOrEqual(160)
    expect(snippet(long)).toMatch(/word…$/)
    expect(snippet('  short\n text ')).toBe('short text')
  })

  it('indexes sections too, linked to their anchor', () => {
    const items = searchItemsFor(seed, [], [{ title: 'Temporary Virtual Mappings', id: 'temporary-virtual-mappings', text: 'kmap_local_page() is preferred.' }])
    expect(items).toEqual([
      expect.objectContaining({ kind: 'section', status: null, url: '/docs/mm/highmem/kmap-notes-v1/#temporary-virtual-mappings' }),
    ])
    const { index, store } = loadSearchIndex(JSON.parse(JSON.stringify(buildSearchIndex(items))))
    expect(runSearch(index, store, 'kmap_local_page').results.map((result) => result.name)).toEqual(['Temporary Virtual Mappings'])
  })

  it('is deterministic: the same input gives the same bytes', () => {
    for (const version of base.versions) {
      expect(JSON.stringify(buildSearchIndex(searchItemsFor(version, version.records)))).toBe(json.get(key(version)))
    }
  })

  it('round-trips through lunr.Index.load with the same results', () => {
    const items = searchItemsFor(seed, seed.records)
    const built = buildSearchIndex(items)
    const reloaded = lunr.Index.load(JSON.parse(JSON.stringify(built.index)))
    for (const text of ['kmap', 'kmap_local_page()', 'status:deprecated', 'name:kmap*', 'atomic context']) {
      const direct = runSearch(lunr.Index.load(built.index), built.store, text)
      expect(runSearch(reloaded, built.store, text)).toEqual(direct)
      expect(direct.results.length).toBeGreaterThan(0)
    }
  })

  it('stays small', () => {
    for (const [name, text] of json) {
      expect(gzipSync(text).length, name).toBeLessThan(12_000)
    }
  })
})

describe('runSearch on the real records', () => {
  it('finds kmap, kmap_atomic and kmap_local_page for `kmap`, in both versions', () => {
    for (const version of [v61, seed]) {
      expect(names(key(version), 'kmap')).toEqual(expect.arrayContaining(['kmap', 'kmap_atomic', 'kmap_local_page']))
    }
  })

  it('finds kmap_local_page first for `kmap_local_page()`', () => {
    for (const version of [v61, seed]) expect(names(key(version), 'kmap_local_page()')[0]).toBe('kmap_local_page')
    expect(names('all', 'kmap_local_page()').slice(0, 2)).toEqual(['kmap_local_page', 'kmap_local_page'])
  })

  it('finds identifiers by their parts and by words', () => {
    expect(names(key(v61), 'atomic')).toEqual(expect.arrayContaining(['kmap_atomic', 'kunmap_atomic']))
    expect(names(key(v61), 'kmap_atomic')[0]).toBe('kmap_atomic')
    expect(names(key(v61), 'page_address')[0]).toBe('page_address')
  })

  it('answers `status:deprecated` with exactly kmap and kmap_atomic in the seed version, and nothing in v6.1', () => {
    expect(names(key(seed), 'status:deprecated').sort()).toEqual(['kmap', 'kmap_atomic'])
    expect(names(key(v61), 'status:deprecated')).toEqual([])
    const all = search('all', 'status:deprecated', { version: key(seed) }).results
    expect(all.map((result) => result.name).sort()).toEqual(['kmap', 'kmap_atomic'])
    expect(names('all', 'status:deprecated', { version: key(v61) })).toEqual([])
  })

  it('answers `name:kmap*` with the names that start with kmap', () => {
    const found = names(key(v61), 'name:kmap*')
    expect(found.sort()).toEqual(['KMAP_TYPE_NR', 'kmap', 'kmap_atomic', 'kmap_local_page'])
    // `kmap` is a part of each of these names, KMAP_TYPE_NR included.
    expect(names(key(v61), 'name:kmap').sort()).toEqual(['KMAP_TYPE_NR', 'kmap', 'kmap_atomic', 'kmap_local_page'])
    expect(names(key(v61), 'name:kmap')[0]).toBe('kmap')
  })

  it('answers `version:` queries with one term per version', () => {
    const found = search('all', '+version:kmap-notes-v1 +name:kmap').results
    expect(found.map((result) => `${result.name}@${result.version}`).sort()).toEqual([
      'KMAP_TYPE_NR@kmap-notes-v1',
      'kmap@kmap-notes-v1',
      'kmap_atomic@kmap-notes-v1',
      'kmap_local_page@kmap-notes-v1',
    ])
    // The id `kmap-notes-v1` does not make every record of that version match `kmap`.
    expect(names(key(seed), 'kmap')).not.toContain('vmap')
  })

  it('ranks deprecated results below current ones, stable by score, and hides them on request', () => {
    const { results } = search(key(seed), 'kmap')
    const statuses = results.map((result) => result.status)
    const firstDeprecated = statuses.indexOf('deprecated')
    expect(firstDeprecated).toBeGreaterThan(0)
    expect(statuses.slice(firstDeprecated).every((status) => status === 'deprecated')).toBe(true)
    const deprecated = results.filter((result) => result.status === 'deprecated')
    expect(deprecated.map((result) => result.name)).toEqual(['kmap', 'kmap_atomic'])
    expect(deprecated[0].score).toBeGreaterThanOrEqual(deprecated[1].score)
    // The current group is in score order, but for an exact name match, which leads it.
    const rest = results.slice(0, firstDeprecated).filter((result) => result.name !== 'kmap')
    expect(rest.map((result) => result.score)).toEqual(rest.map((result) => result.score).sort((a, b) => b - a))

    const hidden = search(key(seed), 'kmap', { hideDeprecated: true }).results
    expect(hidden.map((result) => result.name)).toEqual(results.slice(0, firstDeprecated).map((result) => result.name))
    expect(names('all', 'kmap', { hideDeprecated: true })).toContain('kmap') // v6.1's kmap is discouraged, not deprecated
    expect(search('all', 'kmap', { hideDeprecated: true }).results.every((result) => result.status !== 'deprecated')).toBe(true)
  })

  it('filters by version key', () => {
    const all = search('all', 'kmap').results
    expect(new Set(all.map((result) => result.version))).toEqual(new Set(['v6.1', 'kmap-notes-v1']))
    for (const version of [v61, seed]) {
      const filtered = search('all', 'kmap', { version: key(version) }).results
      expect(filtered.length).toBeGreaterThan(0)
      expect(filtered.every((result) => result.version === version.id && result.key === key(version))).toBe(true)
      expect(filtered.map((result) => result.name)).toEqual(names(key(version), 'kmap'))
    }
    expect(search('all', 'kmap', { version: 'all' }).results).toEqual(all)
  })

  it('reads malformed queries as their words, with a message', () => {
    for (const text of ['~', '+', 'kmap:', 'status:', 'foo^', 'kmap^', 'kmap:~']) {
      const outcome = search('all', text)
      expect(outcome.message, text).toMatch(/^Could not read `.+` as a query/)
      expect(Array.isArray(outcome.results)).toBe(true)
    }
    expect(search('all', 'kmap:').message).toBe('Could not read `kmap:` as a query; showing results for its words')
    expect(search('all', 'kmap:').results.map((result) => result.name)).toEqual(names('all', 'kmap'))
    expect(search('all', 'kmap_atomic^').results[0].name).toBe('kmap_atomic')
    expect(search('all', 'kmap').message).toBeUndefined()
    expect(search('all', '   ')).toEqual({ results: [] })
  })

  it('keeps hostile queries cheap', () => {
    for (const text of ['* '.repeat(100), 'kmap_local_page_kmap_local_page~2 '.repeat(6), `${'a'.repeat(60)}~9`, '*a*b*c*d*e*f*']) {
      const started = performance.now()
      search('all', text)
      expect(performance.now() - started, text).toBeLessThan(1_000)
    }
  })

  it('never throws and always returns an array, whatever is typed', () => {
    const alphabet = fc.constantFrom(...'kmap_atomic:~^+-*\\ ()status:name:version:deprecated'.split(''), '12', ' kmap', 'status:', '~2', '^3')
    const typed = fc.oneof(fc.string({ maxLength: 60 }), fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join('')), fc.string({ unit: 'binary', maxLength: 30 }))
    fc.assert(
      fc.property(typed, fc.boolean(), fc.constantFrom('all', key(v61), key(seed), 'nope'), (text, hideDeprecated, version) => {
        const outcome = search('all', text, { hideDeprecated, version })
        expect(Array.isArray(outcome.results)).toBe(true)
        if (outcome.message !== undefined) expect(typeof outcome.message).toBe('string')
      }),
      { numRuns: 600 },
    )
  })
})

describe('loadSearchIndex', () => {
  it('refuses an index of another format', () => {
    const stale = { ...(JSON.parse(json.get('all')!) as SerializedSearchIndex), format: 0 }
    expect(() => loadSearchIndex(stale as unknown as SerializedSearchIndex)).toThrow(/Unknown search index format: 0/)
  })
})
