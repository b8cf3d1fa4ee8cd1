import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import lunr from 'lunr'
import { beforeAll, describe, expect, it } from 'vitest'
import { versionKey } from '../../src/lib/urls.ts'
import * as build from '../../src/search/build.ts'
import { searchItemsFor, snippet, type SearchInput } from '../../src/search/build.ts'
import { searchFields, type SearchHead } from '../../src/search/format.ts'
import * as query from '../../src/search/query.ts'
import { openSearchIndex, runSearch, type SearchIndex, type SearchOptions } from '../../src/search/query.ts'
import { buildSearchIndex, type BuiltSearchIndex, type ShardOptions } from '../../src/search/shards.ts'
import { searchPipeline, versionTerm } from '../../src/search/tokens.ts'
import type { KnowledgeBase, KnownVersion } from '../../src/knowledge/build.ts'
import { defaultKnowledgeBase } from '../helpers/knowledge.ts'

let base: KnowledgeBase
let v61: KnownVersion
let seed: KnownVersion
/** Each version's items, in the site's order. */
let inputs: SearchInput[]
/** The heads as the site writes them: per version key (one file each), and `all`. */
const json = new Map<string, string>()
const opened = new Map<string, SearchIndex>()

const key = (version: KnownVersion) => versionKey(version.document, version.id)
const inputOf = (version: KnownVersion): SearchInput => ({ key: key(version), items: searchItemsFor(version, version.records) })

/** Open a built index over an in-memory copy of its files, noting each part fetched. */
function openBuilt(built: BuiltSearchIndex, fetched: string[] = []): SearchIndex {
  const files = new Map([...built.parts].map(([name, part]) => [name, JSON.stringify(part)]))
  return openSearchIndex(JSON.parse(JSON.stringify(built.head)) as SearchHead, async (name) => {
    fetched.push(name)
    const file = files.get(name)
    if (file === undefined) throw new Error(`no part ${name}`)
    return JSON.parse(file)
  })
}

const search = (index: string, text: string, options: SearchOptions = {}) => runSearch(opened.get(index)!, text, options)
const names = async (index: string, text: string, options: SearchOptions = {}) =>
  (await search(index, text, options)).results.map((result) => result.name)

beforeAll(async () => {
  base = await defaultKnowledgeBase()
  ;[v61, seed] = ['v6.1', 'kmap-notes-v1'].map((id) => base.versions.find((version) => version.id === id)!)
  inputs = base.versions.map(inputOf)
  for (const input of inputs) json.set(input.key, JSON.stringify(buildSearchIndex([input]).head))
  json.set('all', JSON.stringify(buildSearchIndex(inputs).head))
  for (const [name, text] of json) opened.set(name, openSearchIndex(JSON.parse(text) as SearchHead, () => Promise.reject(new Error('all inline'))))
})

describe('search modules', () => {
  it('pin their public surface', () => {
    expect(Object.keys(build).sort()).toEqual(['searchItemsFor', 'snippet', 'snippetLength'])
    expect(Object.keys(query).sort()).toEqual(['openSearchIndex', 'partKey', 'runSearch'])
  })
})

