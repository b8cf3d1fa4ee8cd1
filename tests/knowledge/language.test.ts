import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'
import { interpretSentence, splitClauses } from '../../plugins/remark-api-records/lib/language.ts'
import { expandName, findMentions } from '../../plugins/remark-api-records/lib/mentions.ts'
import { longestSentence, splitSentences } from '../../plugins/remark-api-records/lib/sentences.ts'
import { runCli } from '../helpers/cli.ts'

const example = fileURLToPath(new URL('../fixtures/records/example.rst', import.meta.url))

describe('records from a document written in other words', () => {
  it('reads a list in order of preference, deprecations in favour of, discouragement, contexts, effects and a C-domain directive', async () => {
    const { code, stdout } = await runCli(['records', example, '--quiet'])
    expect(code).toBe(0)
    const records: ApiRecord[] = JSON.parse(stdout)
    const get = (name: string) => records.find((record) => record.name === name)!
    expect(get('foo_get')).toMatchObject({ described: true, status: 'preferred', contexts: ['preemptible'], effects: ['may-sleep'] })
    expect(get('foo_get_atomic')).toMatchObject({ status: 'deprecated', replacement: ['foo_get'], contexts: ['any', 'interrupt'] })
    expect(get('foo_get_atomic').notes).toEqual(['NOTE: Callers converting to foo_get() must drop their spinlocks first.'])
    expect(get('old_foo')).toMatchObject({ status: 'discouraged', replacement: ['foo_get'] })
    expect(get('bar_map')).toMatchObject({ described: true, unmap: 'bar_unmap', effects: ['disables-preemption', 'takes-global-lock'] })
    expect(get('CONFIG_FOO_DEBUG')).toMatchObject({ kind: 'config', described: false })
    expect(get('foo_put')).toMatchObject({ kind: 'function', described: false })
  })
})

