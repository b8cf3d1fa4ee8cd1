/**
 * Stable rule ids for the parser's messages (the `ruleId` of each vfile
 * message), kept in one place as remark-validate-links keeps its constants, so
 * that tests, the CLI and later stages can filter on them.
 */

/** The `source` of every message this parser emits. */
export const source = 'strata:rst'

export const rules = {
  /** A title underline (or overline) shorter than the title text. */
  titleUnderlineShort: 'title-underline-short',
  /** Overline and underline differ (character or length), or the underline is missing. */
  titleAdornmentMismatch: 'title-adornment-mismatch',
  /** A section adornment style used at a level it does not belong to. */
  titleLevelInconsistent: 'title-level-inconsistent',
  /** A section title or transition where only body elements are allowed. */
  unexpectedSection: 'unexpected-section',
  /** A paragraph line indented more than the paragraph (docutils: ERROR). */
  unexpectedIndentation: 'unexpected-indentation',
  /** A construct ended without a blank line (docutils: WARNING). */
  unexpectedUnindent: 'unexpected-unindent',
  /** `::` not followed by a literal block. */
  literalBlockExpected: 'literal-block-expected',
  /** An inline start-string without its end-string. */
  inlineUnclosed: 'inline-unclosed',
  /** A directive that is not in the registry. */
  unknownDirective: 'unknown-directive',
  /** A directive whose argument, options or content are not as it requires. */
  directiveInvalid: 'directive-invalid',
  /** A role that is not in the registry. */
  unknownRole: 'unknown-role',
  /** A grid or simple table that cannot be parsed. */
  malformedTable: 'malformed-table',
  /** A `raw` directive or role: kept as escaped text, never passed through. */
  rawDisabled: 'raw-disabled',
  /** An `include` outside the configured root, or with no root configured. */
  includeRefused: 'include-refused',
  /** A reference to a name that no target, section or footnote defines. */
  unknownTarget: 'unknown-target',
  /** `|name|` with no substitution definition. */
  unknownSubstitution: 'unknown-substitution',
  /** Anonymous references and targets do not pair up. */
  anonymousMismatch: 'anonymous-mismatch',
  /** An enumerated list that does not start at 1 (docutils: INFO). */
  enumeratedStart: 'enumerated-start',
  /** Nesting beyond the parser's depth limit; the rest is kept as a literal block. */
  nestingTooDeep: 'nesting-too-deep',
  /**
   * A bug in the parser was caught: the document is kept as one literal
   * block rather than thrown away (the parser never throws on content).
   */
  internalError: 'internal-error',
  /** Too many messages of one rule; the rest are suppressed. */
  tooManyMessages: 'too-many-messages',
} as const

export type RuleId = (typeof rules)[keyof typeof rules]
