/**
 * API facts from the real corpus, field by field, in the words kernel authors
 * use: the documents of ../shared/corpus/linux-docs parsed as they are, and
 * the hard cases (negation, "prefer X over Y", conditions, two APIs in one
 * sentence, APIs named only in a title) on sentences written here.
 */
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'
import { interpretSentence } from '../../plugins/remark-api-records/lib/language.ts'
import { pairs, releasesOf } from '../../plugins/remark-api-records/lib/rules/pairing.ts'
import { coverageOf, formatCoverage } from '../../src/knowledge/coverage.ts'
import { canonicalValue, evaluate, factsOfRecord } from '../../src/knowledge/evaluate.ts'
import { parseGold } from '../../src/knowledge/gold.ts'
import { parseVersion } from '../../src/knowledge/parse.ts'
import { VFile } from 'vfile'
import { runCli } from '../helpers/cli.ts'
import { shared } from '../helpers/paths.ts'

const docs = path.join(shared, 'corpus/linux-docs/Documentation')
const cache = new Map<string, ApiRecord[]>()
async function recordsOf(file: string): Promise<ApiRecord[]> {
  if (!cache.has(file)) {
    const text = readFileSync(path.join(docs, file), 'utf8')
    cache.set(file, (await parseVersion(text, { document: file, version: 'test', path: file })).records)
  }
  return cache.get(file)!
}
async function record(file: string, name: string): Promise<ApiRecord> {
  const found = (await recordsOf(file)).find((each) => each.name === name)
  expect(found, `${name} in ${file}`).toBeDefined()
  return found!
}
const factOf = (each: ApiRecord, field: string, value?: string) => each.facts.find((fact) => fact.field === field && (value === undefined || fact.value === value))

describe('status and replacement, on the corpus', () => {
  it('"Don\'t use in new code. Use X instead." deprecates the API the paragraph is about', async () => {
    const atomic = await record('driver-api/io-mapping.rst', 'io_mapping_map_atomic_wc')
    expect(atomic.status).toBe('deprecated')
    expect(atomic.replacement).toEqual(['io_mapping_map_local_wc'])
    expect(factOf(atomic, 'status', 'deprecated')!.sentence).toBe("Don't use in new code.")
    expect((await record('driver-api/io-mapping.rst', 'io_mapping_map_local_wc')).status).toBe('preferred')
  })

  it('"X() is gone; use Y()" removes X and names Y, in a changelog of callbacks and functions', async () => {
    expect(await record('filesystems/porting.rst', 'destroy_buffers')).toMatchObject({ status: 'removed', replacement: ['invalidate_bdev'] })
    // "->aio_read/->aio_write are gone.  Use ->read_iter/->write_iter.": name for name, callbacks as such.
    expect(await record('filesystems/porting.rst', 'aio_read')).toMatchObject({ kind: 'callback', status: 'removed', replacement: ['read_iter'] })
    expect(await record('filesystems/porting.rst', 'aio_write')).toMatchObject({ status: 'removed', replacement: ['write_iter'] })
    // "iget4() and the read_inode2 callback have been superseded by iget5_locked()".
    expect(await record('filesystems/porting.rst', 'iget4')).toMatchObject({ status: 'deprecated', replacement: ['iget5_locked'] })
  })

  it('reads what the users of a removed interface are told to do as its replacement', async () => {
    // porting.rst: "->revalidate() is gone.  If your filesystem had it - provide ->getattr()", "FS_NOMOUNT is gone.  If you
    // use it - just set SB_NOUSER in flags", "FS_REVAL_DOT is gone; if you used to have it, add ->d_weak_revalidate()".
    expect(await record('filesystems/porting.rst', 'revalidate')).toMatchObject({ status: 'removed', replacement: ['getattr'] })
    expect(await record('filesystems/porting.rst', 'FS_NOMOUNT')).toMatchObject({ status: 'removed', replacement: ['SB_NOUSER'] })
    expect(await record('filesystems/porting.rst', 'FS_REVAL_DOT')).toMatchObject({ status: 'removed', replacement: ['d_weak_revalidate'] })
    const records = await recordsOfText('Changes\n=======\n\nfoo_old() is gone.  Drivers must now call foo_new().\n\nbar_get() takes the lock.  Drivers must call baz_put() when done.\n\nqux_old() is gone.  Drivers should not call qux_new() either.\n')
    expect(records.get('foo_old')!.replacement).toEqual(['foo_new'])
    // Without a removal before it, a directive names no replacement; nor does a negated one.
    expect(records.get('bar_get')!.replacement).toEqual([])
    expect(records.get('qux_old')!.replacement).toEqual([])
    // porting.rst: "vfs_follow_link has been removed.  Filesystems must use nd_set_link from ->follow_link …": a bare name the directive gives.
    const bare = await recordsOfText('Changes\n=======\n\nfoo_follow has been removed.  Filesystems must use foo_set_link from ->follow_link.\n')
    expect(bare.get('foo_follow')!.replacement).toEqual(['foo_set_link'])
  })

  it('reads a title "Deprecated create_proc_entry" and "which was removed in kernel 3.10" of a bare name', async () => {
    const entry = await record('filesystems/seq_file.rst', 'create_proc_entry')
    expect(entry.status).toBe('removed')
    expect(entry.since).toBe('3.10')
    expect(factOf(entry, 'status', 'deprecated')!.sentence).toBe('Deprecated create_proc_entry')
  })

  it('"is deprecated and should not be used in new code" in a list item', async () => {
    expect((await record('driver-api/dmaengine/client.rst', 'dmaengine_terminate_all')).status).toBe('deprecated')
  })

  it('reads "Instead of X, use higher-level APIs" as naming the APIs the paragraph goes on to list', async () => {
    // device-io.rst: "Instead of using the above raw ioremap() modes, drivers are encouraged to use higher-level APIs. …
    // the following ioremap() wrappers have such logic:" over "devm_ioremap_resource()" and its indented description, and more.
    const ioremap = await record('driver-api/device-io.rst', 'ioremap')
    expect(ioremap.replacement).toEqual(expect.arrayContaining(['devm_ioremap_resource', 'of_iomap', 'pci_iomap', 'pcim_iomap']))
    expect((await record('driver-api/device-io.rst', 'pcim_iomap')).status).toBe('preferred')
    const records = await recordsOfText('Helpers\n=======\n\nInstead of calling the old foo_map() directly, drivers are encouraged to use higher-level helpers. The following helpers do it for you:\n\n- foo_map_a()\n- foo_map_b()\n\nInstead of using bar_raw(), drivers are encouraged to use something else.\n')
    expect(records.get('foo_map')!.replacement).toEqual(['foo_map_a', 'foo_map_b'])
    // Without a list to stand for, a noun phrase names nothing.
    expect(records.get('bar_raw')!.replacement).toEqual([])
  })

  it('finds deprecations in many documents, not one', async () => {
    const files = readdirSync(docs, { recursive: true }).map(String).filter((name) => name.endsWith('.rst'))
    const withDeprecations = []
    for (const file of files) if ((await recordsOf(file)).some((each) => each.status === 'deprecated' || each.status === 'removed')) withDeprecations.push(file)
    expect(withDeprecations.length).toBeGreaterThanOrEqual(4)
  })
})

describe('calling context, locks, returns, pairing and summaries, on the corpus', () => {
  it('"This function can be called in an interrupt context" under a list item titled by a bare name', async () => {
    expect((await record('driver-api/dmaengine/provider.rst', 'device_issue_pending')).contexts).toEqual(['interrupt'])
  })

  it('"may sleep implicitly … never be called outside user context, with interrupts disabled"', async () => {
    const copy = await record('kernel-hacking/hacking.rst', 'copy_to_user')
    expect(copy.effects).toContain('may-sleep')
    expect(copy.contexts).toContain('process')
    expect(copy.forbiddenContexts).toContain('irqs-disabled')
  })

  it('"is not allowed to sleep" is a fact of its own', async () => {
    expect((await record('driver-api/gpio/consumer.rst', 'gpiod_to_irq')).effects).toContain('no-sleep')
  })

  it('pairs an acquire with its release by the kernel\'s naming when a sentence names both', async () => {
    expect((await record('kernel-hacking/locking.rst', 'spin_lock')).release).toBe('spin_unlock')
  })

  it('takes a table of helpers as their definitions', async () => {
    const same = await record('mm/arch_pgtable_helpers.rst', 'pte_same')
    expect(same.described).toBe(true)
    expect(same.summary).toBe('Tests whether both PTE entries are the same')
  })

  it('gives every API of a term written as a line of names the description indented below it', async () => {
    for (const name of ['readq', 'readl', 'writeb']) {
      expect((await record('driver-api/device-io.rst', name)).summary).toMatch(/^These are the most generic accessors/)
    }
  })

  it('gives every API of names set apart by commas over several lines the description indented below, words unlike identifiers included', async () => {
    // device-io.rst: "readsq, readsl, readsw, readsb" … "insl, insw, insb, outsl, outsw, outsb" over "These are helpers that access …".
    for (const name of ['readsq', 'ioread64_rep', 'outsb']) {
      expect((await record('driver-api/device-io.rst', name)).summary).toMatch(/^These are helpers that access the same address multiple times/)
    }
    // Plain words set apart by commas are no names, however many lines they run over.
    const words = await recordsOfText('red, green, blue\nyellow, white, black\n\n  These are colours.\n')
    expect([...words.keys()]).toEqual([])
  })

  it('reads "should generally use these for any access" as recommending the APIs described', async () => {
    expect((await record('driver-api/device-io.rst', 'readl')).status).toBe('preferred')
    // A rule of use is no recommendation: "it should use this call for slave transactions".
    const records = await recordsOfText('foo_config()\n\n  This call is for slave operations. A driver should use this call for slave transactions.\n')
    expect(records.get('foo_config')!.status).toBe('available')
  })

  it('reads the APIs a prototype block declares, described by the paragraph that introduces it', async () => {
    const array = await record('driver-api/gpio/consumer.rst', 'gpiod_get_array')
    expect(array.described).toBe(true)
    expect(array.summary).toBe('For a function using multiple GPIOs all of those can be obtained with one call::')
  })
})

/** The records of a document written here, in the kernel's shapes. */
async function recordsOfText(text: string): Promise<Map<string, ApiRecord>> {
  const { records } = await parseVersion(text, { document: 'constructed.rst', version: 'test', path: 'constructed.rst' })
  return new Map(records.map((each) => [each.name, each]))
}

