/** Public surface of the deprecation-banner plugin; the logic lives in `lib/`. */
export { remarkDeprecationBanners, noteId, deprecationBanner, patchUrl, findBlock, findNote, type Options } from './lib/index.ts'
export type { BannerContext, BlockPlace, Provenance } from './lib/index.ts'
