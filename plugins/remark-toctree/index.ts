/** Public surface of the toctree plugin; the logic lives in `lib/`. */
export { remarkToctree, toctreeDocuments, toctreeRules, type Options } from './lib/index.ts'
export { toctreeEntries, toctreeSettings, type ToctreeContext, type ToctreeEntry, type ToctreeSettings } from './lib/entries.ts'
export { mdastSections, type DocumentSection } from './lib/sections.ts'