describe('prototypes and the paragraph after them', () => {
  it('reads the paragraph after a prototype block as about the APIs it declares', async () => {
    // "The return value is zero for success, else a negative errno." after gpiod_direction_input/output.
    for (const name of ['gpiod_direction_input', 'gpiod_direction_output']) {
      expect((await record('driver-api/gpio/consumer.rst', name)).returnValues.map((each) => each.value)).toEqual(['0', '-errno'])
    }
    // "This function returns 0 for output, 1 for input, or an error code in case of error."
    expect((await record('driver-api/gpio/consumer.rst', 'gpiod_get_direction')).returnValues.map((each) => each.value)).toEqual(['0', '1', '-errno'])
    const records = await recordsOfText('Helpers\n=======\n\nThere are a couple of helpers::\n\n\tint foo_get(struct foo *f);\n\nThis returns 0 on success, or -ENOMEM when out of memory.\n\nThe next paragraph returns NULL.\n')
    expect(records.get('foo_get')!.returnValues).toEqual([{ value: '0', condition: 'on success' }, { value: '-ENOMEM', condition: 'when out of memory' }])
  })

  it('reads prototypes no paragraph introduces (a code-block directive) by the paragraph after them that refers back', async () => {
    // client.rst: "1. Terminate APIs" / ".. code-block:: c" / "This causes all activity for the DMA channel to be stopped, …".
    for (const name of ['dmaengine_terminate_sync', 'dmaengine_terminate_all']) expect((await record('driver-api/dmaengine/client.rst', name)).summary).toMatch(/^This causes all activity for the DMA channel to be stopped/)
    // "Interface:" / ".. code-block:: c" / "The peripheral driver is expected to have mapped …" describes the caller, not the API.
    expect((await record('driver-api/dmaengine/client.rst', 'dmaengine_prep_slave_sg')).summary).toBe('')
  })

  it('looks past the first sentence below prototypes an introduction only points at, for one that refers back to them', async () => {
    // io-mapping.rst: "The mappings are released with::", the prototypes, then "'vaddr' must be the value returned by … This unmaps the specified mapping …".
    expect((await record('driver-api/io-mapping.rst', 'io_mapping_unmap_local')).summary).toBe('This unmaps the specified mapping and undoes the side effects of the mapping functions.')
    // seq_file.rst: "There are also a pair of functions for printing filenames::" … "A call to seq_path() will output the path …".
    expect((await record('filesystems/seq_file.rst', 'seq_path')).summary).toMatch(/^A call to seq_path\(\) will output the path/)
    // "Both are in bytes." after "'base' is … while 'size' indicates …" speaks of the arguments: the introduction stays the summary.
    expect((await record('driver-api/io-mapping.rst', 'io_mapping_create_wc')).summary).toBe('A mapping object is created during driver initialization using::')
  })

  it('takes no summary from "…, it can use::" or "… result in a call to the routine X()::"', async () => {
    // hmm.rst: "Most callers should use … If a driver really needs to hold the mmap lock across work outside HMM, it can use::".
    expect((await record('mm/hmm.rst', 'hmm_range_fault')).summary).toBe('')
    // hugetlbfs_reserv.rst: "These operations result in a call to the routine hugetlb_reserve_pages()::".
    expect((await record('mm/hugetlbfs_reserv.rst', 'hugetlb_reserve_pages')).summary).toBe('')
    // An introduction that says what the call does still defines it.
    const records = await recordsOfText('A mapping is made with::\n\n    void *foo_map(struct page *page);\n\nDrivers can use::\n\n    void bar_map(void);\n')
    expect(records.get('foo_map')!.summary).toBe('A mapping is made with::')
    expect(records.get('bar_map')!.summary).toBe('')
  })

  it('reads the paragraph right after prototypes no paragraph introduces as theirs when it opens with what they do ("Resume a previously paused DMA channel.")', async () => {
    // client.rst: "3. Resume API" over ".. code-block:: c" "int dmaengine_resume(struct dma_chan *chan)" and "Resume a previously paused DMA channel. …".
    expect((await record('driver-api/dmaengine/client.rst', 'dmaengine_resume')).summary).toBe('Resume a previously paused DMA channel.')
    expect((await record('driver-api/dmaengine/client.rst', 'dmaengine_synchronize')).summary).toBe('Synchronize the termination of the DMA channel to the current context.')
    const records = await recordsOfText('.. code-block:: c\n\n   int foo_resume(struct foo *f)\n\nResume a paused foo.\n\n.. code-block:: c\n\n   int bar_resume(struct bar *b)\n\nIn the example above the bar is left alone.\n')
    expect(records.get('foo_resume')).toMatchObject({ described: true, summary: 'Resume a paused foo.' })
    expect(records.get('bar_resume')?.summary ?? '').toBe('')
  })

  it('takes no summary from an introduction that only points at the prototypes ("They come in two flavours::", "Just call X::")', async () => {
    expect((await record('driver-api/io-mapping.rst', 'io_mapping_map_local_wc')).summary).not.toMatch(/flavours::/)
    expect((await record('driver-api/usb/URB.rst', 'usb_submit_urb')).summary).not.toMatch(/^Just call/)
    expect((await record('filesystems/porting.rst', 'iget5_locked')).summary).not.toMatch(/following prototype::/)
    // An introduction that says what the prototypes do still defines them.
    expect((await record('driver-api/gpio/consumer.rst', 'gpiod_get_array')).summary).toBe('For a function using multiple GPIOs all of those can be obtained with one call::')
  })

  it('takes the summary from the paragraph after the prototypes when the introduction only points at them', async () => {
    // "To cancel an URB synchronously, call usb_kill_urb()::" then "It does everything usb_unlink_urb does, …".
    expect((await record('driver-api/usb/URB.rst', 'usb_kill_urb')).summary).toMatch(/^It does everything/)
    // "There are a couple of other directory-oriented helper functions::" then "A call to debugfs_change_name() will give …".
    expect((await record('filesystems/debugfs.rst', 'debugfs_change_name')).summary).toMatch(/^A call to debugfs_change_name\(\) will give a new name/)
    // An introduction that says what they do stays the summary, and so does one that opens with a condition.
    expect((await record('driver-api/gpio/consumer.rst', 'gpiod_get_direction')).summary).toBe('A driver can also query the current direction of a GPIO::')
    expect((await record('driver-api/gpio/consumer.rst', 'gpiod_get_index')).summary).toMatch(/^If a function is implemented by using several GPIOs together/)
    // hugetlbfs_reserv.rst: "These routines are::"; consumer.rst: "The device-managed variants are, unsurprisingly::" say nothing of what they introduce.
    expect((await record('mm/hugetlbfs_reserv.rst', 'region_count')).summary).toBe('')
    expect((await record('driver-api/gpio/consumer.rst', 'devm_gpiod_put')).summary).toBe('')
    // "A file can be removed with::" does (debugfs.rst).
    expect((await record('filesystems/debugfs.rst', 'debugfs_remove')).summary).toBe('A file can be removed with::')
    const records = await recordsOfText('The mappings are released with::\n\n\tvoid foo_unmap(void *vaddr)\n\nThis unmaps the specified mapping.\n')
    expect(records.get('foo_unmap')!.summary).toBe('This unmaps the specified mapping.')
  })
})

