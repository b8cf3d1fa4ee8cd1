import { expect, it } from 'vitest'
import * as kernelDoc from '../../scripts/kernel-doc/index.ts'

it('pins the public surface of scripts/kernel-doc', () => {
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
