import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { resolveKernelDoc, treeRelative } from '../../src/ingest/kernel-doc/index.ts'
import { kernelTree, messages } from './helpers.ts'

const position = { start: { line: 189, column: 1, offset: 7000 }, end: { line: 190, column: 30, offset: 7060 } }
const document = () => new VFile({ path: 'Documentation/mm/highmem.rst', value: '' })

describe('resolveKernelDoc', () => {
  it('without a tree, returns a notice naming the file and --kernel-tree DIR, and reads nothing', async () => {
    const file = document()
    const result = await resolveKernelDoc({ argument: 'include/linux/highmem.h', options: {}, position }, undefined, file)
    expect(result).toStrictEqual({
      status: 'no-tree',
      path: 'include/linux/highmem.h',
      message:
        'API documentation from include/linux/highmem.h is not included: this build had no kernel tree. Run Strata with --kernel-tree DIR, where DIR is a Linux kernel checkout, to extract it.',
    })
    expect(file.messages).toStrictEqual([])
  })

  it('with a tree but no such file, warns on the document at the directive, naming the resolved path', async () => {
    const file = document()
    const result = await resolveKernelDoc({ argument: 'include/linux/highmem-internal.h', options: {}, position }, kernelTree, file)
    expect(result).toStrictEqual({
      status: 'missing',
      path: 'include/linux/highmem-internal.h',
      message: 'API documentation from include/linux/highmem-internal.h is not included: the file is not in the kernel tree.',
    })
    const resolved = path.join(kernelTree, 'include/linux/highmem-internal.h')
    expect(messages(file)).toStrictEqual([
      `189:1 kernel-doc-missing-file Cannot find \`include/linux/highmem-internal.h\` for \`kernel-doc\`: no file \`${resolved}\` in the kernel tree`,
    ])
    expect(file.messages[0].place).toStrictEqual(position)
    expect(file.messages[0].source).toBe('strata:kernel-doc')
  })

  it('treats a directory as missing', async () => {
    const file = document()
    const result = await resolveKernelDoc({ argument: 'include/linux', options: {}, position }, kernelTree, file)
    expect(result.status).toBe('missing')
    expect(file.messages[0].ruleId).toBe('kernel-doc-missing-file')
  })

  it('refuses paths that leave the tree, with or without a tree', async () => {
    for (const argument of ['../../../etc/passwd', 'include/../../secret.h', '/etc/passwd', '..', 'C:/Windows/win.ini']) {
      for (const tree of [kernelTree, undefined]) {
        const file = document()
        const result = await resolveKernelDoc({ argument, options: {}, position }, tree, file)
        expect(result).toStrictEqual({
          status: 'missing',
          path: argument,
          message: `API documentation from ${argument} is not included: the path points outside the kernel tree.`,
        })
        expect(messages(file)).toStrictEqual([
          `189:1 kernel-doc-path-escape Refusing \`kernel-doc\` path \`${argument}\`: it leaves the kernel tree`,
        ])
      }
    }
  })

  it('normalises harmless dots and refuses symlinks that lead out of the tree', async () => {
    expect(treeRelative('./include/linux/../linux/highmem.h')).toBe('include/linux/highmem.h')
    const outside = mkdtempSync(path.join(tmpdir(), 'strata-outside-'))
    writeFileSync(path.join(outside, 'secret.h'), '/**\n * secret - Do not read.\n */\nvoid secret(void);\n')
    const tree = mkdtempSync(path.join(tmpdir(), 'strata-tree-'))
    mkdirSync(path.join(tree, 'include'))
    symlinkSync(path.join(outside, 'secret.h'), path.join(tree, 'include/secret.h'))
    const file = document()
    const result = await resolveKernelDoc({ argument: 'include/secret.h', options: {}, position }, tree, file)
    expect(result.status).toBe('missing')
    expect(file.messages.map((message) => message.ruleId)).toStrictEqual(['kernel-doc-path-escape'])
  })

  it('reads, parses and selects from the tree', async () => {
    const file = document()
    const result = await resolveKernelDoc(
      { argument: 'include/linux/highmem.h', options: { functions: 'kunmap_local kmap_local_page' }, position },
      kernelTree,
      file,
    )
    expect(result.status).toBe('resolved')
    if (result.status !== 'resolved') return
    expect(result.path).toBe('include/linux/highmem.h')
    expect(result.entries.map((entry) => [entry.kind, entry.name, entry.source.file])).toStrictEqual([
      ['macro', 'kunmap_local', 'include/linux/highmem.h'],
      ['function', 'kmap_local_page', 'include/linux/highmem.h'],
    ])
    expect(result.source.path).toBe('include/linux/highmem.h')
    expect(result.source.cwd).toBe(kernelTree)
    expect(result.source.messages).toStrictEqual([])
    expect(file.messages).toStrictEqual([])
  })

  it('hands back the C file with its parser warnings', async () => {
    const result = await resolveKernelDoc({ argument: 'include/linux/kmap_broken.h', options: {}, position }, kernelTree, document())
    if (result.status !== 'resolved') throw new Error(result.message)
    expect(result.source.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toStrictEqual([
      '5:4 kernel-doc-no-name',
      '12:4 kernel-doc-excess-param',
      '14:40 kernel-doc-missing-param',
      '17:4 kernel-doc-no-summary',
      '22:4 kernel-doc-name-mismatch',
      '28:1 kernel-doc-no-declaration',
    ])
  })

  it('applies :export: and :internal: against EXPORT_SYMBOL in the file and in named files', async () => {
    const exported = await resolveKernelDoc({ argument: 'mm/kmap_track.c', options: { export: '' } }, kernelTree, document())
    const internal = await resolveKernelDoc({ argument: 'mm/kmap_track.c', options: { internal: '' } }, kernelTree, document())
    const names = (result: typeof exported) => (result.status === 'resolved' ? result.entries.map((entry) => entry.name) : [])
    expect(names(exported)).toStrictEqual(['kmap_track_start', 'kmap_track_stop'])
    expect(names(internal)).toStrictEqual(['kmap_track_reset'])
    const header = await resolveKernelDoc(
      { argument: 'include/linux/kmap_broken.h', options: { export: 'mm/kmap_track.c mm/*.c ../outside.c' } },
      kernelTree,
      document(),
    )
    expect(names(header)).toStrictEqual([])
  })

  it('warns at the directive on unknown options and on names the file lacks', async () => {
    const file = document()
    await resolveKernelDoc(
      { argument: 'include/linux/highmem.h', options: { functon: 'x', functions: 'kmap_atomic' }, position },
      kernelTree,
      file,
    )
    expect(messages(file)).toStrictEqual([
      '189:1 kernel-doc-unknown-option Unknown option `:functon:` of `kernel-doc`, expected one of `:functions:`, `:identifiers:`, `:no-identifiers:`, `:export:`, `:internal:`, `:doc:`',
      '189:1 kernel-doc-not-found `kmap_atomic` is not documented in `include/linux/highmem.h`',
    ])
  })
})
