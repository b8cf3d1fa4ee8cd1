/**
 * The one catalogue of diagnostic rules: the `source` and every `ruleId` of
 * each stage's messages, in one place so that the ids stay stable and tests,
 * docs and the CLI can name them (remark-validate-links keeps its constants
 * the same way). A message prints as `… [source:ruleId]`
 * (`src/lib/diagnostics.ts`).
 *
 * It sits in `src/schema/`, the bottom of the graph, because the parser
 * plugins report too and may import nothing of ours above the schema.
 */

export const diagnosticRules = {
  /** The reST parser (`plugins/rst-parse`). */
  rst: {
    source: 'strata:rst',
    rules: {
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
    },
  },

  /** Toctrees resolved against the site's documents (`plugins/remark-toctree`). */
  toctree: {
    source: 'strata:toctree',
    rules: {
      /** A toctree entry names a document that is not in the site. */
      missing: 'toctree-missing-document',
      /** A `:glob:` toctree pattern matches no document. */
      noMatch: 'toctree-glob-no-match',
    },
  },

  /** Cross-references (`plugins/remark-xrefs`). */
  xrefs: {
    source: 'strata:xrefs',
    rules: {
      /** `:ref:` or `:doc:` names a label or document the site does not have. */
      unresolved: 'unresolved-xref',
    },
  },

  /** The patch reader (`src/ingest/read`). */
  ingest: {
    source: 'strata:ingest',
    rules: {
      /** Nothing in the file reads as a mail, an archive page or a diff. */
      noPatch: 'no-patch',
      /** A message (not a cover letter) carries no diff. */
      noDiff: 'no-diff',
      /** mailparser could not read one message of a mailbox. */
      unreadableMail: 'unreadable-mail',
      /** An `@@` line that is not `@@ -a,b +c,d @@`. */
      badHunkHeader: 'bad-hunk-header',
      /** A hunk ends before it has as many lines as its header promises. */
      hunkTruncated: 'hunk-truncated',
      /** A hunk line follows a complete hunk: the header counts look too small. */
      hunkOverflow: 'hunk-overflow',
      /** A mangled hunk was short of trailing context; blank context lines were assumed. */
      hunkPadded: 'hunk-padded',
      /** A mangled hunk's end could only be placed before text that belongs to no hunk. */
      hunkUncertain: 'hunk-uncertain',
      /** A file header (`diff --git`, `---`/`+++`) with no hunk and no reason for none. */
      fileWithoutHunks: 'file-without-hunks',
      /** A `Date:` the reader could not turn into ISO 8601. */
      unparsedDate: 'unparsed-date',
    },
  },

  /** The patch applier (`src/ingest/apply`) and `strata apply`. */
  apply: {
    source: 'strata:apply',
    rules: {
      /** A hunk's context or removed lines are not in the base where expected. */
      hunkMismatch: 'hunk-does-not-apply',
      /** A mangled hunk fits in two places (or two ways) and nothing says which. */
      hunkAmbiguous: 'hunk-ambiguous',
      /** `--base` names a file the patch does not touch. */
      noFileForBase: 'no-file-for-base',
      /** `--base`: a patch over several files also touches files the base is not (their hunks were skipped). */
      skippedFiles: 'skipped-files',
      /** The base is not the blob the patch names as its preimage (applied by context). */
      baseNotPreimage: 'base-not-preimage',
      /** A rebuilt mangled file is not the blob the patch names. */
      blobMismatch: 'result-not-blob',
      /** `--tree`: a file the patch changes is not in the tree. */
      missingFile: 'missing-file',
      /** `--tree -R`: a copied file does not reverse to the file it was copied from. */
      copyMismatch: 'copy-does-not-reverse',
      /** `--tree`: a path that is absolute or climbs out of the tree with `..`. */
      pathEscapes: 'path-escapes-tree',
      /** `--tree`: a path that is, or goes through, a symbolic link in the tree or the output folder. */
      pathThroughSymlink: 'path-through-symlink',
      /** `--tree`: one path the patch leaves is a folder on the way to another (`a.rst` and `a.rst/b.rst`). */
      pathConflict: 'path-is-a-folder-of-another',
      /** A patch file that cannot be read (the OS error says why). */
      unreadablePatch: 'unreadable',
      /** The `--base` file cannot be read. */
      unreadableBase: 'unreadable-base',
      /** `--out`: the output folder cannot be created or written (the OS error says why). */
      unwritableOutput: 'unwritable-output',
    },
  },

  /** kernel-doc comments read from C files (`src/ingest/kernel-doc`). */
  kernelDoc: {
    source: 'strata:kernel-doc',
    rules: {
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
    },
  },

  /** The content manifest (`src/versions`). */
  content: {
    source: 'strata:content',
    rules: {
      /** The manifest is not JSON, or not of the manifest's shape. */
      invalid: 'invalid-manifest',
      /** The manifest, or a file or folder it names, cannot be read or holds no documents. */
      missing: 'missing-file',
      /** A version's `parent` names no version of its document, or versions descend from themselves. */
      parent: 'unknown-parent',
    },
  },

  /** The hand-written gold set of API facts (`src/knowledge/gold.ts`). */
  gold: {
    source: 'strata:gold',
    rules: {
      /** A gold file that does not open with `# document: PATH`. */
      noDocument: 'no-document',
      /** A row without api, field, value and line. */
      row: 'row',
      /** A row whose field is not one the evaluation scores. */
      field: 'field',
      /** A row whose line is not a number. */
      line: 'line',
    },
  },

  /** `strata add`. */
  add: {
    source: 'strata:add',
    rules: {
      /** A mailbox or patch file that cannot be read. */
      unreadable: 'unreadable',
      /** The versions the patches imply cannot be added (no parent, a patch that does not apply). */
      plan: 'cannot-add',
    },
  },

  /** `strata build`. */
  build: {
    source: 'strata:build',
    rules: {
      /** `--out`: the output folder cannot be created or written (the OS error says why). */
      unwritableOutput: 'unwritable-output',
    },
  },
} as const

/** The stages that report diagnostics, as the catalogue names them. */
export type Stage = keyof typeof diagnosticRules

/** The rule ids of one stage. */
export type RuleIdOf<S extends Stage> = (typeof diagnosticRules)[S]['rules'][keyof (typeof diagnosticRules)[S]['rules']]