describe('return values as kernel documents list them', () => {
  const read = (sentence: string, blockApi: string | null = null) => interpretSentence(sentence, { blockApi })
  const values = (sentence: string, blockApi: string | null = null) => read(sentence, blockApi).filter((fact) => fact.field === 'returnValues').map(({ api, value, condition }) => ({ api, value, condition }))

  it('ends a condition where the next value is joined on, and skips a value described in words', () => {
    // locking.rst: "spin_trylock() does not spin but returns non-zero if it acquires the spinlock on the first try or 0 if not."
    expect(values('spin_trylock() does not spin but returns non-zero if it acquires the spinlock on the first try or 0 if not.')).toEqual([
      { api: 'spin_trylock', value: 'nonzero', condition: 'if it acquires the spinlock on the first try' },
      { api: 'spin_trylock', value: '0', condition: 'if not' },
    ])
    // URB.rst: "Return value is a pointer to the allocated URB, 0 if allocation failed."
    expect(values('Return value is a pointer to the allocated URB, 0 if allocation failed.', 'usb_alloc_urb')).toEqual([{ api: 'usb_alloc_urb', value: '0', condition: 'if allocation failed' }])
    expect(values('The result is a pointer to the buffer.', 'foo_get')).toEqual([])
  })

  it('reads the value named before "is returned", "should be returned", and a value named as a return', async () => {
    // porting.rst, of lock_rename() and lock_rename_child(): "In that case ERR_PTR(-EXDEV) is returned, with no locks taken."
    for (const name of ['lock_rename', 'lock_rename_child']) expect((await record('filesystems/porting.rst', name)).returnValues.map((each) => each.value)).toContain('ERR_PTR')
    expect(values('In that case ERR_PTR(-EXDEV) is returned, with no locks taken.', 'foo_lock')).toEqual([{ api: 'foo_lock', value: 'ERR_PTR', condition: undefined }])
    // porting.rst: "alloc_file() has become static now; … alloc_file_pseudo(inode, …) is for the cases … On failure, ERR_PTR() is returned …": the wrapper's.
    expect((await record('filesystems/porting.rst', 'alloc_file_pseudo')).returnValues.map((each) => each.value)).toContain('ERR_PTR')
    expect((await record('filesystems/porting.rst', 'alloc_file')).returnValues).toEqual([])
    // porting.rst: "-ECHILD should be returned if the filesystem cannot handle rcu-walk."
    expect(values('-ECHILD should be returned if the filesystem cannot handle rcu-walk.', 'foo_revalidate')).toEqual([{ api: 'foo_revalidate', value: '-ECHILD', condition: 'if the filesystem cannot handle rcu-walk' }])
    expect(values('NULL should not be returned.', 'foo_get')).toEqual([])
    expect(values('A pointer to the new entry is returned, or the old one.', 'foo_get')).toEqual([])
    // seq_file.rst: "A true return from seq_has_overflowed means that the seq_file buffer will be discarded …".
    expect(values('A true return from seq_has_overflowed() means that the buffer will be discarded.')).toEqual([{ api: 'seq_has_overflowed', value: 'true', condition: undefined }])
    // Whose return it is must be told: a code passed on by someone unnamed, or a return address, is none.
    expect(values('The lock helper can propagate the -EALREADY return code back to the caller.', 'foo_list')).toEqual([])
    expect(values('The return address is saved.', 'foo_get')).toEqual([])
    expect(values('An ERR_PTR(-ERROR) return value indicates that something went wrong.', 'foo_create')).toEqual([{ api: 'foo_create', value: 'ERR_PTR', condition: undefined }])
  })

  it('keeps "it" for the API a sentence opened with past a clause that only names another as where it is called', async () => {
    // porting.rst: "->drop_inode() returns int now; it's called on final iput() with inode->i_lock held and it returns true if …".
    expect((await record('filesystems/porting.rst', 'drop_inode')).returnValues.map((each) => each.value)).toContain('true')
    expect((await record('filesystems/porting.rst', 'iput')).returnValues).toEqual([])
    expect(values('foo_drop() is new; it is called on final bar_put() and it returns true if it may go.')).toEqual([{ api: 'foo_drop', value: 'true', condition: 'if it may go' }])
  })

  it('reads no return value from C written inline ("(equivalent of d_add(dentry, NULL); return NULL;)")', async () => {
    // porting.rst: "passing NULL inode to d_splice_alias() will also do the right thing (equivalent of d_add(dentry, NULL); return NULL;), …".
    expect((await record('filesystems/porting.rst', 'd_splice_alias')).returnValues).toEqual([])
    expect(values('Calling foo_get() does the same (like bar_get(x); return NULL;), so nothing else is needed.')).toEqual([])
    expect(values('If you accept the device return 0.', 'foo_probe')).toEqual([{ api: 'foo_probe', value: '0', condition: undefined }])
  })

  it('reads what a predicate is said to be as its return value', () => {
    // netdevices.rst: "Note: netif_running() is guaranteed false"; hacking.rst: "… and in_interrupt() (``include/linux/preempt.h``) is false."
    expect(values('Note: netif_running() is guaranteed false')).toEqual([{ api: 'netif_running', value: 'false', condition: undefined }])
    expect(values('In user context, the current pointer is valid, and in_interrupt() (``include/linux/preempt.h``) is false.')).toEqual([{ api: 'in_interrupt', value: 'false', condition: undefined }])
    expect(values('foo_ready() is not always true.')).toEqual([])
    expect(values('The CONFIG_FOO option is true on x86.')).toEqual([])
  })

  it('reads what a callback\'s implementer is told to return, in a section titled "The X() callback"', async () => {
    // callbacks.rst, under "The probe() callback": "Accept or decline an interface. If you accept the device return 0, otherwise -ENODEV or -ENXIO."
    expect((await record('driver-api/usb/callbacks.rst', 'probe')).returnValues.map((each) => each.value)).toEqual(['0', '-ENODEV', '-ENXIO'])
    expect(values('If you accept the device return 0, otherwise -ENODEV.', 'foo_probe').map((each) => each.value)).toEqual(['0', '-ENODEV'])
    expect(values('Otherwise -ENODEV is not an option.', 'foo_probe')).toEqual([])
  })

  it('gives nothing to an API named in a relative clause about someone else ("filesystems which use X … can return NULL")', async () => {
    // porting.rst: "In general, filesystems which use d_instantiate_new() to install the new inode can safely return NULL."
    expect((await record('filesystems/porting.rst', 'd_instantiate_new')).returnValues).toEqual([])
    expect(interpretSentence('Drivers which call foo_get() to map the page must return NULL.', { blockApi: null })).toEqual([])
    // A relative clause that is the phrase still speaks of its antecedent.
    expect(interpretSentence('There is bar_get(), which returns NULL on failure.', { blockApi: null })).toEqual([expect.objectContaining({ api: 'bar_get', field: 'returnValues', value: 'NULL' })])
    // "Code which calls X must hold …" is a rule of X, told of its callers; "Note that these functions …" has no relative clause.
    expect(interpretSentence('Code which calls baz_put() must hold the zone lock.', { blockApi: null })).toEqual([expect.objectContaining({ api: 'baz_put', field: 'locking', value: 'holds:zone_lock' })])
    expect(interpretSentence('Note that these functions should be avoided.', { blockApi: 'qux_raw' })).toEqual([expect.objectContaining({ api: 'qux_raw', field: 'status', value: 'discouraged' })])
  })

  it('gives what a parenthesis right after a name says to that name ("atomic_dec_and_test() (returns true if …)")', async () => {
    expect((await record('kernel-hacking/hacking.rst', 'atomic_dec_and_test')).returnValues).toEqual([{ value: 'true', condition: 'if it was decremented to zero' }])
    expect((await record('kernel-hacking/hacking.rst', 'atomic_t')).returnValues).toEqual([])
  })

  it('reads "the return value of X is" and "the value returned from X is" as values of X', () => {
    // consumer.rst: "The return value of gpiod_get_array_value() and its variants is 0 on success or negative on error."
    expect(values('The return value of gpiod_get_array_value() and its variants is 0 on success or negative on error.')).toEqual([
      { api: 'gpiod_get_array_value', value: '0', condition: 'on success' },
      { api: 'gpiod_get_array_value', value: '-errno', condition: 'on error' },
    ])
    // hugetlbfs_reserv.rst: "The value returned from vma_needs_reservation() is generally 0 or 1."
    expect(values('The value returned from vma_needs_reservation() is generally 0 or 1.').map((each) => each.value)).toEqual(['0', '1'])
    expect(values('The return value of foo_get() is not 0.')).toEqual([])
  })

  it('reads a list of error codes introduced as what the API returns, in a description that goes on with "It …"', async () => {
    // URB.rst: "Just call usb_submit_urb()::" … "It immediately returns, either with status 0 (request queued) or some error code, usually caused by the following:" and "- Out of memory (``-ENOMEM``)" ….
    expect((await record('driver-api/usb/URB.rst', 'usb_submit_urb')).returnValues.map((each) => each.value).sort()).toEqual(['-EAGAIN', '-EFBIG', '-EINVAL', '-ENODEV', '-ENOMEM', '-EPIPE', '0'])
    // netdevices.rst: "Return codes:" and "* NETDEV_TX_OK everything ok." in the description of ndo_start_xmit.
    expect((await record('networking/netdevices.rst', 'ndo_start_xmit')).returnValues.map((each) => each.value)).toEqual(['NETDEV_TX_OK', 'NETDEV_TX_BUSY'])
    const records = await recordsOfText('Helpers\n=======\n\nCall this::\n\n\tint foo_open(struct foo *f);\n\nThe flags are ignored.\n\nIt fails with one of the following errors:\n\n- No memory (-ENOMEM)\n- Busy (-EBUSY)\n\nThe list below is not about foo_open:\n\n- Closed (-EBADF)\n')
    expect(records.get('foo_open')!.returnValues.map((each) => each.value)).toEqual(['-ENOMEM', '-EBUSY'])
  })

  it('gives "the return value" in a description to the API described, not to what the sentence before named', async () => {
    // debugfs.rst: "At a minimum, the read() and/or write() operations should be provided; … Again, the return value will be a dentry pointer to the created file, ERR_PTR(-ERROR) on error …".
    const file = await record('filesystems/debugfs.rst', 'debugfs_create_file')
    expect(file.returnValues.map((each) => each.value)).toContain('ERR_PTR')
    expect((await recordsOf('filesystems/debugfs.rst')).find((each) => each.name === 'read')?.returnValues ?? []).toEqual([])
    // A paragraph that ends by introducing prototypes is about them in its last sentence only, and about the prototypes above it before that.
    expect((await record('mm/hugetlbfs_reserv.rst', 'vma_commit_reservation')).returnValues.map((each) => each.value)).toEqual(expect.arrayContaining(['1', '0']))
    for (const name of ['gpiod_get_optional', 'gpiod_get_index_optional']) expect((await record('driver-api/gpio/consumer.rst', name)).returnValues.map((each) => each.value)).toEqual(['NULL'])
  })
})

describe('pairing an API with the release introduced after it', () => {
  it('pairs by name exactly as the releases the name spells out, word by word', () => {
    // `pairs` reads word by word what `releasesOf` spells out in full; both must agree on any name.
    const word = fc.constantFrom('spin', 'lock', 'unlock', 'irqsave', 'irqrestore', 'kmap', 'kunmap', 'local', 'page', 'get', 'put', 'kmalloc', 'kfree', 'array', 'try', 'x', '')
    const name = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join('_'))
    fc.assert(
      fc.property(name, name, (api, release) => {
        const spelled = api !== release && releasesOf(api).some((candidate) => candidate === release || candidate.startsWith(release + '_'))
        expect(pairs(api, release)).toBe(spelled)
      }),
      { numRuns: 3000 },
    )
    expect(pairs('spin_lock_irqsave', 'spin_unlock_irqrestore')).toBe(true)
    expect(pairs('kmap_local_page', 'kunmap_local')).toBe(true)
    expect(pairs('kmap_local_page', 'kmap_local')).toBe(false)
    // What is tried is released like what is done: try_module_get() by module_put().
    expect(pairs('try_module_get', 'module_put')).toBe(true)
    expect(pairs('try_module_get', 'try_module_put')).toBe(true)
    expect(pairs('try_module_get', 'module_get')).toBe(false)
  })

  it('pairs what was described before with prototypes introduced as releases, by the kernel\'s naming', async () => {
    // io-mapping.rst: "The mappings are released with::" and io_mapping_unmap_local(), io_mapping_unmap_atomic().
    expect((await record('driver-api/io-mapping.rst', 'io_mapping_map_local_wc')).release).toBe('io_mapping_unmap_local')
    expect((await record('driver-api/io-mapping.rst', 'io_mapping_map_atomic_wc')).unmap).toBe('io_mapping_unmap_atomic')
    // URB.rst: "To free an URB, use usb_free_urb()::".
    expect((await record('driver-api/usb/URB.rst', 'usb_alloc_urb')).release).toBe('usb_free_urb')
    // consumer.rst: "A GPIO descriptor can be disposed of using the gpiod_put() function::" pairs gpiod_get only: a
    // two-word release could be any gpiod_get_*'s.
    const consumer = 'driver-api/gpio/consumer.rst'
    expect((await record(consumer, 'gpiod_get')).release).toBe('gpiod_put')
    for (const name of ['gpiod_get_index', 'gpiod_get_optional', 'gpiod_get_array']) expect((await record(consumer, name)).release).not.toBe('gpiod_put')
    const records = await recordsOfText('Helpers\n=======\n\nObjects are made with::\n\n\tstruct foo *foo_create_thing(int flags);\n\nThey are destroyed with::\n\n\tvoid foo_destroy_thing(struct foo *foo);\n')
    expect(records.get('foo_create_thing')!.release).toBe('foo_destroy_thing')
  })

  it('pairs a release told after the API, "does the reverse", "when you are done"', async () => {
    // locking.rst: "This is where spin_lock_bh() … is used. It disables softirqs on that CPU, then grabs the lock. spin_unlock_bh() does the reverse."
    expect((await record('kernel-hacking/locking.rst', 'spin_lock_bh')).release).toBe('spin_unlock_bh')
    // hacking.rst: "get_cpu() disables preemption … You return it again with put_cpu() when you are done."
    expect((await record('kernel-hacking/hacking.rst', 'get_cpu')).release).toBe('put_cpu')
    // device-io.rst: "… you should call ioremap(). …" ¶ "After you've finished using the device (…), call iounmap() …".
    expect((await record('driver-api/device-io.rst', 'ioremap')).release).toBe('iounmap')
    // A release the names do not pair is none: "foo_start() begins. bar_end() does the reverse."
    expect((await recordsOfText('foo_start() begins the work. bar_end() does the reverse.\n')).get('foo_start')!.release).toBeNull()
  })

  it('pairs the two names of a title, and two names told side by side as an acquire and its release are written', async () => {
    // hacking.rst: sections "kmalloc()/kfree()" and "local_irq_save()/local_irq_restore()".
    expect((await record('kernel-hacking/hacking.rst', 'kmalloc')).release).toBe('kfree')
    expect((await record('kernel-hacking/hacking.rst', 'local_irq_save')).release).toBe('local_irq_restore')
    // napi.rst: "netif_napi_add() and netif_napi_del() add/remove a NAPI instance from the system."
    expect((await record('networking/napi.rst', 'netif_napi_add')).release).toBe('netif_napi_del')
    // locking.rst: "See DEFINE_PER_CPU(), get_cpu_var() and put_cpu_var()": the end of a list, no pair.
    expect((await record('kernel-hacking/locking.rst', 'get_cpu_var')).release).toBeNull()
    const records = await recordsOfText('foo_get()/bar_put()\n==================\n\nText.\n\nbaz_enable() and baz_disable() manage the state.\n')
    expect(records.get('foo_get')!.release).toBeNull()
    // hmm.rst: "There are also devm_request_free_mem_region(), devm_memremap_pages(), devm_memunmap_pages(), and devm_release_mem_region() when …": an enumeration.
    expect((await record('mm/hmm.rst', 'devm_memremap_pages')).release).toBeNull()
    expect(interpretSentence('There are also foo_setup(), foo_map(), foo_unmap() and foo_done() for this.', { blockApi: null }).filter((fact) => fact.field === 'release')).toEqual([])
    expect(interpretSentence('Pages mapped with foo_map() must be released with foo_unmap().', { blockApi: null }).filter((fact) => fact.field === 'release')).toEqual([{ api: 'foo_map', field: 'release', value: 'foo_unmap' }])
    // Written the other way round, an enable and a disable may be either's release: none is told.
    expect(records.get('baz_disable')!.release).toBeNull()
    expect(records.get('baz_enable')!.release).toBeNull()
  })

  it('pairs a release told once the work is done ("Once your driver is done with …, it can call release_firmware()")', async () => {
    expect((await record('driver-api/firmware/request_firmware.rst', 'request_firmware')).release).toBe('release_firmware')
    // hacking.rst: "Otherwise, you can safely enter the module, and call module_put() when you're finished."
    expect((await record('kernel-hacking/hacking.rst', 'try_module_get')).release).toBe('module_put')
    // device-io.rst: "After you've finished using the device …, call iounmap()".
    expect((await record('driver-api/device-io.rst', 'ioremap')).release).toBe('iounmap')
    // Without a word of the work being done, a release named later is no pair of it.
    const records = await recordsOfText('Call foo_get() first.\n\nWhen the table is full, the core calls foo_put().\n\nCall baz_get(). Done is done: call baz_put().\n')
    expect(records.get('foo_get')!.release).toBeNull()
    expect(records.get('baz_get')!.release).toBeNull()
  })

  it('pairs nothing from a sentence that forbids the pair', () => {
    // consumer.rst: "It is also not allowed to individually release descriptors (using gpiod_put()) from an array acquired with gpiod_get_array()."
    expect(interpretSentence('It is also not allowed to individually release descriptors (using foo_put()) from an array acquired with foo_get().', { blockApi: null })).toEqual([])
  })

  it('pairs nothing from names given as alternatives, and no release that is gone', async () => {
    // consumer.rst: "Non-error values returned from gpiod_to_irq() can be passed to request_irq() or free_irq()."
    expect(interpretSentence('The values can be passed to foo_request() or foo_free().', { blockApi: null })).toEqual([])
    expect((await record('driver-api/gpio/consumer.rst', 'request_irq')).release).toBeNull()
    // porting.rst: "->put_link() is gone - just give the destructor to set_delayed_call() in ->get_link()."
    expect((await record('filesystems/porting.rst', 'get_link')).release).toBeNull()
    // A release both named with "and" still pairs.
    expect(interpretSentence('Calls to foo_get() and foo_put() must be balanced.', { blockApi: null })).toEqual(expect.arrayContaining([expect.objectContaining({ api: 'foo_get', field: 'release', value: 'foo_put' })]))
  })
})

