/** Public surface of the legacy-details plugin; the logic lives in `lib/`. */
export { remarkLegacyDetails, mdastFoldLegacy, isLegacyMarker, type Options } from './lib/index.ts'
