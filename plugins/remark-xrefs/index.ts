/** Public surface of the cross-reference plugin; the logic lives in `lib/`. */
export { remarkXrefs, resolveDocPath, type Options } from './lib/index.ts'
export { collectXrefs, type XrefIndex, type XrefTarget } from './lib/collect.ts'
