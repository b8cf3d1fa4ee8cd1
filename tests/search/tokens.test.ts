import lunr from 'lunr'
import { describe, expect, it } from 'vitest'
import * as tokens from '../../src/search/tokens.ts'
import { identifierLabel, identifierTerms, queryTerms, searchPipeline, stemmerLabel, versionTerm } from '../../src/search/tokens.ts'

describe('identifier-aware tokens', () => {
  it('pins the public surface', () => {
    expect(Object.keys(tokens).sort()).toEqual([
      'identifierLabel',
      'identifierTerms',
      'isIdentifier',
      'queryTerms',
      'searchPipeline',
      'stemmerLabel',
      'versionTerm',
    ])
  })

  it('keeps an identifier whole and adds its parts', () => {
    expect(identifierTerms('kmap_local_page')).toEqual(['kmap_local_page', 'kmap', 'local', 'page'])
    expect(identifierTerms('kmap_local_page().')).toEqual(['kmap_local_page', 'kmap', 'local', 'page'])
    expect(identifierTerms('__kmap_atomic_prot')).toEqual(['__kmap_atomic_prot', 'kmap', 'atomic', 'prot'])
    expect(identifierTerms('CONFIG_HIGHMEM=n')).toEqual(['config_highmem', 'config', 'highmem', 'n'])
    expect(identifierTerms('kmap{,_atomic}()')).toEqual(['kmap', '_atomic', 'atomic'])
    expect(identifierTerms('()')).toEqual([])
  })

  it('does not stem identifiers, but stems words and the parts of identifiers alike', () => {
    expect(queryTerms('kmap_atomic')).toEqual(['kmap_atomic', 'kmap', 'atom'])
    expect(queryTerms('atomic')).toEqual(['atom'])
    expect(queryTerms('kmap_local_page()')).toEqual(['kmap_local_page', 'kmap', 'local', 'page'])
    expect(queryTerms('mappings')).toEqual(['map'])
    expect(queryTerms('x86')).toEqual(['x86'])
    expect(queryTerms('the')).toEqual([])
  })

  it('makes a version id one term', () => {
    expect(versionTerm('kmap-notes-v1')).toBe('kmapnotesv1')
    expect(versionTerm('v6.1')).toBe('v61')
    expect(versionTerm('v6*')).toBe('v6*')
  })

  it('registers its functions with lunr under stable labels, once', () => {
    const first = searchPipeline()
    const second = searchPipeline()
    expect(second).toEqual(first)
    const registered = (lunr.Pipeline as unknown as { registeredFunctions: Record<string, unknown> }).registeredFunctions
    expect(registered[identifierLabel]).toBe(first[0])
    expect(registered[stemmerLabel]).toBe(first[2])
    const pipeline = new lunr.Pipeline()
    pipeline.add(...first)
    expect(pipeline.toJSON()).toEqual([identifierLabel, 'stopWordFilter', stemmerLabel])
  })
})
