import { describe, expect, it } from 'vitest'
import { exportedNames, parseKernelDoc, selectEntries, unmatchedNames } from '../../src/ingest/kernel-doc/index.ts'
import { fixture } from './helpers.ts'

const highmem = parseKernelDoc(fixture('include/linux/highmem.h'))
const names = (options: Record<string, string>, entries = highmem, exported?: Set<string>) =>
  selectEntries(entries, options, exported).map((entry) => entry.name)

describe('selectEntries: the kernel-doc directive options', () => {
  it('takes everything, DOC blocks included, when no option is given', () => {
    expect(names({})).toStrictEqual([
      'Temporary mappings',
      'kmap_local_page',
      'kmap_local_folio',
      'kunmap_local',
      'memcpy_from_folio_checked',
      'kmap_trace',
    ])
  })

  it('picks :functions: and :identifiers: by name, in the order given', () => {
    expect(names({ functions: 'kunmap_local kmap_local_page' })).toStrictEqual(['kunmap_local', 'kmap_local_page'])
    expect(names({ identifiers: 'kmap_trace\n   kmap_local_folio' })).toStrictEqual(['kmap_trace', 'kmap_local_folio'])
  })

  it('takes every entry but the DOC blocks for an empty :functions:', () => {
    expect(names({ functions: '' })).toStrictEqual([
      'kmap_local_page',
      'kmap_local_folio',
      'kunmap_local',
      'memcpy_from_folio_checked',
      'kmap_trace',
    ])
  })

  it('excludes :no-identifiers:, alone or after another option', () => {
    expect(names({ 'no-identifiers': 'kmap_trace kunmap_local' })).toStrictEqual([
      'Temporary mappings',
      'kmap_local_page',
      'kmap_local_folio',
      'memcpy_from_folio_checked',
    ])
    expect(names({ identifiers: 'kmap_trace kunmap_local', 'no-identifiers': 'kmap_trace' })).toStrictEqual(['kunmap_local'])
  })

  it('picks the DOC block by title with :doc:', () => {
    expect(names({ doc: 'Temporary mappings' })).toStrictEqual(['Temporary mappings'])
    expect(names({ doc: 'Nothing by that title' })).toStrictEqual([])
  })

  it('splits :export: and :internal: by EXPORT_SYMBOL in the same file', () => {
    const track = fixture('mm/kmap_track.c')
    const entries = parseKernelDoc(track)
    const exported = exportedNames(String(track.value))
    expect([...exported]).toStrictEqual(['kmap_track_start', 'kmap_track_stop'])
    expect(names({ export: '' }, entries, exported)).toStrictEqual(['kmap_track_start', 'kmap_track_stop'])
    expect(names({ internal: '' }, entries, exported)).toStrictEqual(['kmap_track_reset'])
    expect(names({ export: '', 'no-identifiers': 'kmap_track_stop' }, entries, exported)).toStrictEqual(['kmap_track_start'])
  })

  it('lets :export: win over :functions:, as kerneldoc.py orders them', () => {
    expect(names({ export: '', functions: 'kmap_trace' })).toStrictEqual([])
  })

  it('reports names the file does not document', () => {
    expect(unmatchedNames(highmem, { functions: 'kmap_local_page kmap_atomic' })).toStrictEqual(['kmap_atomic'])
    expect(unmatchedNames(highmem, { doc: 'Permanent mappings' })).toStrictEqual(['Permanent mappings'])
    expect(unmatchedNames(highmem, { export: '' })).toStrictEqual([])
  })
})
