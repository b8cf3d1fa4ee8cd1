import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { kernelDocRules, kernelDocSource, parseKernelDoc } from '../../src/ingest/kernel-doc/index.ts'
import { fixture, messages } from './helpers.ts'

describe('malformed kernel-doc comments become located warnings', () => {
  const file = fixture('include/linux/kmap_broken.h')
  const entries = parseKernelDoc(file)

  it('warns with line:column and a stable rule id for each mistake', () => {
    expect(messages(file)).toStrictEqual([
      '5:4 kernel-doc-no-name Comment starts with `/**` but `This helper flushes the mapping cache.` names nothing: expected `name - description`, `struct name - description` or `DOC: Title`',
      '12:4 kernel-doc-excess-param Excess function parameter `flags` description in `kmap_prot_set`',
      '14:40 kernel-doc-missing-param Function parameter `prot` not described in `kmap_prot_set`',
      '17:4 kernel-doc-no-summary Missing short description for `kmap_count`: write `kmap_count - what it does`',
      '22:4 kernel-doc-name-mismatch Expected a declaration of `kmap_old_name()` after the comment, found `kmap_new_name()`',
      '28:1 kernel-doc-no-declaration No declaration follows the kernel-doc comment for `kmap_forgotten()`',
    ])
    for (const message of file.messages) {
      expect(message.fatal).toBe(false)
      expect(message.source).toBe(kernelDocSource)
      expect(message.file).toBe('include/linux/kmap_broken.h')
    }
  })

  it('keeps every comment that has a name, and skips the one without', () => {
    expect(entries.map((entry) => [entry.name, entry.prototype ?? null])).toStrictEqual([
      ['kmap_prot_set', 'int kmap_prot_set(void *addr, pgprot_t prot)'],
      ['kmap_count', 'unsigned int kmap_count(void)'],
      ['kmap_new_name', 'void kmap_new_name(void)'],
      ['kmap_forgotten', null],
    ])
  })

  it('checks struct members and enum constants too', () => {
    const snippet = new VFile({
      path: 's.h',
      value: [
        '/**',
        ' * struct foo - A foo.',
        ' * @a: Documented.',
        ' * @gone: No longer in the struct.',
        ' */',
        'struct foo {',
        '\tint a;',
        '\tvoid (*callback)(struct foo *foo);',
        '};',
        '/**',
        ' * enum bar - Bars.',
        ' * @BAR_A: First.',
        ' */',
        'enum bar { BAR_A, BAR_B };',
      ].join('\n'),
    })
    parseKernelDoc(snippet)
    expect(messages(snippet)).toStrictEqual([
      `4:4 ${kernelDocRules.excessParam} Excess struct member \`gone\` description in \`foo\``,
      `8:9 ${kernelDocRules.missingParam} Struct member \`callback\` not described in \`foo\``,
      `14:19 ${kernelDocRules.missingParam} Enum constant \`BAR_B\` not described in \`bar\``,
    ])
  })

  it('warns on a twice-documented parameter and an empty comment', () => {
    const snippet = new VFile({
      path: 'd.h',
      value: '/**\n */\n/**\n * foo - Foo.\n * @a: One.\n * @a: Two.\n */\nvoid foo(int a);\n',
    })
    const [entry] = parseKernelDoc(snippet)
    expect(entry.params).toStrictEqual([{ name: 'a', description: 'One.\n\nTwo.' }])
    expect(messages(snippet)).toStrictEqual([
      '1:4 kernel-doc-no-name Empty kernel-doc comment: `/**` with no name line',
      '6:4 kernel-doc-duplicate Parameter `@a` is described twice',
    ])
  })

  it('warns on a member comment outside any body and on a DOC: block without a title', () => {
    const snippet = new VFile({ path: 'm.h', value: '/** @stray: Not in a struct. */\n/**\n * DOC:\n * Text.\n */\n' })
    const entries = parseKernelDoc(snippet)
    expect(entries.map((entry) => [entry.kind, entry.name, entry.description])).toStrictEqual([['doc', '', 'Text.']])
    expect(messages(snippet)).toStrictEqual([
      '1:5 kernel-doc-no-name Member comment `@stray: Not in a struct.` is not inside a struct, union or enum body: put it in the body or in the comment above the type',
      '3:4 kernel-doc-no-name `DOC:` block without a title: write `DOC: Title`',
    ])
  })
})
