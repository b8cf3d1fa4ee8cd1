/** Public surface of the table-of-contents plugin; the logic lives in `lib/`. */
export { rehypeToc, hastBuildToc, isContentsPlaceholder, type Options } from './lib/index.ts'
export { hasClass, headingRank, landmarks, pageHeadings, textOf } from './lib/index.ts'
export type { Landmark, PageHeading } from './lib/index.ts'