describe('calling context told of a call\'s object, and carried over by "the same rule"', () => {
  const read = (sentence: string, blockApi: string | null = null) => interpretSentence(sentence, { blockApi })
  it('gives the context of "issue/call/use X from Y context" to X, and forbids it under a negation', () => {
    // consumer.rst: "You should normally issue these calls from a task context."
    expect(read('You should normally issue these calls from a task context.', 'gpiod_direction_input')).toEqual([{ api: 'gpiod_direction_input', field: 'contexts', value: 'process' }])
    // napi.rst: "Drivers should call this function in their interrupt handler".
    expect(read('Drivers should call this function in their interrupt handler.', 'napi_schedule')).toEqual([{ api: 'napi_schedule', field: 'contexts', value: 'interrupt' }])
    // consumer.rst: "Use the following calls to access GPIOs from an atomic context::".
    expect(read('Use the following calls to access GPIOs from an atomic context::', 'gpiod_get_value')).toEqual([{ api: 'gpiod_get_value', field: 'contexts', value: 'atomic' }])
    expect(read('Never call foo_sync() from interrupt context.').filter((fact) => /contexts/i.test(fact.field))).toEqual([{ api: 'foo_sync', field: 'forbiddenContexts', value: 'interrupt' }])
    expect(read('You can call foo_get() to find out which interrupt handler runs.')).toEqual([])
  })

  it('reads "cannot be safely used in hardware or software interrupt contexts", "may be used to block until" and "in addition it waits until"', () => {
    // locking.rst: "This function cannot be safely used in hardware or software interrupt contexts despite not sleeping."
    expect(read('This function cannot be safely used in hardware or software interrupt contexts despite not sleeping.', 'mutex_trylock').filter((fact) => fact.field === 'forbiddenContexts').map((fact) => fact.value)).toEqual(['interrupt', 'softirq'])
    // locking.rst: "Alternatively, synchronize_rcu() may be used to block until all pre-existing are finished."
    expect(read('Alternatively, synchronize_rcu() may be used to block until all pre-existing are finished.')).toContainEqual({ api: 'synchronize_rcu', field: 'effects', value: 'may-sleep' })
    // URB.rst: "It does everything usb_unlink_urb does, and in addition it waits until after the URB has been returned …".
    expect(read('It does everything foo_unlink() does, and in addition it waits until after the URB has been returned.', 'foo_kill')).toContainEqual({ api: 'foo_kill', field: 'effects', value: 'may-sleep' })
  })

  it('reads ", never from interrupt context" after where a call is made as forbidden, the verb left out', () => {
    const read = (sentence: string) => interpretSentence(sentence, { blockApi: null }).map(({ api, field, value }) => `${api} ${field} ${value}`)
    expect(read('foo_cb() will always be invoked from the tasklet, never from interrupt context.')).toEqual(['foo_cb contexts softirq', 'foo_cb forbiddenContexts interrupt'])
    // Another call told after the comma is no context left out.
    expect(read('foo_cb() is called from process context, and bar_cb() from interrupt context.')).not.toContain('foo_cb forbiddenContexts interrupt')
  })

  it('carries the rules of a sentence over to the APIs "the same rule applies for"', async () => {
    // checklist.rst: "Since synchronize_rcu() can block, it cannot be called from any sort of irq context.  The same rule applies for synchronize_srcu(), synchronize_rcu_expedited(), and synchronize_srcu_expedited()."
    for (const name of ['synchronize_srcu', 'synchronize_rcu_expedited', 'synchronize_srcu_expedited']) {
      expect(await record('RCU/checklist.rst', name)).toMatchObject({ forbiddenContexts: ['softirq', 'interrupt'], effects: ['may-sleep'] })
    }
  })
})

describe('a collective noun phrase over a list', () => {
  it('gives what "Some Functions Which Sleep" and "Some functions are safe to call from any context" say to the APIs listed below', async () => {
    const file = 'kernel-hacking/locking.rst'
    // Under the title "Some Functions Which Sleep": "- Accesses to userspace: - copy_from_user() …", "- mutex_lock_interruptible() and mutex_lock()".
    for (const name of ['copy_from_user', 'put_user', 'mutex_lock']) expect((await record(file, name)).effects).toContain('may-sleep')
    // Under "Some Functions Which Don't Sleep": "Some functions are safe to call from any context, or holding almost any lock." and "- printk() - kfree() - add_timer() and del_timer()".
    for (const name of ['printk', 'kfree', 'del_timer']) expect(await record(file, name)).toMatchObject({ contexts: ['any'], effects: ['no-sleep'] })
    const records = await recordsOfText('Helpers\n=======\n\nThe following helpers must not be called from interrupt context:\n\n- foo_wait()\n- foo_sleep()\n\nThe sentences below name no list:\n\n- a word\n')
    expect(records.get('foo_wait')!.forbiddenContexts).toEqual(['interrupt'])
    expect(records.get('foo_sleep')!.forbiddenContexts).toEqual(['interrupt'])
  })
})

describe('what a sentence says before a colon, of the names after it', () => {
  it('gives the lock rules of "Second group can be used when rtnl_lock is already held: …" to the names listed', async () => {
    // netdevices.rst, lines 27-29.
    expect((await record('networking/netdevices.rst', 'register_netdev')).locking).toEqual([{ rule: 'not-held', lock: 'rtnl_lock' }])
    expect((await record('networking/netdevices.rst', 'free_netdevice')).locking).toEqual([{ rule: 'holds', lock: 'rtnl_lock' }])
    // What the sentence states otherwise stays: register_netdevice() is released by unregister_netdevice().
    expect((await record('networking/netdevices.rst', 'register_netdevice')).release).toBe('unregister_netdevice')
    // A label is no such sentence: "Replacement: d_make_root(inode)" still names a replacement.
    expect((await record('filesystems/porting.rst', 'd_alloc_root')).replacement).toEqual(['d_make_root'])
    const records = await recordsOfText('Changes\n=======\n\nThese helpers are gone for good: foo_old(), bar_old().\n\nSee the notes: baz_new() is what you want.\n')
    expect(records.get('foo_old')!.status).toBe('removed')
    expect(records.get('baz_new')!.status).toBe('available')
  })

  it('counts a lock named in words with a hyphen as the same lock in the evaluation', () => {
    expect(canonicalValue('locking', 'holds:update-side_lock')).toBe(canonicalValue('locking', 'holds:update_side_lock'))
  })
})

