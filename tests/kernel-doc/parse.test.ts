import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { kernelDocEntrySchema, parseKernelDoc } from '../../src/ingest/kernel-doc/index.ts'
import { fixture, messages } from './helpers.ts'

const at = (startLine: number, endLine: number, file = 'include/linux/highmem.h') => ({ file, startLine, endLine })

describe('parseKernelDoc on include/linux/highmem.h', () => {
  const file = fixture('include/linux/highmem.h')
  const entries = parseKernelDoc(file)

  it('reads every entry: DOC block, functions, macro, attributes, varargs', () => {
    expect(entries).toStrictEqual([
      {
        kind: 'doc',
        name: 'Temporary mappings',
        summary: '',
        params: [],
        sections: [],
        description: [
          'A page in high memory has no permanent kernel address. Code that needs',
          'to read or write such a page maps it for a short while and unmaps it',
          'again as soon as it is done.',
          '',
          'New code should use kmap_local_page():',
          '',
          '  addr = kmap_local_page(page);',
          '  memset(addr, 0, PAGE_SIZE);',
          '  kunmap_local(addr);',
        ].join('\n'),
        source: at(9, 21),
      },
      {
        kind: 'function',
        name: 'kmap_local_page',
        summary: 'Map a page for temporary usage',
        params: [{ name: 'page', description: 'Pointer to the page to be mapped' }],
        returns: 'The virtual address of the mapping',
        sections: [],
        description: [
          'Can be invoked from any context, including interrupts.',
          '',
          'The mapping is valid only in the task that created it, which may be',
          'migrated to another CPU while the mapping is held.',
        ].join('\n'),
        prototype: 'void *kmap_local_page(struct page *page)',
        source: at(23, 34),
      },
      {
        kind: 'function',
        name: 'kmap_local_folio',
        summary: 'Map a page in this folio for temporary usage.',
        params: [
          { name: 'folio', description: 'The folio containing the page.' },
          { name: 'offset', description: 'The byte offset within the folio which identifies the page.' },
        ],
        returns: 'The virtual address of @offset.',
        context: 'Can be called from any context.',
        sections: [],
        description:
          'Nested mappings must be released in the reverse order: the mapping\nslots are managed as a stack.',
        prototype: 'void *kmap_local_folio(struct folio *folio, size_t offset)',
        source: at(36, 49),
      },
      {
        kind: 'macro',
        name: 'kunmap_local',
        summary: 'Unmap a page mapped via kmap_local_page().',
        params: [{ name: '__addr', description: 'An address within the page mapped' }],
        sections: [],
        description: [
          '@__addr can be any address within the mapped page.  Commonly it is the',
          'address returned from kmap_local_page(), but it can also include offsets.',
          '',
          'Unmapping should be done in the reverse order of the mapping.',
        ].join('\n'),
        prototype: '#define kunmap_local(__addr)',
        source: at(55, 64),
      },
      {
        kind: 'function',
        name: 'memcpy_from_folio_checked',
        summary: 'Copy a range of bytes out of a folio.',
        params: [
          { name: 'to', description: 'The memory to copy to.' },
          { name: 'folio', description: 'The folio to read from.' },
          { name: 'offset', description: 'The first byte in the folio to read.' },
          { name: 'len', description: 'The number of bytes to copy.' },
        ],
        returns: '0 on success, or -EINVAL if @offset + @len runs past\nthe end of the folio.',
        sections: [
          { title: 'Note', body: 'The caller must check the result; a short copy leaves the rest\nof @to untouched.' },
          { title: 'Example', body: 'if (memcpy_from_folio_checked(buf, folio, 0, len))\n\treturn -EFAULT;' },
        ],
        description:
          'Each page of the folio is mapped with kmap_local_page() in turn, so\n@to must not point into a page that this call maps.',
        prototype: 'int memcpy_from_folio_checked(char *to, struct folio *folio, size_t offset, size_t len)',
        attributes: ['__must_check'],
        source: at(70, 94),
      },
      {
        kind: 'function',
        name: 'kmap_trace',
        summary: 'Record a mapping event in the trace buffer.',
        params: [
          { name: 'page', description: 'The page being mapped.' },
          { name: 'fmt', description: 'printf-style format of the message.' },
          { name: '...', description: 'Arguments for @fmt.' },
        ],
        context: 'Any context. Takes and releases the trace lock.',
        sections: [],
        description: '',
        prototype: 'void kmap_trace(struct page *page, const char *fmt, ...)',
        attributes: ['__printf(2, 3)'],
        source: at(100, 108),
      },
    ])
  })

  it('has no warnings on a well-formed header', () => {
    expect(messages(file)).toStrictEqual([])
  })

  it('gives entries that pass the schema', () => {
    for (const entry of entries) expect(kernelDocEntrySchema.parse(entry)).toStrictEqual(entry)
  })
})

