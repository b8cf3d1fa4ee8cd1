/**
 * kernel-doc: API documentation from the `/** … *\/` comments of kernel C
 * files, for the `.. kernel-doc::` directive. See README.md.
 */
export { parseKernelDoc } from './parse.ts'
export { selectEntries, unmatchedNames, directiveOptions } from './select.ts'
export { resolveKernelDoc, treeRelative } from './resolve.ts'
export { exportedNames } from './exports.ts'
export { rules as kernelDocRules, source as kernelDocSource } from './rules.ts'
export {
  kernelDocEntrySchema,
  kernelDocKinds,
  kernelDocParamSchema,
  kernelDocSectionSchema,
  type KernelDocDirective,
  type KernelDocEntry,
  type KernelDocKind,
  type KernelDocParam,
  type KernelDocResult,
  type KernelDocSection,
} from '../../schema/kernel-doc.ts'