describe('summaries in more of the shapes kernel documents define APIs in', () => {
  it('take no summary from a list item of names and symbols alone', async () => {
    // checklist.rst: "- call_rcu() -> rcu_barrier()", one line of a table of which barrier goes with which call.
    expect((await record('RCU/checklist.rst', 'call_rcu')).summary).toBe('')
    const records = await recordsOfText('- foo_get() -> foo_put()\n- bar_get() maps a page.\n')
    expect(records.get('foo_get')!.summary).toBe('')
    expect(records.get('bar_get')!.summary).toBe('bar_get() maps a page.')
  })

  it('reads an API introduced in passing as defined by what the sentence says it does ("There is X() which …", "… called X()")', async () => {
    // locking.rst: "There is list_del_rcu() (``include/linux/list.h``) which does this …".
    expect((await record('kernel-hacking/locking.rst', 'list_del_rcu')).summary).toMatch(/^There is list_del_rcu\(\) \(``include\/linux\/list.h``\) which does this/)
    // seq_file.rst: "There is also a wrapper function to seq_open() called seq_open_private().", "There is also a variant
    // function, __seq_open_private(), which is functionally identical …", "A corresponding close function, seq_release_private() is available which …".
    expect((await record('filesystems/seq_file.rst', 'seq_open_private')).summary).toBe('There is also a wrapper function to seq_open() called seq_open_private().')
    expect((await record('filesystems/seq_file.rst', '__seq_open_private')).summary).toMatch(/^There is also a variant function, __seq_open_private\(\), which is functionally identical/)
    expect((await record('filesystems/seq_file.rst', 'seq_release_private')).summary).toMatch(/^A corresponding close function, seq_release_private\(\) is available/)
    // locking.rst: under "- mutex_lock_interruptible() and mutex_lock()", "There is a mutex_trylock() which does not sleep. Still, it
    // must not be used …" is about mutex_trylock(): no summary of the item's APIs.
    expect((await record('kernel-hacking/locking.rst', 'mutex_lock')).summary).toBe('')
    const listed = await recordsOfText('- foo_lock()\n\n  There is a foo_trylock() which does not sleep. Still, it must not be used in interrupt context.\n\n- bar_lock()\n\n  Takes the bar lock. There is a bar_trylock() which does not sleep.\n')
    expect(listed.get('foo_lock')!.summary).toBe('')
    expect(listed.get('bar_lock')!.summary).toBe('Takes the bar lock.')
    // The API the wrapper wraps is no API introduced; nor is one "there is" names without saying what it does.
    const records = await recordsOfText('Intro.\n\nThere is also a wrapper to foo_open() called foo_open_x().\n\nThere is bar_lock() in the header.\n')
    expect(records.get('foo_open')!.summary).toBe('')
    expect(records.get('bar_lock')!.summary).toBe('')
  })

  it('defines a bare snake_case name by a sentence that leads with it and gives it a verb of its own or "is a …"', async () => {
    // rt-mutex-design.rst: "try_to_take_rt_mutex is used every time the task tries to grab a mutex in the slow path."
    expect((await record('locking/rt-mutex-design.rst', 'try_to_take_rt_mutex')).summary).toMatch(/^try_to_take_rt_mutex is used every time/)
    expect((await record('locking/rt-mutex-design.rst', 'rt_mutex_adjust_prio')).summary).toMatch(/^rt_mutex_adjust_prio examines the priority/)
    // porting.rst: "d_revalidate is a callback that is made on every path element …"; "f_dentry is gone; use f_path.dentry …" is a change.
    expect((await record('filesystems/porting.rst', 'd_revalidate')).summary).toMatch(/^d_revalidate is a callback that is made/)
    expect((await record('filesystems/porting.rst', 'f_dentry')).summary).toBe('')
    // napi.rst: "struct napi_struct holds the state of the NAPI instance while …": C's word for a type before the name.
    expect((await record('networking/napi.rst', 'napi_struct')).summary).toMatch(/^struct napi_struct holds the state of the NAPI instance/)
    // A parameter listed with a dash, a quality, a place: prose says these of variables too, and they make no record.
    const records = await recordsOfText('Intro.\n\n* foo_size - the number of elements\n\nThe bar_mutex is perfect to protect this.\n\nbaz_table is in the header.\n\nqux_walk visits every page.\n')
    expect([...records.keys()].sort()).toEqual(['qux_walk'])
    expect(records.get('qux_walk')!.summary).toBe('qux_walk visits every page.')
  })

  it('describes a macro by the term that defines it in C and the description below the term', async () => {
    // hugetlbfs_reserv.rst: "``#define HPAGE_RESV_OWNER    (1UL << 0)``" over "Indicates this task is the owner of the reservations …".
    const owner = await record('mm/hugetlbfs_reserv.rst', 'HPAGE_RESV_OWNER')
    expect(owner.described).toBe(true)
    expect(owner.summary).toMatch(/^Indicates this task is the owner of the reservations/)
    const records = await recordsOfText('Flags\n\n``#define FOO_FLAG (1 << 0)``\n   Marks the page as foo.\n``#include <linux/foo.h>``\n   Where it is.\n')
    expect(records.get('FOO_FLAG')!.summary).toBe('Marks the page as foo.')
    expect([...records.keys()]).not.toContain('include')
  })

  it('reads "X() is called to …" as what X is for, and "X() is called with …" as no definition', async () => {
    // hugetlbfs_reserv.rst: "The routine region_del() is called to remove regions from a reservation map."
    expect((await record('mm/hugetlbfs_reserv.rst', 'region_del')).summary).toMatch(/^The routine region_del\(\) is called to remove regions/)
    const records = await recordsOfText('Some text.\n\nfoo_walk() is called to visit every page.\n\nbar_walk() is called with the lock held.\n')
    expect(records.get('foo_walk')!.summary).toBe('foo_walk() is called to visit every page.')
    expect(records.get('bar_walk')!.summary).toBe('')
  })

  it('reads a paragraph that lists one API a line as one sentence a line, each line with a description defining its API', async () => {
    // devres.rst: under "IOMAP", "  devm_ioremap()" lines and "  devm_ioremap_resource() : checks resource, …", "pcim_iomap_table()<TAB>: …".
    const resource = await record('driver-api/driver-model/devres.rst', 'devm_ioremap_resource')
    expect(resource.summary).toBe('devm_ioremap_resource() : checks resource, requests memory region, ioremaps')
    expect(factOf(resource, 'summary')!.line).toBe(314)
    expect((await record('driver-api/driver-model/devres.rst', 'pcim_iomap_table')).summary).toBe('pcim_iomap_table() : array of mapped addresses indexed by BAR')
    // A line with a name alone defines nothing, and no line's description goes to the name before it.
    expect((await record('driver-api/driver-model/devres.rst', 'devm_ioremap')).summary).toBe('')
    expect((await record('driver-api/driver-model/devres.rst', 'devm_ioremap_wc')).summary).toBe('')
    const listing = await recordsOfText('Helpers\n   foo_map()\n   foo_map_wc() - maps a page write-combined\n   foo_unmap()\n')
    expect(listing.get('foo_map_wc')!.summary).toBe('foo_map_wc() - maps a page write-combined')
    expect(listing.get('foo_map')!.summary).toBe('')
    // Two lines are a sentence wrapped, and a line of prose makes the paragraph prose.
    const prose = await recordsOfText('foo_map()\nfoo_unmap() : unmaps a page\n\nfoo_get()\nfoo_put() : drops a page\nand the others are gone.\n')
    expect(prose.get('foo_unmap')!.summary).toBe('')
    expect(prose.get('foo_put')!.summary).toBe('')
  })

  it('defines each API of a section titled by several where a sentence leads with it', async () => {
    // hacking.rst, section "copy_to_user() / copy_from_user() / get_user() / put_user()": "put_user() and get_user() are
    // used to get and put single values …" is not what copy_to_user() is; "copy_to_user() and copy_from_user() are more general: …" is.
    expect((await record('kernel-hacking/hacking.rst', 'copy_to_user')).summary).toMatch(/^:c:func:`copy_to_user\(\)` and :c:func:`copy_from_user\(\)` are\s+more general/)
    expect((await record('kernel-hacking/hacking.rst', 'get_user')).summary).toMatch(/^:c:func:`put_user\(\)` and :c:func:`get_user\(\)` are used to get/)
    // Section "__initcall()/module_init()": "Many parts of the kernel are well served as a module" defines neither.
    expect((await record('kernel-hacking/hacking.rst', 'module_init')).summary).toMatch(/^The :c:func:`module_init\(\)` macro defines which function/)
    // A section titled by one API keeps its lead: ioremap_np() is "Like ioremap(), but …", not a later sentence naming it.
    expect((await record('driver-api/device-io.rst', 'ioremap_np')).summary).toMatch(/^Like ioremap\(\), but explicitly requests/)
  })

  it('reads the verb of several names led with as a definition of each ("set_bit(), clear_bit() and change_bit() set, clear, and flip the given bit")', async () => {
    expect((await record('kernel-hacking/hacking.rst', 'clear_bit')).summary).toMatch(/^:c:func:`set_bit\(\)`,\s+:c:func:`clear_bit\(\)` and :c:func:`change_bit\(\)` set, clear,\s+and flip the given bit/)
    expect((await record('networking/napi.rst', 'napi_enable')).summary).toBe('napi_enable() and napi_disable() manage the disabled state.')
    // An auxiliary or a modal is no verb that defines, and one name takes the verb of the third person only.
    const records = await recordsOfText('Drivers call these.\n\nfoo_get() and foo_put() must be paired.\n\nbar_on() and bar_off() need the lock.\n\nbaz_go() run the engine.\n')
    for (const name of ['foo_get', 'foo_put', 'bar_on', 'bar_off', 'baz_go']) expect(records.get(name)!.summary, name).toBe('')
  })

  it('reads "The X() primitive ensures …", "X() can be used for …" and a kernel-doc "@member:" item as definitions', async () => {
    // checklist.rst: "The rcu_dereference() primitive ensures that the CPU picks up the pointer before …".
    expect((await record('RCU/checklist.rst', 'rcu_dereference')).summary).toMatch(/^The rcu_dereference\(\) primitive ensures/)
    // device-io.rst: "memremap() can be used for mapping normal RAM that is outside of the linear kernel memory area …".
    expect((await record('driver-api/device-io.rst', 'memremap')).summary).toMatch(/^memremap\(\) can be used for mapping normal RAM/)
    // callbacks.rst: " - @probe:" over "Called to see if the driver is willing to manage a particular interface on a device."
    expect(await record('driver-api/usb/callbacks.rst', 'probe')).toMatchObject({ described: true, summary: 'Called to see if the driver is willing to manage a particular interface on a device.' })
    // "- @disconnect:" over "Called when the interface is no longer accessible, …": when a callback is called is no change notice.
    expect((await record('driver-api/usb/callbacks.rst', 'disconnect')).summary).toMatch(/^Called when the interface is no longer accessible/)
    expect((await record('filesystems/porting.rst', 'd_delete')).summary).toBe('')
    // seq_file.rst: "The stop() function closes a session; …"; locking.rst: "Alternatively, synchronize_rcu() may be used to block until …".
    expect((await record('filesystems/seq_file.rst', 'stop')).summary).toMatch(/^The stop\(\) function closes a session/)
    expect((await record('kernel-hacking/locking.rst', 'synchronize_rcu')).summary).toMatch(/^Alternatively, synchronize_rcu\(\) may be used to block/)
    // device_link.rst: "``DL_FLAG_AUTOREMOVE_CONSUMER`` causes the device link to be automatically purged …": a name in inline markup leads too.
    expect((await record('driver-api/device_link.rst', 'DL_FLAG_AUTOREMOVE_CONSUMER')).summary).toMatch(/^``DL_FLAG_AUTOREMOVE_CONSUMER`` causes the device link/)
    const marked = await recordsOfText('Setting ``FOO_FLAG`` is rare.\n\n``foo_go()`` starts the engine.\n')
    expect(marked.get('foo_go')!.summary).toBe('``foo_go()`` starts the engine.')
    expect(marked.get('FOO_FLAG')?.summary ?? '').toBe('')
    // A plural noun after the name is no verb: "atomic_t values can be placed in debugfs with::".
    const typed = await recordsOfText('Also, foo_t values can be placed in a file.\n')
    expect(typed.get('foo_t')!.summary).toBe('')
    // provider.rst: "DMA_CTRL_ACK" on a line of its own over "- If clear, the descriptor cannot be reused …": a flag and its definition.
    const provider = 'driver-api/dmaengine/provider.rst'
    expect((await record(provider, 'DMA_CTRL_ACK')).summary).toMatch(/^- If clear, the descriptor cannot be reused|^If clear, the descriptor cannot be reused/)
    expect((await record(provider, 'DMA_PREP_CMD')).summary).toMatch(/If set, the client driver tells DMA controller/)
    // Items that only name APIs still share the description after them.
    expect((await record(provider, 'device_alloc_chan_resources')).effects).toContain('may-sleep')
    // Nor does what happened to a group of names, or where they run: "->clear_inode() and ->delete_inode() are gone",
    // "``TC_SETUP_BLOCK`` and ``TC_SETUP_FT`` are running under NFT locks".
    expect((await record('filesystems/porting.rst', 'clear_inode')).summary).toBe('')
    expect((await record('networking/netdevices.rst', 'TC_SETUP_FT')).summary).toBe('')
    // A pronoun for the API described, then who calls it: "This is only called by network subsystems internally, …".
    expect((await record('networking/netdevices.rst', 'ndo_do_ioctl')).summary).not.toMatch(/^This is only called/)
    // "X() should be used instead" still defines nothing.
    const records = await recordsOfText('Some text about foo_new().\n\nfoo_new() should be used instead of foo_old().\n')
    expect(records.get('foo_new')!.summary).toBe('')
  })
})

