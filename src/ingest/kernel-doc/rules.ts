/**
 * Rule ids of the kernel-doc stage, in one place so diagnostics stay stable
 * (`ruleId` on every vfile message) and tests and docs can name them.
 */

/** The `source` of every kernel-doc diagnostic. */
export const source = 'strata:kernel-doc'

export const rules = {
  /** A `/**` comment whose first line names nothing (`name - description`, `struct name - …`, `DOC: Title`). */
  noName: 'kernel-doc-no-name',
  /** The name line has no `- description`. */
  noSummary: 'kernel-doc-no-summary',
  /** No declaration follows a comment that documents a function, macro or type. */
  noDeclaration: 'kernel-doc-no-declaration',
  /** The declaration after the comment is for another name or kind than the comment says. */
  nameMismatch: 'kernel-doc-name-mismatch',
  /** A declaration that could not be read as a C prototype. */
  unparsedPrototype: 'kernel-doc-unparsed-prototype',
  /** `@name:` documents a parameter or member the declaration does not have. */
  excessParam: 'kernel-doc-excess-param',
  /** A parameter or member of the declaration has no `@name:`. */
  missingParam: 'kernel-doc-missing-param',
  /** The same `@name:` or section twice in one comment. */
  duplicate: 'kernel-doc-duplicate',
  /** The directive names a file that is not in the kernel tree. */
  missingFile: 'kernel-doc-missing-file',
  /** The directive's path leaves the kernel tree (`..`, an absolute path, a symlink out). */
  pathEscape: 'kernel-doc-path-escape',
  /** An option the `kernel-doc` directive does not have. */
  unknownOption: 'kernel-doc-unknown-option',
  /** `:functions:`, `:identifiers:` or `:doc:` names something the file does not document. */
  notFound: 'kernel-doc-not-found',
  /** The parser itself failed (a bug); the entries read before it are kept. */
  internal: 'kernel-doc-internal',
} as const

export type RuleId = (typeof rules)[keyof typeof rules]
