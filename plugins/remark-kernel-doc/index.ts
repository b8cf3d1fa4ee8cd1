/** Public surface of the kernel-doc rendering plugin; the logic lives in `lib/`. */
export { remarkKernelDoc, type KernelDocOutcome } from './lib/index.ts'