describe('the search index', () => {
  it('shows only what results need, with short snippets and links to API pages', async () => {
    const [kmap] = (await search(key(seed), 'kmap')).results.filter((result) => result.name === 'kmap')
    expect(kmap).toMatchObject({
      kind: 'function',
      status: 'deprecated',
      document: 'mm/highmem',
      version: 'kmap-notes-v1',
      key: key(seed),
      label: seed.label,
      url: '/api/mm/highmem/kmap-notes-v1/kmap/',
      versions: [{ key: key(seed), id: 'kmap-notes-v1', label: seed.label, url: '/api/mm/highmem/kmap-notes-v1/kmap/' }],
    })
    for (const result of (await search('all', 'kmap')).results) expect(result.snippet.length).toBeLessThanOrEqual(160)
  })

  it('cuts snippets at a word boundary', () => {
    const long = 'word '.repeat(60)
    expect(snippet(long).length).toBeLessThanOrEqual(160)
    expect(snippet(long)).toMatch(/word…$/)
    expect(snippet('  short\n text ')).toBe('short text')
  })

  it('indexes sections too, linked to their anchor', async () => {
    const items = searchItemsFor(seed, [], [{ title: 'Temporary Virtual Mappings', id: 'temporary-virtual-mappings', text: 'kmap_local_page() is preferred.' }])
    expect(items).toEqual([
      expect.objectContaining({ kind: 'section', status: null, url: '/docs/mm/highmem/kmap-notes-v1/#temporary-virtual-mappings' }),
    ])
    const { results } = await runSearch(openBuilt(buildSearchIndex([{ key: key(seed), items }])), 'kmap_local_page')
    expect(results.map((result) => [result.name, result.url])).toEqual([['Temporary Virtual Mappings', '/docs/mm/highmem/kmap-notes-v1/#temporary-virtual-mappings']])
  })

  it('is deterministic: the same input gives the same bytes', () => {
    for (const input of inputs) expect(JSON.stringify(buildSearchIndex([input]).head)).toBe(json.get(input.key))
    const small = { shardBudget: 300, chunkSize: 4, inlineBelow: 0 }
    const files = (built: BuiltSearchIndex) => JSON.stringify([built.head, [...built.parts]])
    expect(files(buildSearchIndex(inputs, small))).toBe(files(buildSearchIndex(inputs, small)))
  })

  it('indexes each distinct text once, listing the versions that hold it', async () => {
    const all = JSON.parse(json.get('all')!) as SearchHead
    const total = inputs.reduce((sum, input) => sum + input.items.length, 0)
    const texts = new Set(inputs.flatMap((input) => input.items.map((item) => JSON.stringify([item.name, item.status, item.summary, item.text]))))
    expect(all.count).toBe(texts.size)
    expect(all.count).toBeLessThan(total) // the patch leaves some records as they were
    const shared = (await search('all', 'name:*', { limit: 500 })).results.filter((result) => result.versions.length === 2)
    expect(shared.length).toBe(total - all.count)
    for (const result of shared) {
      expect(result.versions.map((version) => version.id)).toEqual(['v6.1', 'kmap-notes-v1'])
      expect(result.versions.map((version) => version.url)).toEqual(['v6.1', 'kmap-notes-v1'].map((id) => `/api/mm/highmem/${id}/${encodeURIComponent(result.name)}/`))
      // Linked from the last version holding it, or from the one searched in.
      expect(result.version).toBe('kmap-notes-v1')
      const inV61 = (await search('all', `name:${result.name.toLowerCase()}`, { version: key(v61) })).results.find((each) => each.ref === result.ref)
      expect(inV61?.url).toBe(result.versions[0].url)
    }
  })

  it('keeps one version\'s index to one small file', () => {
    for (const input of inputs) {
      const built = buildSearchIndex([input])
      expect(built.parts.size, input.key).toBe(0)
      expect(gzipSync(JSON.stringify(built.head)).length, input.key).toBeLessThan(12_000)
    }
  })
})

/**
 * lunr's own index over the same items, for comparing scores: one version's
 * items (distinct within a version) with the fields and pipeline Strata uses.
 */
function lunrIndexOf(input: SearchInput): lunr.Index {
  const builder = new lunr.Builder()
  builder.pipeline.add(...searchPipeline())
  builder.searchPipeline.add(...searchPipeline())
  builder.ref('ref')
  for (const field of searchFields) builder.field(field.name, { boost: field.boost })
  input.items.forEach((item, ref) =>
    builder.add({ ref: String(ref), name: item.name, status: item.status ?? '', kind: item.kind, version: versionTerm(item.version), summary: item.summary, text: item.text }),
  )
  return builder.build()
}

