/**
 * kernel-doc: API documentation from the `/** … *\/` comments of kernel C
 * files, for the `.. kernel-doc::` directive. See README.md.
 */
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'

export { parseKernelDoc } from './parse.ts'
export { selectEntries, unmatchedNames, directiveOptions } from './select.ts'
export { resolveKernelDoc, treeRelative } from './resolve.ts'
export { exportedNames } from './exports.ts'
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

/** The rule ids and the `source` of kernel-doc's messages, from the one catalogue. */
export const kernelDocRules = diagnosticRules.kernelDoc.rules
export const kernelDocSource = diagnosticRules.kernelDoc.source
