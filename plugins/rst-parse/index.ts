/** Public surface of the reST parser; the logic lives in `lib/`. */
export { fromRst, rstParse } from './lib/index.ts'
export type { Options } from './lib/index.ts'
export { rstToHastHandlers } from './lib/to-hast.ts'
export { rstSanitizeSchema } from './lib/sanitize-schema.ts'
export { rules } from './lib/rules.ts'
export { defaultDirectives, type DirectiveSpec } from './lib/directives.ts'
export { defaultRoles, type RoleSpec } from './lib/roles.ts'
export type * from './lib/types.ts'
