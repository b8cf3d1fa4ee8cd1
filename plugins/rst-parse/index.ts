/** Public surface of the reST parser; the logic lives in `lib/`. */
import { diagnosticRules } from '../../src/schema/diagnostic-rules.ts'

export { fromRst, rstParse } from './lib/index.ts'
export type { Options } from './lib/index.ts'
export { rstToHastHandlers } from './lib/to-hast.ts'
export { rstSanitizeSchema } from './lib/sanitize-schema.ts'
export { defaultDirectives, type DirectiveSpec } from './lib/directives.ts'
export { defaultRoles, type RoleSpec } from './lib/roles.ts'
export type * from './lib/types.ts'

/** The rule ids of the parser's messages (their `source` is `strata:rst`), from the one catalogue. */
export const rules = diagnosticRules.rst.rules
