/**
 * Public surface of Strata's sanitize schema (use it as
 * `.use(rehypeSanitize, strataSchema)`); the reasons live in `lib/schema.ts`.
 */
export { strataSchema, strataClasses, docutilsClasses, idPattern } from './lib/index.ts'
