/** Public surface of the API-record extraction; the logic lives in `lib/`. */
export { remarkApiRecords, type Options } from './lib/plugin.ts'
export { extractRecords, fieldsFromFacts, type ExtractOptions, type FactFields } from './lib/extract.ts'
export { kernelDocFacts, type KernelDocSections } from './lib/kernel-doc-facts.ts'
export { apiRecordSchema, apiRecordJsonSchema, factSchema, statuses, kinds, contexts, effects } from '../../src/schema/records.ts'
export type { ApiRecord, Fact, Status, Kind, CallingContext, Effect } from '../../src/schema/records.ts'
export { findMentions, expandName, type Mention } from './lib/mentions.ts'