describe('scores', () => {
  const cut: ShardOptions = { shardBudget: 400, chunkSize: 3, inlineBelow: 0 }
  const compare = async (input: SearchInput, index: SearchIndex, lunrIndex: lunr.Index, text: string) => {
    const ours = await runSearch(index, text, { limit: 10_000 })
    if (ours.message) return false // read as its words: lunr would not read it at all
    let theirs: lunr.Index.Result[]
    try {
      theirs = lunrIndex.search(text.replace(/\bversion:(\S+)/g, (_m, id: string) => `version:${versionTerm(id)}`))
    } catch {
      return false // lunr throws where Strata reads the query differently (`+the`)
    }
    const lunrScores = new Map(theirs.map((match) => [Number(match.ref), match.score]))
    const ourScores = new Map(ours.results.map((result) => [result.ref, result.score]))
    expect([...ourScores.keys()].sort((a, b) => a - b), text).toEqual([...lunrScores.keys()].sort((a, b) => a - b))
    for (const [ref, score] of ourScores) expect(score, `${text} #${ref}`).toBeCloseTo(lunrScores.get(ref)!, 9)
    return true
  }

  it('are lunr\'s, for the same items, however the index is cut into parts', async () => {
    for (const version of [v61, seed]) {
      const input = inputOf(version)
      const lunrIndex = lunrIndexOf(input)
      const one = opened.get(input.key)!
      const fetched: string[] = []
      const parts = openBuilt(buildSearchIndex([input], cut), fetched)
      // Bare words do not search the version field, as in Strata; spell the fields out so lunr does the same.
      for (const text of ['name:kmap', 'text:atomic', '+name:kmap -name:atomic', 'name:kmap* summary:page^3', 'name:*_page', 'text:mapping~1', 'status:deprecated', '-name:kmap', 'version:v6.1', 'text:kmap text:local text:kmap', '+name:kmap^2 -text:atomic name:kmap']) {
        expect(await compare(input, one, lunrIndex, text), text).toBe(true)
        expect(await compare(input, parts, lunrIndex, text), text).toBe(true)
      }
      expect(fetched.length).toBeGreaterThan(0)
    }
  })

  it('are lunr\'s for any query made of field, presence, wildcard and fuzzy syntax', async () => {
    const input = inputOf(seed)
    const lunrIndex = lunrIndexOf(input)
    const parts = openBuilt(buildSearchIndex([input], cut))
    const word = fc.constantFrom('kmap', 'atomic', 'page', 'local', 'mapping', 'context', 'highmem', 'sleep', 'the', 'zzz', 'kmap_local_page')
    const field = fc.constantFrom('name:', 'text:', 'summary:', 'status:', 'kind:')
    const clause = fc
      .tuple(fc.constantFrom('', '+', '-'), field, word, fc.constantFrom('', '*', '~1', '^2'))
      .map(([presence, name, term, suffix]) => `${presence}${name}${term}${suffix}`)
    let compared = 0
    await fc.assert(
      fc.asyncProperty(fc.array(clause, { minLength: 1, maxLength: 4 }), async (clauses) => {
        if (await compare(input, parts, lunrIndex, clauses.join(' '))) compared++
      }),
      { numRuns: 150 },
    )
    expect(compared).toBeGreaterThan(50)
  })
})

describe('an index in parts', () => {
  const cut: ShardOptions = { shardBudget: 400, chunkSize: 3, inlineBelow: 0 }

  it('fetches only the parts a query needs, each once', async () => {
    const built = buildSearchIndex(inputs, cut)
    expect(built.parts.size).toBeGreaterThan(20)
    const fetched: string[] = []
    const index = openBuilt(built, fetched)
    const first = await runSearch(index, 'kmap_atomic')
    expect(first.results[0].name).toBe('kmap_atomic')
    const shards = fetched.filter((name) => name.startsWith('t'))
    expect(shards.length).toBeGreaterThan(0)
    expect(shards.length).toBeLessThanOrEqual(4) // kmap_atomic, kmap, atom and the exact name
    expect(fetched).not.toContain('v')
    expect(fetched.length).toBeLessThan(built.parts.size / 2)
    await runSearch(index, 'kmap_atomic')
    expect(new Set(fetched).size).toBe(fetched.length)
    await runSearch(index, 'kmap~1')
    expect(fetched).toContain('v') // fuzzy terms expand against the vocabulary
  })

  it('answers as the one-file index does', async () => {
    const index = openBuilt(buildSearchIndex(inputs, cut))
    for (const text of ['kmap', 'kmap_local_page()', 'status:deprecated', 'name:kmap*', 'atomic context', 'memroy~1', '*_page', 'kmap:']) {
      expect(await runSearch(index, text), text).toEqual(await search('all', text))
    }
  })

  it('fetches a bounded number of shards for a wildcard that matches everything, and says so', async () => {
    const fetched: string[] = []
    const index = openBuilt(buildSearchIndex(inputs, { ...cut, shardBudget: 50 }), fetched)
    const outcome = await runSearch(index, '*')
    expect(outcome.message).toBe('`*` matches more terms than one search loads; showing results for some of them')
    expect(outcome.results.length).toBeGreaterThan(0)
    expect(fetched.filter((name) => name.startsWith('t')).length).toBeLessThanOrEqual(17) // 16 and the exact name's
  })

  it('tries a part again after a failed fetch', async () => {
    const built = buildSearchIndex(inputs, cut)
    let fail = true
    const files = new Map([...built.parts].map(([name, part]) => [name, JSON.stringify(part)]))
    const index = openSearchIndex(JSON.parse(JSON.stringify(built.head)) as SearchHead, async (name) => {
      if (fail) throw new Error('offline')
      return JSON.parse(files.get(name)!)
    })
    await expect(runSearch(index, 'kmap')).rejects.toThrow('offline')
    fail = false
    expect((await runSearch(index, 'kmap')).results.length).toBeGreaterThan(0)
  })
})

