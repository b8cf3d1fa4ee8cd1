/** Public surface of the API-link plugin; the logic lives in `lib/`. */
export { remarkApiLinks, mdastLinkApis, resolveApiLinkOptions, type Options } from './lib/index.ts'
export { apiClassName, apiLink, apiTitle, displayName, apiSpans, pointMapper } from './lib/index.ts'
export type { ApiLinkContext, ApiSpan } from './lib/index.ts'