describe('labelled fields of a description', () => {
  it('reads "Synchronization:" and "Context:" lines as the lock and the context of the API described', async () => {
    const open = await record('networking/netdevices.rst', 'ndo_open')
    // "Synchronization: rtnl_lock() semaphore. In addition, netdev instance lock if the driver implements …".
    expect(open.locking).toEqual([{ lock: 'rtnl_lock', rule: 'holds' }, { lock: 'netdev_instance_lock', rule: 'holds' }])
    expect(open.facts.find((fact) => fact.value === 'holds:netdev_instance_lock')!.condition).toBe('if the driver implements queue management or shaper API')
    expect(open.contexts).toEqual(['process'])
    // "Context: Process with BHs disabled or BH (timer), will be called with interrupts disabled by netconsole."
    expect((await record('networking/netdevices.rst', 'ndo_start_xmit')).contexts).toEqual(['process', 'softirq', 'atomic', 'irqs-disabled'])
    // "Context: BHs disabled" is atomic, not softirq; "atomic (can't sleep under RCU)".
    expect((await record('networking/netdevices.rst', 'ndo_tx_timeout')).contexts).toEqual(['atomic'])
    const stats = await record('networking/netdevices.rst', 'ndo_get_stats')
    expect(stats).toMatchObject({ contexts: ['atomic'], effects: ['no-sleep'], locking: [{ lock: 'RCU', rule: 'holds' }] })
    // A label is no definition: the summary is the sentence after it.
    expect((await record('networking/netdevices.rst', 'ndo_siocbond')).summary).toMatch(/^Used by the bonding driver/)
  })

  it('reads "All callbacks are called from a task context. You may sleep." as told of every method described', async () => {
    // callbacks.rst describes @probe … @post_reset, then: "All callbacks are called from a task context. You may sleep."
    for (const name of ['probe', 'disconnect', 'suspend', 'post_reset']) {
      expect(await record('driver-api/usb/callbacks.rst', name)).toMatchObject({ contexts: ['process'], effects: ['may-sleep'] })
    }
    // With one method or none described, "all callbacks" names no one; "you" outside that paragraph is the reader.
    const records = await recordsOfText('- @foo_op:\n\tCalled to do foo.\n\nAll callbacks are called from a task context.\n\nYou may sleep in bar_wait().\n')
    expect(records.get('foo_op')!.contexts).toEqual([])
  })

  it('reads a label standing alone as a term, its value the definition below it, for a method named through its structure', async () => {
    // netdevices.rst: "napi->poll:" over "Synchronization:" / "NAPI_STATE_SCHED bit in napi->state." and "Context:" / "softirq …".
    const poll = await record('networking/netdevices.rst', 'poll')
    expect(poll).toMatchObject({ described: true, contexts: ['softirq', 'irqs-disabled'], locking: [{ lock: 'NAPI_STATE_SCHED', rule: 'holds' }] })
    // The value of a label is no definition.
    expect(poll.summary).toBe('')
    // A label with no value waits for the next text of the same description only.
    const records = await recordsOfText('foo_ops->bar:\n\tContext:\n\t\tprocess\n\nThe zone lock protects baz_op() from interrupts.\n')
    expect(records.get('bar')).toMatchObject({ described: true, contexts: ['process'] })
    expect(records.get('baz_op')!.contexts).toEqual([])
  })

  it('leaves a value written as a sentence, and a label outside a description, to the other rules', async () => {
    const records = await recordsOfText('foo_op:\n\tLocking: caller must hold the zone lock.\n\tContext: any context\n\nLocking: bar_lock spinlock.\n')
    expect(records.get('foo_op')).toMatchObject({ contexts: ['any'], locking: [{ lock: 'zone_lock', rule: 'holds' }] })
    expect(records.has('bar_lock')).toBe(false)
  })
})