describe('parseKernelDoc on types: struct, enum, typedef', () => {
  const file = fixture('include/linux/kmap_types.h')
  const entries = parseKernelDoc(file)
  const types = (startLine: number, endLine: number) => at(startLine, endLine, 'include/linux/kmap_types.h')

  it('reads members, inline member comments, and drops private members from the definition', () => {
    expect(entries).toStrictEqual([
      {
        kind: 'enum',
        name: 'kmap_flags',
        summary: 'Flags for &struct kmap_ctrl.',
        params: [
          { name: 'KMAP_ATOMIC', description: 'The mapping disables preemption.' },
          { name: 'KMAP_LOCAL', description: 'The mapping is local to the task.' },
          { name: 'KMAP_NR_FLAGS', description: 'Number of flags, not a flag.' },
        ],
        sections: [],
        description: '',
        prototype: 'enum kmap_flags {\n\tKMAP_ATOMIC\t= 1 << 0,\n\tKMAP_LOCAL\t= 1 << 1,\n\tKMAP_NR_FLAGS\t= 2,\n};',
        source: types(7, 17),
      },
      {
        kind: 'struct',
        name: 'kmap_ctrl',
        summary: 'Per task state of temporary kernel mappings.',
        params: [
          { name: 'idx', description: 'Index of the next free slot in @pteval.' },
          { name: 'pteval', description: 'Page table entries saved over a context switch.' },
          { name: 'owner', description: 'Task that created the mappings.' },
          { name: 'flags', description: 'Tracking flags, a mask of &enum kmap_flags.' },
          { name: 'raw_flags', description: 'The same bits, for the assembly helpers.' },
        ],
        sections: [],
        description: 'Only the task itself touches this structure, so it needs no lock.',
        prototype: [
          'struct kmap_ctrl {',
          '\tint\t\t\tidx;',
          '\tpte_t\t\t\tpteval[KM_MAX_IDX];',
          '\tstruct task_struct\t*owner;',
          '\tunion {',
          '\t\tunsigned long\tflags;',
          '\t\tu64\t\traw_flags;',
          '\t};',
          '};',
        ].join('\n'),
        source: types(19, 40),
      },
      {
        kind: 'typedef',
        name: 'kmap_fault_fn',
        summary: 'Callback run when a temporary mapping faults.',
        params: [
          { name: 'addr', description: 'The faulting address.' },
          { name: 'write', description: 'True for a write fault.' },
        ],
        returns: '0 when the fault was handled, a negative errno otherwise.',
        sections: [],
        description: '',
        prototype: 'typedef int (*kmap_fault_fn)(unsigned long addr, bool write);',
        source: types(42, 49),
      },
    ])
    expect(messages(file)).toStrictEqual([])
  })
})

describe('parseKernelDoc on a C source file', () => {
  it('reads definitions ending at `{` and ignores EXPORT_SYMBOL lines and comments in bodies', () => {
    const file = fixture('mm/kmap_track.c')
    const entries = parseKernelDoc(file)
    expect(entries.map((entry) => [entry.name, entry.prototype, entry.source.startLine, entry.source.endLine])).toStrictEqual([
      ['kmap_track_start', 'int kmap_track_start(struct task_struct *task)', 5, 12],
      ['kmap_track_stop', 'void kmap_track_stop(void)', 17, 21],
      ['kmap_track_reset', 'void kmap_track_reset(struct task_struct *task)', 25, 32],
    ])
    expect(entries[2].context).toBe('Process context, takes the track mutex.')
    expect(messages(file)).toStrictEqual([])
  })
})

/** Parse a snippet. */
function parse(text: string) {
  const file = new VFile({ path: 'snippet.h', value: text })
  return { entries: parseKernelDoc(file), messages: messages(file) }
}