describe('runSearch on the real records', () => {
  it('finds kmap, kmap_atomic and kmap_local_page for `kmap`, in both versions', async () => {
    for (const version of [v61, seed]) {
      expect(await names(key(version), 'kmap')).toEqual(expect.arrayContaining(['kmap', 'kmap_atomic', 'kmap_local_page']))
    }
  })

  it('finds kmap_local_page first for `kmap_local_page()`', async () => {
    for (const version of [v61, seed]) expect((await names(key(version), 'kmap_local_page()'))[0]).toBe('kmap_local_page')
    expect((await names('all', 'kmap_local_page()')).slice(0, 2)).toEqual(['kmap_local_page', 'kmap_local_page'])
  })

  it('finds identifiers by their parts and by words', async () => {
    expect(await names(key(v61), 'atomic')).toEqual(expect.arrayContaining(['kmap_atomic', 'kunmap_atomic']))
    expect((await names(key(v61), 'kmap_atomic'))[0]).toBe('kmap_atomic')
    expect((await names(key(v61), 'page_address'))[0]).toBe('page_address')
  })

  it('answers `status:deprecated` with exactly kmap and kmap_atomic in the seed version, and nothing in v6.1', async () => {
    expect((await names(key(seed), 'status:deprecated')).sort()).toEqual(['kmap', 'kmap_atomic'])
    expect(await names(key(v61), 'status:deprecated')).toEqual([])
    const all = (await search('all', 'status:deprecated', { version: key(seed) })).results
    expect(all.map((result) => result.name).sort()).toEqual(['kmap', 'kmap_atomic'])
    expect(await names('all', 'status:deprecated', { version: key(v61) })).toEqual([])
  })

  it('answers `name:kmap*` with the names that start with kmap', async () => {
    const found = await names(key(v61), 'name:kmap*')
    expect(found.sort()).toEqual(['KMAP_TYPE_NR', 'kmap', 'kmap_atomic', 'kmap_local_page'])
    // `kmap` is a part of each of these names, KMAP_TYPE_NR included.
    expect((await names(key(v61), 'name:kmap')).sort()).toEqual(['KMAP_TYPE_NR', 'kmap', 'kmap_atomic', 'kmap_local_page'])
    expect((await names(key(v61), 'name:kmap'))[0]).toBe('kmap')
  })

  it('answers `version:` queries with one term per version', async () => {
    const found = (await search('all', '+version:kmap-notes-v1 +name:kmap')).results
    expect(found.map((result) => `${result.name}@${result.version}`).sort()).toEqual([
      'KMAP_TYPE_NR@kmap-notes-v1',
      'kmap@kmap-notes-v1',
      'kmap_atomic@kmap-notes-v1',
      'kmap_local_page@kmap-notes-v1',
    ])
    // The id `kmap-notes-v1` does not make every record of that version match `kmap`.
    expect(await names(key(seed), 'kmap')).not.toContain('vmap')
  })

  it('ranks deprecated results below current ones, stable by score, and hides them on request', async () => {
    const { results } = (await search(key(seed), 'kmap'))
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

    const hidden = (await search(key(seed), 'kmap', { hideDeprecated: true })).results
    expect(hidden.map((result) => result.name)).toEqual(results.slice(0, firstDeprecated).map((result) => result.name))
    const few = await search(key(seed), 'kmap', { limit: 2 })
    expect(few.results.map((result) => result.name)).toEqual(results.slice(0, 2).map((result) => result.name))
    expect(few.total).toBe(results.length)
    expect(await names('all', 'kmap', { hideDeprecated: true })).toContain('kmap') // v6.1's kmap is discouraged, not deprecated
    expect((await search('all', 'kmap', { hideDeprecated: true })).results.every((result) => result.status !== 'deprecated')).toBe(true)
  })

  it('filters by version key', async () => {
    const all = (await search('all', 'kmap')).results
    expect(new Set(all.map((result) => result.version))).toEqual(new Set(['v6.1', 'kmap-notes-v1']))
    for (const version of [v61, seed]) {
      const filtered = (await search('all', 'kmap', { version: key(version) })).results
      expect(filtered.length).toBeGreaterThan(0)
      expect(filtered.every((result) => result.version === version.id && result.key === key(version))).toBe(true)
      expect(filtered.map((result) => result.name)).toEqual(await names(key(version), 'kmap'))
    }
    expect((await search('all', 'kmap', { version: 'all' })).results).toEqual(all)
  })

  it('reads malformed queries as their words, with a message', async () => {
    for (const text of ['~', '+', 'kmap:', 'status:', 'foo^', 'kmap^', 'kmap:~']) {
      const outcome = (await search('all', text))
      expect(outcome.message, text).toMatch(/^Could not read `.+` as a query/)
      expect(Array.isArray(outcome.results)).toBe(true)
    }
    expect((await search('all', 'kmap:')).message).toBe('Could not read `kmap:` as a query; showing results for its words')
    expect((await search('all', 'kmap:')).results.map((result) => result.name)).toEqual(await names('all', 'kmap'))
    expect((await search('all', 'kmap_atomic^')).results[0].name).toBe('kmap_atomic')
    expect((await search('all', 'kmap')).message).toBeUndefined()
    expect(await search('all', '   ')).toEqual({ results: [], total: 0 })
  })

  it('keeps hostile queries cheap', async () => {
    for (const text of ['__proto__', 'constructor', 'name:__proto__']) expect((await search('all', text)).results, text).toEqual([])
    for (const text of ['* '.repeat(100), 'kmap_local_page_kmap_local_page~2 '.repeat(6), `${'a'.repeat(60)}~9`, '*a*b*c*d*e*f*']) {
      const started = performance.now()
      await search('all', text)
      expect(performance.now() - started, text).toBeLessThan(1_000)
    }
  })

  it('never throws and always returns an array, whatever is typed', async () => {
    const alphabet = fc.constantFrom(...'kmap_atomic:~^+-*\\ ()status:name:version:deprecated'.split(''), '12', ' kmap', 'status:', '~2', '^3')
    const typed = fc.oneof(fc.string({ maxLength: 60 }), fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join('')), fc.string({ unit: 'binary', maxLength: 30 }))
    await fc.assert(
      fc.asyncProperty(typed, fc.boolean(), fc.constantFrom('all', key(v61), key(seed), 'nope'), async (text, hideDeprecated, version) => {
        const outcome = (await search('all', text, { hideDeprecated, version }))
        expect(Array.isArray(outcome.results)).toBe(true)
        if (outcome.message !== undefined) expect(typeof outcome.message).toBe('string')
      }),
      { numRuns: 600 },
    )
  })
})

describe('openSearchIndex', () => {
  it('refuses an index of another format', () => {
    const stale = { ...(JSON.parse(json.get('all')!) as SearchHead), format: 1 }
    expect(() => openSearchIndex(stale as unknown as SearchHead, () => Promise.resolve(undefined))).toThrow(/Unknown search index format: 1 \(expected 2\)/)
  })
})