describe('the hard cases, sentence by sentence', () => {
  const read = (sentence: string, blockApi: string | null = null) => interpretSentence(sentence, { blockApi })

  it('reads an extraposed "it" as the action it stands for, not an API', () => {
    // consumer.rst: "It is possible to override these semantics using the set_raw/get_raw functions but it should be avoided …".
    expect(read('It is possible to override these semantics using the raw functions but it should be avoided as much as possible.', 'gpiod_set_value')).toEqual([])
    // napi.rst: "it is recommended to ignore the budget argument when performing TX buffer reclamation".
    expect(read('In other words, it is recommended to ignore the budget argument when performing TX buffer reclamation.', 'napi_poll')).toEqual([])
    // The API the action names stays the topic.
    expect(read('It is possible to override these semantics using foo_raw() but it should be avoided.', 'foo_get')).toEqual([{ api: 'foo_raw', field: 'status', value: 'discouraged' }])
  })

  it('takes the name a sentence introduces ("There is a macro to do this: X", "A call to X") as the subject', async () => {
    // hacking.rst: "There is a macro to do this: wait_event_interruptible() (…) The first argument is …; the macro returns 0 when …".
    expect(read('There is a macro to do this: foo_wait() The first argument is the queue, and the second is a condition; the macro returns 0 when it is true.')).toEqual([{ api: 'foo_wait', field: 'returnValues', value: '0', condition: 'when it is true' }])
    // locking.rst: "There is a mutex_trylock() which does not sleep. Still, it must not be used inside interrupt context …".
    expect((await record('kernel-hacking/locking.rst', 'mutex_trylock')).forbiddenContexts).toContain('interrupt')
    expect((await record('kernel-hacking/locking.rst', 'mutex_lock')).forbiddenContexts).not.toContain('interrupt')
    // seq_file.rst: "There is also a wrapper function to seq_open() called seq_open_private(). It … returning 0 on success."
    expect((await record('filesystems/seq_file.rst', 'seq_open')).returnValues).toEqual([])
  })

  it('reads a bare "this" after another clause as what that clause said, not an API', async () => {
    // device-io.rst: "In some architectures, the I/O port number space has a 1:1 mapping to __iomem pointers, but this is not recommended …".
    expect(read('In some architectures, the port space has a 1:1 mapping to pointers, but this is not recommended and drivers should not rely on that.', 'inb')).toEqual([])
    for (const name of ['inb', 'outw']) expect((await record('driver-api/device-io.rst', name)).status).toBe('available')
    // At the start of a sentence it still refers back: "This is deprecated."
    expect(read('This is deprecated.', 'foo_get')).toEqual([{ api: 'foo_get', field: 'status', value: 'deprecated' }])
  })

  it('reads more constructions of a replacement: "consider using", "but instead of", "is gone use … instead", "renamed to"', () => {
    const pick = (facts: ReturnType<typeof read>, field: string) => facts.filter((fact) => fact.field === field).map(({ api, value }) => `${api} ${value}`)
    // hacking.rst: "If all your routine does is read or write some parameter, consider implementing a sysfs() interface instead."
    expect(pick(read('If all your routine does is read a parameter, consider implementing a sysfs() interface instead.', 'ioctl'), 'replacement')).toEqual(['ioctl sysfs'])
    expect(pick(read('If you are allocating whole pages, consider using __get_free_pages().'), 'status')).toEqual(['__get_free_pages preferred'])
    // checklist.rst: "…, but instead of rcu_dereference() you should use srcu_dereference() in order to avoid lockdep splats."
    expect(pick(read('It relates to SRCU as to RCU, but instead of rcu_dereference() you should use srcu_dereference() in order to avoid splats.'), 'replacement')).toEqual(['rcu_dereference srcu_dereference'])
    // porting.rst: "invalidate_inodes() is gone use evict_inodes() instead."
    expect(pick(read('invalidate_inodes() is gone use evict_inodes() instead.'), 'replacement')).toEqual(['invalidate_inodes evict_inodes'])
    // porting.rst: "Functions try_lookup_one_len(), lookup_one_len() … have been renamed to try_lookup_noperm(), lookup_noperm() …", name for name.
    expect(pick(read('Functions foo_one_len(), bar_one_len() and baz_one_len() have been renamed to foo_noperm(), bar_noperm() and baz_noperm().'), 'replacement')).toEqual(['foo_one_len foo_noperm', 'bar_one_len bar_noperm', 'baz_one_len baz_noperm'])
  })

  it('reads "avoid it" after a removal as about what was removed', () => {
    // porting.rst: "f_dentry is gone; use f_path.dentry, or, better yet, see if you can avoid it entirely."
    const facts = read('foo_dentry is gone; use f_path.dentry, or, better yet, see if you can avoid it entirely.', 'bar_alias')
    expect(facts.filter((fact) => fact.api === 'bar_alias')).toEqual([])
  })

  it('pairs replacements by their names when there are as many as there are names alike', async () => {
    // porting.rst: "collect_mounts()/drop_collected_mounts()/iterate_mounts() are gone now.  Replacement is collect_paths()/drop_collected_path(), …".
    const file = 'filesystems/porting.rst'
    expect((await record(file, 'collect_mounts')).replacement).toEqual(['collect_paths'])
    expect((await record(file, 'drop_collected_mounts')).replacement).toEqual(['drop_collected_path'])
    expect((await record(file, 'iterate_mounts')).replacement).toEqual([])
  })

  it('prefers a function that takes another\'s place, not a renamed field, and reads "can be converted to" as a possibility', () => {
    // porting.rst: "->follow_link() is replaced with ->get_link(); same API, except that …".
    expect(read('->follow_link() is replaced with ->get_link(); same API.')).toContainEqual({ api: 'get_link', field: 'status', value: 'preferred' })
    // porting.rst: "->i_mutex is replaced with ->i_rwsem now."
    expect(read('->i_mutex is replaced with ->i_rwsem now.').filter((fact) => fact.field === 'status' && fact.value === 'preferred')).toEqual([])
    // device-io.rst: "a majority of the driver's readX() calls can safely be converted to readX_relaxed() calls, since …".
    expect(read("In many cases, a majority of the driver's readX() calls can safely be converted to readX_relaxed() calls, since only a few depend on DMA completion.")).toEqual([])
  })

  it('recommends with "must be used in order to", "Otherwise (…), use X", and names a typedef as an API', () => {
    const statuses = (sentence: string) => read(sentence).filter((fact) => fact.field === 'status').map(({ api, value }) => `${api} ${value}`)
    // checklist.rst: "… the list_add_tail_rcu() and list_add_rcu() primitives must be used in order to prevent weakly ordered machines from misordering …".
    expect(statuses('If the list macros are being used, the foo_add_rcu() and foo_add_tail_rcu() primitives must be used in order to prevent misordering.')).toEqual(['foo_add_rcu preferred', 'foo_add_tail_rcu preferred'])
    // locking.rst: "-  Otherwise (== data can be touched in an interrupt), use spin_lock_irqsave() and spin_unlock_irqrestore()."
    expect(statuses('Otherwise (== data can be touched in an interrupt), use foo_lock_irqsave() and foo_unlock_irqrestore().')).toEqual(['foo_lock_irqsave preferred', 'foo_unlock_irqrestore preferred'])
    // seqlock.rst: "Use seqcount_latch_t when the write side sections cannot be protected from interruption by readers."
    expect(statuses('Use seqcount_latch_t when the write side sections cannot be protected from interruption by readers.')).toEqual(['seqcount_latch_t preferred'])
    expect(statuses('The value must be used to index the table.')).toEqual([])
    // device-io.rst: "This address should not be used directly. Instead, to get an address suitable for …, you should call ioremap()."
    expect(statuses('Instead, to get an address suitable for passing to the accessors, you should call foo_remap().')).toEqual(['foo_remap preferred'])
    // A plain requirement recommends nothing: "Before calling into module code, you should call try_module_get() on that module".
    expect(statuses('Before calling into module code, you should call foo_get() on that module.')).toEqual([])
  })

  it('reads a lock held among the things a call must never be under', () => {
    const locks = (sentence: string, blockApi: string | null = null) => read(sentence, blockApi).filter((fact) => fact.field === 'locking').map(({ api, value }) => `${api} ${value}`)
    // hacking.rst: "This should never be called outside user context (it makes no sense), with interrupts disabled, or a spinlock held."
    expect(locks('This should never be called outside user context (it makes no sense), with interrupts disabled, or a spinlock held.', 'copy_to_user')).toEqual(['copy_to_user not-held:spinlock'])
    expect(locks('It must never be called from interrupt context or with the zone lock held.', 'foo_get')).toEqual(['foo_get not-held:zone_lock'])
    expect(locks('This can be called with the zone lock held.', 'foo_get')).toEqual(['foo_get holds:zone_lock'])
  })

  it('gives a lock held "with" a call to the call\'s subject, and reads "used to be called with" as history', () => {
    const locks = (sentence: string, blockApi: string | null = null) => read(sentence, blockApi).filter((fact) => fact.field === 'locking').map(({ api, value }) => `${api} ${value}`)
    // porting.rst: "->drop_inode() returns int now; it's called on final iput() with inode->i_lock held …".
    expect(locks("->drop_inode() returns int now; it's called on final iput() with inode->i_lock held.")).toEqual(['drop_inode holds:inode->i_lock'])
    // porting.rst: "… test() callback used to be called with both ->i_lock and inode_hash_lock held; …".
    expect(locks('The foo_get() callback used to be called with both ->i_lock and inode_hash_lock held.')).toEqual([])
  })

  it('does not refer back to what a condition was about, nor past a clause whose subject is no API', async () => {
    // checklist.rst: "If call_rcu() or call_srcu() is used, the callback function will be called from softirq context.  In particular, it cannot block."
    for (const name of ['call_rcu', 'call_srcu']) expect((await record('RCU/checklist.rst', name)).effects).not.toContain('no-sleep')
    // porting.rst: "- if LOOKUP_CREATE is NOT given, then the dentry won't be negative, ERR_PTR(-ENOENT) is returned instead".
    expect((await record('filesystems/porting.rst', 'LOOKUP_CREATE')).returnValues).toEqual([])
    // Within a clause of its own the condition's API is still the subject: "If foo_get() fails, it returns NULL."
    expect(read('If the lock is contended, foo_get() returns NULL.')).toEqual([{ api: 'foo_get', field: 'returnValues', value: 'NULL', condition: 'If the lock is contended' }])
  })

  it('states nothing from a negation, a question or a hedge', () => {
    expect(read('foo_get() is not deprecated.')).toEqual([])
    expect(read('Is foo_get() deprecated?')).toEqual([])
    // locking.rst: "Now consider the case where cache_find() can be called from interrupt context: …": a case put for the sake of argument.
    expect(read('Now consider the case where foo_get() can be called from interrupt context.')).toEqual([])
    expect(read('Suppose foo_get() is deprecated.')).toEqual([])
    expect(read('foo_get() can be called from interrupt context; consider the case where it is not.')).toContainEqual({ api: 'foo_get', field: 'contexts', value: 'interrupt' })
    // porting.rst: "In that case ERR_PTR(-EXDEV) is returned, with no locks taken": how the call leaves, no rule for its caller.
    expect(read('In that case ERR_PTR(-EXDEV) is returned, with no locks taken.', 'foo_lock').filter((fact) => fact.field === 'locking')).toEqual([])
    expect(read('foo_get() might be deprecated one day.')).toEqual([])
    expect(read('There is no need to hold the lock when calling foo_get().')).toEqual([])
    // Not needing to hold a lock is no rule against holding it.
    expect(read('foo_get() does not need to hold the zone lock.')).toEqual([])
    expect(read('foo_get() is not required to hold the zone lock.')).toEqual([])
  })

  it('reads names each followed by what it is, joined by "and", as one subject ("The X() helper and Y pointer are gone")', async () => {
    // porting.rst: "The get_active_super() helper and bd_fsfreeze_sb pointer are gone."
    expect((await record('filesystems/porting.rst', 'get_active_super')).status).toBe('removed')
    expect(read('The foo_get() helper and bar_ptr pointer are gone.').map(({ api, value }) => `${api}:${value}`).sort()).toEqual(['bar_ptr:removed', 'foo_get:removed'])
    // A noun that is not what an API is keeps the second name out: "foo_get() users and bar_ptr are gone" says nothing of foo_get.
    expect(read('The foo_get() users and bar_ptr() are gone.').map(({ api }) => api)).toEqual(['bar_ptr'])
  })

  it('leaves a negation inside a relative clause about the subject to that clause', async () => {
    // porting.rst: "Filesystems which may not have an I_NEW inode should use d_drop();d_splice_alias() …".
    expect((await record('filesystems/porting.rst', 'd_drop')).status).toBe('preferred')
    expect(read('Drivers which must not sleep should use foo_atomic().')).toEqual([{ api: 'foo_atomic', field: 'status', value: 'preferred' }])
    // A negation of the phrase itself, with no verb of its own, still undoes it after "which" ("… which should use …" recommends).
    expect(read('Drivers which should use foo_atomic() are rare.')).toEqual([{ api: 'foo_atomic', field: 'status', value: 'preferred' }])
    expect(read('Drivers which never should use foo_atomic() are rare.')).toEqual([])
    expect(read('bar_put(), which does not need to hold the zone lock, is fast.')).toEqual([])
  })

  it('reads "prefer X over Y" in its direction', () => {
    const facts = read('Users should prefer new_api() over old_api().')
    expect(facts).toContainEqual({ api: 'old_api', field: 'replacement', value: 'new_api' })
    expect(facts).not.toContainEqual(expect.objectContaining({ api: 'new_api', field: 'replacement' }))
    expect(facts).toContainEqual({ api: 'new_api', field: 'status', value: 'preferred' })
    // "should be using X" recommends as "should use X" does; a negation before it still undoes it.
    expect(read('Drivers should be using new_api() here.')).toEqual([{ api: 'new_api', field: 'status', value: 'preferred' }])
    expect(read('No driver should be using new_api() here.')).toEqual([])
  })

  it('keeps a condition with the fact', () => {
    expect(read('On 64-bit systems, foo_map() is deprecated.')).toContainEqual({ api: 'foo_map', field: 'status', value: 'deprecated', condition: 'On 64-bit systems' })
    expect(read('If CONFIG_FOO is set, bar() must be called with the foo lock held.')).toContainEqual({ api: 'bar', field: 'locking', value: 'holds:foo_lock', condition: 'If CONFIG_FOO is set' })
  })

  it('gives a sentence naming two APIs to both', () => {
    const facts = read('foo_lock() and foo_trylock() must not be called from interrupt context.')
    expect(facts).toContainEqual({ api: 'foo_lock', field: 'forbiddenContexts', value: 'interrupt' })
    expect(facts).toContainEqual({ api: 'foo_trylock', field: 'forbiddenContexts', value: 'interrupt' })
  })

  it('reads each construction of a replacement', () => {
    const cases: Array<[string, string, string]> = [
      ['old_fn() is deprecated; use new_fn() instead.', 'old_fn', 'new_fn'],
      ['old_fn() has been replaced by new_fn().', 'old_fn', 'new_fn'],
      ['old_fn() was removed in favour of new_fn().', 'old_fn', 'new_fn'],
      ['new_fn() supersedes old_fn().', 'old_fn', 'new_fn'],
      ['Instead of old_fn(), use new_fn().', 'old_fn', 'new_fn'],
      ['new_fn() should be used instead of old_fn().', 'old_fn', 'new_fn'],
      ['The safe replacement for old_fn() is new_fn().', 'old_fn', 'new_fn'],
      // porting.rst: "setattr_prepare (which used to be inode_change_ok) now includes the size checks …".
      ['new_fn (which used to be old_fn) now includes the size checks.', 'old_fn', 'new_fn'],
      ['new_fn() (formerly old_fn()) takes a flags argument.', 'old_fn', 'new_fn'],
      // porting.rst: "d_materialise_unique() is gone; d_splice_alias() does everything you need now."
      ['old_fn() is gone; new_fn() does everything you need now.', 'old_fn', 'new_fn'],
      ['old_fn() was removed, and new_fn() takes its place.', 'old_fn', 'new_fn'],
    ]
    for (const [sentence, worse, better] of cases) expect(read(sentence), sentence).toContainEqual(expect.objectContaining({ api: worse, field: 'replacement', value: better }))
    // A rename told in passing says what took the place; it recommends nothing.
    expect(read('new_fn (which used to be old_fn) now includes the size checks.').filter((fact) => fact.field === 'status')).toEqual([])
    expect(read('The buffer (which used to be small) is big.', 'foo')).toEqual([])
    // With nothing gone before it, doing everything replaces nothing.
    expect(read('new_fn() does everything you need.')).toEqual([])
  })

  it('reads a sentence that opens with a method as a sentence of its own ("->d_lock on dentry itself is still held")', async () => {
    // porting.rst: "->d_prune() instances are now called without ->d_lock held on the parent. ->d_lock on dentry itself is still held; …".
    expect((await record('filesystems/porting.rst', 'd_prune')).locking).toContainEqual({ rule: 'holds', lock: 'd_lock' })
  })

  it('reads the lock of "called during registration and de-registration, under rtnl_lock"', async () => {
    // netdevices.rst: "``.ndo_init`` and ``.ndo_uninit`` callbacks are called during net_device registration and de-registration, under ``rtnl_lock``."
    for (const name of ['ndo_init', 'ndo_uninit']) expect((await record('networking/netdevices.rst', name)).locking, name).toEqual([{ rule: 'holds', lock: 'rtnl_lock' }])
    expect(read('foo_cb() is called during probe, under the device lock.')).toContainEqual({ api: 'foo_cb', field: 'locking', value: 'holds:device_lock' })
    expect(read('foo_cb() is never called during probe, under the device lock.').filter((fact) => fact.value === 'holds:device_lock')).toEqual([])
  })

  it('reads "all methods", "all net shaper callbacks" in the description of an operations structure as the structure', async () => {
    const ops = await recordsOfText('.. c:struct:: foo_operations\n\n   All methods are called without any locks being held.\n\n.. c:struct:: bar_ops\n\n   All bar callbacks are invoked while holding the bar lock.\n')
    expect(ops.get('foo_operations')!.locking).toEqual([{ rule: 'not-held', lock: 'any_lock' }])
    expect(ops.get('bar_ops')!.locking).toEqual([{ rule: 'holds', lock: 'bar_lock' }])
    // A function's description has no methods, and "all drivers" are no methods.
    const other = await recordsOfText('.. c:function:: int foo_run(void)\n\n   All methods are called with the foo lock held.\n\n.. c:struct:: baz_ops\n\n   All drivers are probed while holding the baz lock.\n')
    expect(other.get('foo_run')!.locking).toEqual([])
    expect(other.get('baz_ops')!.locking).toEqual([])
  })

  it('reads a list that a sentence breaks off into after "must not" as what is forbidden, item by item', async () => {
    // porting.rst: "Its instances must not" over "* use d_instantiate) and d_rehash() separately - use d_add() or d_splice_alias() instead."
    for (const name of ['d_instantiate', 'd_rehash']) {
      const each = await record('filesystems/porting.rst', name)
      expect(each.status, name).toBe('discouraged')
      expect(each.replacement.sort(), name).toEqual(['d_add', 'd_splice_alias'])
    }
    const records = await recordsOfText('Drivers must not:\n\n- call foo_raw() - use foo_safe() instead.\n- sleep.\n\nDrivers must:\n\n- call bar_lock() first.\n')
    expect(records.get('foo_raw')).toMatchObject({ status: 'discouraged', replacement: ['foo_safe'] })
    expect(records.get('foo_safe')!.status).toBe('preferred')
    expect(records.get('bar_lock')!.status).toBe('available')
    // A paragraph that ends its sentence hands nothing on: the item is read alone.
    const ended = await recordsOfText('Drivers must not do that.\n\n- call baz_raw() for it.\n')
    expect(ended.get('baz_raw')!.status).toBe('available')
    // What is forbidden for one use is advice for that use only, the use kept as its condition.
    expect(read('You must not call foo_sleep() from interrupt context.').filter((fact) => fact.field === 'status')).toEqual([{ api: 'foo_sleep', field: 'status', value: 'discouraged', condition: 'from interrupt context' }])
    expect(read('You should never call foo_x() twice.').filter((fact) => fact.field === 'status')).toEqual([{ api: 'foo_x', field: 'status', value: 'discouraged', condition: 'twice' }])
  })

  it('gives each API that gives way every one of the alternatives offered, and name for name what is listed alike', () => {
    const replacements = (sentence: string) => read(sentence).filter((fact) => fact.field === 'replacement').map(({ api, value }) => `${api}→${value}`).sort()
    expect(replacements('foo_a() and foo_b() are gone; use bar_a() or bar_b() instead.')).toEqual(['foo_a→bar_a', 'foo_a→bar_b', 'foo_b→bar_a', 'foo_b→bar_b'])
    expect(replacements('foo_a() and foo_b() are gone; use bar_a() and bar_b() instead.')).toEqual(['foo_a→bar_a', 'foo_b→bar_b'])
  })

  it('reads names set against names with "instead of", name for name, and no value or call told with a verb', async () => {
    // porting.rst: "Field names got changed (->d_children/->d_sib instead of ->d_subdirs/->d_child for anchor/entries resp.)".
    expect((await record('filesystems/porting.rst', 'd_subdirs')).replacement).toEqual(['d_children'])
    expect((await record('filesystems/porting.rst', 'd_child')).replacement).toEqual(['d_sib'])
    expect(read('Field names got changed (->a_new/->b_new instead of ->a_old/->b_old).')).toEqual([
      { api: 'a_old', field: 'replacement', value: 'a_new' },
      { api: 'b_old', field: 'replacement', value: 'b_new' },
    ])
    // "returns NULL instead of -ENOENT", "it now takes struct path * instead of passing mount and dentry": what happens, not what took the place.
    expect(read('foo_get_optional() returns NULL instead of -ENOENT.').filter((fact) => fact.field === 'replacement')).toEqual([])
    expect(read('It now returns foo_ptr() instead of bar_ptr().', 'baz').filter((fact) => fact.field === 'replacement')).toEqual([])
  })

  it('reads locks held, not held and taken, and return values', () => {
    expect(read('The caller must hold rcu_read_lock().', 'foo')).toContainEqual({ api: 'foo', field: 'locking', value: 'holds:rcu_read_lock' })
    expect(read('foo() must be called with the mmap lock held.')).toContainEqual({ api: 'foo', field: 'locking', value: 'holds:mmap_lock' })
    expect(read('foo() must not be called with the zone lock held.')).toContainEqual({ api: 'foo', field: 'locking', value: 'not-held:zone_lock' })
    expect(read('foo() takes the zone lock.')).toContainEqual({ api: 'foo', field: 'locking', value: 'takes:zone_lock' })
    // locking.rst: "spin_trylock() does not spin but returns non-zero if it acquires the spinlock on the first try": a condition of its return.
    expect(read('foo_trylock() returns non-zero if it acquires the zone lock.').filter((fact) => fact.field === 'locking')).toEqual([])
    // "while" before a participle says when the call is made; before a clause of its own it sets two statements apart.
    expect(read('foo() is called while holding the zone lock.')).toContainEqual({ api: 'foo', field: 'locking', value: 'holds:zone_lock' })
    expect(read('foo() is called while in softirq context.').filter((fact) => fact.field === 'contexts')).toEqual([{ api: 'foo', field: 'contexts', value: 'softirq' }])
    expect(read('foo() takes the zone lock, while bar() takes none.').filter((fact) => fact.api === 'bar')).toEqual([])
    expect(read('foo() returns NULL on failure.')).toContainEqual({ api: 'foo', field: 'returnValues', value: 'NULL', condition: 'on failure' })
    expect(read('foo() returns -ENOMEM if there is no memory.')).toContainEqual(expect.objectContaining({ api: 'foo', field: 'returnValues', value: '-ENOMEM' }))
  })
})