describe('comment body rules, as scripts/kernel-doc reads them', () => {
  it('continues a short description until the first blank line', () => {
    const { entries } = parse('/**\n * foo() - Do a thing\n *   over two lines.\n *\n * Body.\n */\nvoid foo(void);\n')
    expect(entries[0].summary).toBe('Do a thing over two lines.')
    expect(entries[0].description).toBe('Body.')
  })

  it('ends Context: at a blank line, other sections at unindented text after one', () => {
    const { entries } = parse(
      [
        '/**',
        ' * foo - Do a thing',
        ' * @a: First line',
        ' *      second line.',
        ' *',
        ' * Context: Process context.',
        ' *',
        ' * Free text after context.',
        ' *',
        ' * Return: Zero.',
        ' *',
        ' *   Indented text stays in the section.',
        ' *',
        ' * Back to free text.',
        ' */',
        'int foo(int a);',
      ].join('\n'),
    )
    expect(entries[0]).toMatchObject({
      params: [{ name: 'a', description: 'First line\nsecond line.' }],
      context: 'Process context.',
      returns: 'Zero.\n\nIndented text stays in the section.',
      description: 'Free text after context.\n\nBack to free text.',
    })
  })

  it('takes an explicit Description: section and any capitalised Word: section', () => {
    const { entries } = parse(
      '/**\n * foo - Do a thing\n * Description: Explained here.\n *\n * Locking: Holds no lock.\n * Note::\n */\nvoid foo(void);\n',
    )
    expect(entries[0].description).toBe('Explained here.')
    expect(entries[0].sections).toStrictEqual([{ title: 'Locking', body: 'Holds no lock.\nNote::' }])
  })

  it('reads one-line comments, ignores /*** banners and comment starts inside strings', () => {
    const { entries } = parse(
      '/*** not kernel-doc ***/\nconst char *s = "/** bar - no */";\n/** foo - One line. */\nvoid foo(void);\n',
    )
    expect(entries.map((entry) => [entry.name, entry.summary, entry.source])).toStrictEqual([
      ['foo', 'One line.', { file: 'snippet.h', startLine: 3, endLine: 4 }],
    ])
  })

  it('skips #if lines inside a prototype and reads object-like macros', () => {
    const { entries, messages } = parse(
      '/**\n * foo - Do a thing\n * @a: An int.\n */\nint foo(\n#ifdef CONFIG_FOO\n\tint a\n#else\n\tint a\n#endif\n);\n' +
        '/**\n * FOO_MAX - Largest foo.\n */\n#define FOO_MAX 16\n',
    )
    expect(entries.map((entry) => [entry.kind, entry.prototype])).toStrictEqual([
      ['function', 'int foo(int a int a)'],
      ['macro', '#define FOO_MAX'],
    ])
    expect(messages).toStrictEqual([])
  })

  it('reads a value given as bytes', () => {
    const file = new VFile({ path: 'b.h', value: new TextEncoder().encode('/**\n * foo - Bar.\n */\nvoid foo(void);\n') })
    expect(parseKernelDoc(file).map((entry) => entry.name)).toStrictEqual(['foo'])
  })
})

describe('prototypes as scripts/kernel-doc normalises them', () => {
  it('drops storage classes, inlining hints, sparse annotations and _noprof, and keeps caller-relevant attributes', () => {
    const { entries, messages } = parse(
      [
        '/**',
        ' * alloc_thing - Allocate a thing.',
        ' * @gfp: Allocation flags.',
        ' * @fn: Called on each thing.',
        ' * @lock: Held on return.',
        ' *',
        ' * Return: The thing, or %NULL.',
        ' */',
        'static __always_inline __must_check __deprecated',
        'struct thing * alloc_thing_noprof( gfp_t gfp ,',
        '\t\tvoid (*fn)(struct thing *,',
        '\t\t\t   void *),',
        '\t\tspinlock_t *lock) __acquires(lock);',
      ].join('\n'),
    )
    expect(entries[0]).toMatchObject({
      name: 'alloc_thing',
      prototype: 'struct thing *alloc_thing(gfp_t gfp, void (*fn)(struct thing *, void *), spinlock_t *lock)',
      attributes: ['__must_check', '__deprecated', '__acquires(lock)'],
      source: { startLine: 1, endLine: 13 },
    })
    expect(messages).toStrictEqual([])
  })

  it('flattens anonymous nested members, allows dotted names of named ones, honours private:/public:', () => {
    const { entries, messages } = parse(
      [
        '/**',
        ' * struct outer - Outer.',
        ' * @a: A.',
        ' * @b: B.',
        ' * @c: C.',
        ' * @inner: Named inner struct.',
        ' * @inner.x: Its x.',
        ' * @bits: A bitmap.',
        ' * @d: D, public again.',
        ' */',
        'struct outer {',
        '\tint a, b;',
        '\tunion {',
        '\t\tint c;',
        '\t};',
        '\tstruct {',
        '\t\tint x;',
        '\t\tint y;',
        '\t} inner;',
        '\tDECLARE_BITMAP(bits, 64);',
        '\t/* private: */',
        '\tint hidden;',
        '\t/* public: */',
        '\tunsigned int d:1;',
        '} __packed;',
      ].join('\n'),
    )
    expect(entries[0].params.map((param) => param.name)).toStrictEqual(['a', 'b', 'c', 'inner', 'inner.x', 'bits', 'd'])
    expect(entries[0].prototype).not.toContain('hidden')
    expect(entries[0].source.endLine).toBe(25)
    expect(messages).toStrictEqual([])
  })
})

describe('layout variants', () => {
  it('reads CRLF files like LF files', () => {
    const lf = fixture('include/linux/highmem.h')
    const crlf = new VFile({ path: lf.path, value: String(lf.value).replace(/\n/g, '\r\n') })
    expect(parseKernelDoc(crlf)).toStrictEqual(parseKernelDoc(lf))
    expect(crlf.messages).toStrictEqual([])
  })

  it('takes tabs after the star and spaces before @name:, placing warnings at the @', () => {
    const { entries, messages } = parse('/**\n *\tfoo - Foo.\n *  @a:\tThe a.\n *  @b: Gone.\n */\nvoid foo(int a);\n')
    expect(entries[0]).toMatchObject({ summary: 'Foo.', params: [{ name: 'a', description: 'The a.' }, { name: 'b' }] })
    expect(messages).toStrictEqual(['4:5 kernel-doc-excess-param Excess function parameter `b` description in `foo`'])
  })
})
