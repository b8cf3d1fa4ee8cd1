import { expect, it } from 'vitest'
import * as kernelDoc from '../../src/ingest/kernel-doc/index.ts'

it('pins the public surface of src/ingest/kernel-doc', () => {
  expect(Object.keys(kernelDoc).sort()).toStrictEqual([
    'directiveOptions',
    'exportedNames',
    'kernelDocEntrySchema',
    'kernelDocKinds',
    'kernelDocParamSchema',
    'kernelDocRules',
    'kernelDocSectionSchema',
    'kernelDocSource',
    'parseKernelDoc',
    'resolveKernelDoc',
    'selectEntries',
    'treeRelative',
    'unmatchedNames',
  ])
})