describe('what every fact quotes, and how much of the corpus carries facts', () => {
  it('quotes, for every fact of every record of every corpus document, a sentence that starts at its line', async () => {
    const fold = (text: string) => text.replace(/\s+/g, ' ').trim()
    const files = readdirSync(docs, { recursive: true }).map(String).filter((name) => name.endsWith('.rst'))
    let checked = 0
    for (const file of files) {
      const lines = readFileSync(path.join(docs, file), 'utf8').split('\n')
      for (const each of await recordsOf(file)) {
        for (const fact of each.facts) {
          const from = fold(lines.slice(fact.line - 1).join('\n'))
          const at = from.indexOf(fold(fact.sentence))
          expect(at, `${file}:${fact.line} ${each.name}.${fact.field} "${fact.sentence}"`).toBeGreaterThanOrEqual(0)
          expect(at).toBeLessThan(fold(lines[fact.line - 1]).length + 1)
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(500)
  })

  it('prints a coverage line for `strata records`', async () => {
    const { code, stderr } = await runCli(['records', path.join(docs, 'filesystems/porting.rst')])
    expect(code).toBe(0)
    const records = await recordsOf('filesystems/porting.rst')
    expect(stderr.trim().split('\n').pop()).toBe(formatCoverage(coverageOf(records)))
    expect(stderr).toMatch(/^\d[\d,]* records, \d[\d,]* with facts; \d+ deprecated, \d+ removed$/m)
  })
})

describe('the evaluation', () => {
  it('scores facts as (API, field, value) and summaries by line', async () => {
    const file = new VFile({ path: 'x.tsv', value: '# document: d.rst\nfoo\tstatus\tdeprecated\t3\nfoo\treplacement\tbar\t3\nbar\tsummary\t-\t7\nbaz\tstatus\tavailable\t9\t\tnegation\n' })
    const gold = parseGold(file)!
    expect(file.messages).toEqual([])
    const made = (name: string, extra: Partial<ApiRecord>): ApiRecord => ({
      name, kind: 'function', document: 'd', version: 'v', status: 'available', described: true, replacement: [], unmap: null, contexts: [], forbiddenContexts: [],
      effects: [], locking: [], returnValues: [], release: null, since: null, summary: '', notes: [], legacy: null, related: [], mentions: [], text: '',
      source: { file: 'd.rst', startLine: 1, endLine: 1 }, facts: [], ...extra,
    })
    const records = [
      made('foo', { status: 'deprecated', replacement: ['qux'] }),
      made('bar', { facts: [{ field: 'summary', value: 's', sentence: 's', line: 7 }] }),
      made('baz', { status: 'deprecated' }),
    ]
    expect(factsOfRecord(records[0]).map((fact) => `${fact.field}=${fact.value}`)).toEqual(['status=deprecated', 'replacement=qux'])
    const result = await evaluate([gold], async () => records)
    const score = (field: string) => result.fields.find((each) => each.field === field)!
    // foo deprecated: right; baz deprecated: wrong (the gold says available); foo → qux: wrong, foo → bar: missed.
    expect(score('status')).toMatchObject({ correct: 1, derived: 2, gold: 1, precision: 0.5, recall: 1 })
    expect(score('replacement')).toMatchObject({ correct: 0, derived: 1, gold: 1 })
    expect(score('summary')).toMatchObject({ correct: 1, derived: 1, gold: 1 })
  })

  it('reports a malformed gold row at its line', () => {
    const file = new VFile({ path: 'x.tsv', value: '# document: d.rst\nfoo\tstaus\tdeprecated\t3\nfoo\tstatus\n' })
    parseGold(file)
    expect(file.messages.map((message) => `${message.line}: ${message.reason}`)).toEqual(['2: unknown field `staus`', '3: expected api, field, value and line, separated by tabs'])
  })
})

describe('kernel-doc sections as structured facts', () => {
  it('reads `Context:` and `Return:` of the comments a document pulls in, each value with its condition, quoted from the C file', async () => {
    const text = readFileSync(path.join(shared, 'corpus/linux-v6.1/Documentation/mm/highmem.rst'), 'utf8')
    const kernelTree = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/kernel-tree')
    const { records } = await parseVersion(text, { document: 'mm/highmem', version: 'v6.1', path: 'Documentation/mm/highmem.rst', kernelTree })
    const get = (name: string) => records.find((each) => each.name === name)!
    expect(get('kmap_trace').contexts).toContain('any')
    expect(get('kmap_trace').locking).toEqual([{ lock: 'trace_lock', rule: 'takes' }, { lock: 'trace_lock', rule: 'releases' }])
    expect(get('memcpy_from_folio_checked').returnValues).toEqual([
      { value: '0', condition: 'on success' },
      { value: '-EINVAL', condition: 'if offset + len runs past the end of the folio' },
    ])
    const fact = get('kmap_trace').facts.find((each) => each.field === 'locking')!
    expect(fact.file).toMatch(/highmem\.h$/)
  })
})

describe('a document about deprecated interfaces, shaped as the kernel writes one', () => {
  it('deprecates every API a section of it is titled by, with the replacement its body names', async () => {
    const file = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/records/deprecated-interfaces.rst')
    const { code, stdout } = await runCli(['records', file, '--quiet'])
    expect(code).toBe(0)
    const records: ApiRecord[] = JSON.parse(stdout)
    const get = (name: string) => records.find((each) => each.name === name)!
    // "The safe replacement is strscpy()", in the section titled strcpy().
    expect(get('strcpy')).toMatchObject({ status: 'deprecated', replacement: ['strscpy'] })
    // "BUG() and BUG_ON()": "Use WARN() and WARN_ON() instead", name for name.
    expect(get('BUG')).toMatchObject({ status: 'deprecated', replacement: ['WARN'] })
    expect(get('BUG_ON')).toMatchObject({ status: 'deprecated', replacement: ['WARN_ON'] })
    // "The respective kstrtol() and kstrtoul() functions tend to be the correct replacements".
    expect(get('simple_strtoul')).toMatchObject({ status: 'deprecated', replacement: ['kstrtoul'] })
    // A title that leads with the API and goes on: "strncpy() on NUL-terminated strings".
    expect(get('strncpy').status).toBe('deprecated')
    expect(get('strncpy').facts.find((fact) => fact.field === 'status')!.sentence).toBe('Deprecated Interfaces and Language Features')
    // What replaces them is no deprecated API.
    expect(get('strscpy').status).toBe('preferred')
  })

  it('reads a list item naming two APIs, "These functions should always be used", and a list item of its own', async () => {
    const file = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/records/mainline-list.rst')
    const { stdout } = await runCli(['records', file, '--quiet'])
    const records: ApiRecord[] = JSON.parse(stdout)
    const get = (name: string) => records.find((each) => each.name === name)!
    expect(get('kmap_local_folio')).toMatchObject({ status: 'preferred', described: true, contexts: ['any', 'interrupt'] })
    expect(get('kmap_local_page').status).toBe('preferred')
    expect(get('kmap_atomic')).toMatchObject({ status: 'deprecated', replacement: ['kmap_local_page'] })
    expect(get('vmap').summary).toMatch(/^This can be used to make a long duration mapping/)
    expect(get('vmap').effects).toContain('takes-global-lock')
  })
})