describe('the language rules', () => {
  it('expand the kernel shorthand for names', () => {
    expect(expandName('k[un]map_atomic')).toEqual(['kmap_atomic', 'kunmap_atomic'])
    expect(expandName('kmap{,_atomic}')).toEqual(['kmap', 'kmap_atomic'])
    expect(findMentions('Use TLB and CPU words, KMAP_TYPE_NR, CONFIG_HIGHMEM=n and page_address().').map((mention) => mention.name)).toEqual([
      'KMAP_TYPE_NR',
      'CONFIG_HIGHMEM',
      'page_address',
    ])
  })

  it('takes a bracketed plural for a word, not for a call', () => {
    expect(findMentions('Each parameter(s) and page(s) and process(es); strlen(str) with kmap_local_page(p) and page_x(s).').map((mention) => mention.name)).toEqual([
      'strlen',
      'kmap_local_page',
      'page_x',
    ])
  })

  it('read clauses, so one subject does not take another clause\'s status', () => {
    expect(splitClauses('kmap() was not intended for that but its use is discouraged and the preceding functions should be preferred.')).toHaveLength(2)
    const facts = interpretSentence('kmap() was not intended for long term mappings but it has morphed in that direction and its use is strongly discouraged in newer code and the set of the preceding functions should be preferred.', { blockApi: 'kmap' })
    expect(facts).toEqual([{ api: 'kmap', field: 'status', value: 'discouraged' }])
  })

  it('state nothing from a negated clause', () => {
    expect(interpretSentence('Although preemption is never disabled by this function, the CPU can not be unplugged.', { blockApi: 'x' })).toEqual([])
    expect(interpretSentence('There is no need to disable preemption because the maps are saved.', { blockApi: 'x' })).toEqual([])
    // "does not sleep" is a fact of its own (the API never sleeps); what the callers may not do is no fact about it.
    expect(interpretSentence('It does not sleep and the callers may not sleep.', { blockApi: 'x' })).toEqual([{ api: 'x', field: 'effects', value: 'no-sleep' }])
    expect(interpretSentence('The callers may not sleep.', { blockApi: 'x' })).toEqual([])
    expect(interpretSentence('This should be used to make short duration mappings.', { blockApi: 'x' })).toEqual([])
  })

  it('read what a contrast recommends as the replacement of what the clause before named', () => {
    expect(interpretSentence('Some common API abuses will be caught with CONFIG_DEBUG_MUTEXES, but CONFIG_PROVE_LOCKING is recommended.', { blockApi: null })).toEqual([
      { api: 'CONFIG_PROVE_LOCKING', field: 'status', value: 'preferred' },
      { api: 'CONFIG_DEBUG_MUTEXES', field: 'replacement', value: 'CONFIG_PROVE_LOCKING' },
    ])
    // No contrast, no replacement: a recommendation under a condition only recommends.
    expect(interpretSentence('If you call foo_map(), bar_map() is recommended.', { blockApi: null })).toEqual([{ api: 'bar_map', field: 'status', value: 'preferred', condition: 'If you call foo_map()' }])
    // A contrast that recommends nothing replaces nothing.
    expect(interpretSentence('foo_map() still works, but bar_map() is not recommended.', { blockApi: null }).filter((fact) => fact.field === 'replacement')).toEqual([])
  })

  it('read "instead of" and "in place of" with what is done with each API, and "those" as what the sentence before removed', () => {
    expect(interpretSentence('instead of passing FOO_FLAG_OLD we add FOO_FLAG_NEW into mask.', { blockApi: null })).toEqual([
      { api: 'FOO_FLAG_OLD', field: 'replacement', value: 'FOO_FLAG_NEW' },
      { api: 'FOO_FLAG_NEW', field: 'status', value: 'preferred' },
    ])
    // The kernel's shorthand in a macro, name for name with the callbacks it replaces.
    expect(interpretSentence('instead of checking for ->write or ->read being NULL, look for FMODE_CAN_{WRITE,READ} in file->f_mode.', { blockApi: null }).filter((fact) => fact.field === 'replacement')).toEqual([
      { api: 'write', field: 'replacement', value: 'FMODE_CAN_WRITE' },
      { api: 'read', field: 'replacement', value: 'FMODE_CAN_READ' },
    ])
    expect(interpretSentence('In place of those we have FOO_OPENED/FOO_CREATED, set in file->f_mode.', { blockApi: null, recent: ['FILE_OPENED', 'FILE_CREATED'], recentStatus: 'removed' }).filter((fact) => fact.field === 'replacement')).toEqual([
      { api: 'FILE_OPENED', field: 'replacement', value: 'FOO_OPENED' },
      { api: 'FILE_CREATED', field: 'replacement', value: 'FOO_CREATED' },
    ])
    // Doing without an API names no replacement.
    expect(interpretSentence('Instead of spinning, we take the lock with spin_lock().', { blockApi: null })).toEqual([])
    expect(findMentions('FMODE_CAN_{WRITE,READ} and FOO_{,BAR}').map((mention) => mention.name)).toEqual(['FMODE_CAN_WRITE', 'FMODE_CAN_READ', 'FOO_BAR'])
  })

  it('cuts a paragraph with no sentence end into bounded sentences, each sliced from the source once, so the stage stays linear', () => {
    // #15: a 400 kB paragraph without a full stop made the records stage take a minute when the sentence was accumulated.
    const text = 'A paragraph without a full stop ' + 'kmap_local_page() may sleep and '.repeat(12_500)
    const sentences = splitSentences(text, 0, text.length, 1, 1)
    expect(sentences.length).toBeGreaterThan(text.length / (longestSentence + 100))
    expect(Math.max(...sentences.map((sentence) => sentence.text.length))).toBeLessThanOrEqual(longestSentence + 40)
    // Nothing is lost or repeated: the sentences, put together, are the text.
    expect(sentences.map((sentence) => sentence.text).join(' ')).toBe(text.trim())
  })

  it('starts a sentence at a method or a name in literal markup after a full stop, and not after an abbreviation', () => {
    const texts = (text: string) => splitSentences(text, 0, text.length, 1, 1).map((sentence) => sentence.text)
    expect(texts('foo() is now called without ->d_lock held. ->d_lock on the dentry is still held.')).toEqual(['foo() is now called without ->d_lock held.', '->d_lock on the dentry is still held.'])
    expect(texts('Call bar(). ``baz()`` does the rest. Use e.g. ``qux()`` here.')).toEqual(['Call bar().', '``baz()`` does the rest.', 'Use e.g. ``qux()`` here.'])
    expect(texts('The value is 3. x->y is set.')).toEqual(['The value is 3. x->y is set.'])
    // napi.rst: "… and the associated poll method. struct napi_struct holds the state of the NAPI instance …".
    expect(texts('It has a poll method. struct foo_struct holds the state.')).toEqual(['It has a poll method.', 'struct foo_struct holds the state.'])
    // porting.rst: "… two wrappers are to be used instead.\nalloc_file_pseudo(inode, vfsmount, name, flags, ops) is for the cases …".
    expect(texts('Two wrappers are to be used instead. foo_pseudo(inode, name) is for the cases that need it.')).toEqual(['Two wrappers are to be used instead.', 'foo_pseudo(inode, name) is for the cases that need it.'])
  })

  it('reads two calls written at once with a slash, the second\'s first word in place of the first\'s last', () => {
    const names = (text: string) => findMentions(text).map((mention) => mention.name)
    // hugetlbfs_reserv.rst: "The routines hugepage_subpool_get/put_pages() are called …"; io-mapping.rst: "io_mapping_map_atomic/local_wc()".
    expect(names('hugepage_subpool_get/put_pages()')).toEqual(['hugepage_subpool_get_pages', 'hugepage_subpool_put_pages'])
    expect(names('io_mapping_map_atomic/local_wc()')).toEqual(['io_mapping_map_atomic_wc', 'io_mapping_map_local_wc'])
    expect(names('spin_lock/unlock()')).toEqual(['spin_lock', 'spin_unlock'])
    // porting.rst: "page_follow_link_light/page_put_link()": the second in full.
    expect(names('page_follow_link_light/page_put_link()')).toEqual(['page_follow_link_light', 'page_put_link'])
    // A path is no pair of calls.
    expect(names('see mm/foo_bar/baz_init() and read/write()')).toEqual(['baz_init', 'write'])
  })

  it('names a method as its structure\'s initializer writes it (``.ndo_init``), and no file or field reached through a variable', () => {
    expect(findMentions('``.ndo_init`` and ``.ndo_uninit`` callbacks, .d_hash() too').map(({ name, kind }) => `${name}:${kind}`)).toEqual(['ndo_init:callback', 'ndo_uninit:callback', 'd_hash:callback'])
    expect(findMentions('See file.rst, .config, dev.some_field and foo.bar_baz.', { weak: true }).filter((mention) => !mention.weak)).toEqual([])
  })

  it('pair names told side by side, in a long list too, by the kernel\'s naming (init and fini, init and cleanup, start and end …)', () => {
    const releases = (sentence: string) => interpretSentence(sentence, { blockApi: null }).filter((fact) => fact.field === 'release').map((fact) => `${fact.api} ${fact.value}`)
    expect(releases('Explicit initialization and cleanup is required via foo_init_ctx() and foo_cleanup_ctx().')).toEqual(['foo_init_ctx foo_cleanup_ctx'])
    expect(releases('Readers may use: (1) foo_lock() and foo_unlock(), (2) foo_lock_bh() and foo_unlock_bh(), or (3) bar_begin(), baz() and qux().')).toEqual(['foo_lock foo_unlock', 'foo_lock_bh foo_unlock_bh'])
    // Either one of the two is no pair told.
    expect(releases('Pass it to foo_lock(), bar(), baz(), qux() or foo_unlock() as you need.')).toEqual([])
  })

  it('read the lock of "… can be used when L is held" as a rule of the main clause\'s subject, and "is not held" as a lock not held', () => {
    expect(interpretSentence('foo_x() can be used when rtnl_lock is already held.', { blockApi: null })).toEqual([{ api: 'foo_x', field: 'locking', value: 'holds:rtnl_lock' }])
    expect(interpretSentence('These functions can be used in normal contexts where rtnl_lock is not already held.', { blockApi: null, topic: ['foo_x'] })).toEqual([{ api: 'foo_x', field: 'locking', value: 'not-held:rtnl_lock' }])
    // A negation before the lock undoes it.
    expect(interpretSentence('It is not required that rtnl_lock is held when calling foo_x().', { blockApi: null })).toEqual([])
  })

  it('keep a sentence no rule understands as plain text: no facts', () => {
    expect(interpretSentence('The cost of creating temporary mappings can be quite high.', { blockApi: 'x' })).toEqual([])
  })
})
