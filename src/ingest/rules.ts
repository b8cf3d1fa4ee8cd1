/**
 * Rule ids of the ingest stage, in one place so that diagnostics stay stable
 * (`ruleId` on every vfile message) and tests and docs can name them.
 * The reader's rules come first; the applier appends its own below.
 */

/** The `source` of every ingest diagnostic. */
export const source = 'strata:ingest'

export const rules = {
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
} as const

export type RuleId = (typeof rules)[keyof typeof rules]

/** The `source` of the applier's diagnostics. */
export const applySource = 'strata:apply'

/** Rule ids of the applier's messages. */
export const applyRules = {
  /** A hunk's context or removed lines are not in the base where expected. */
  hunkMismatch: 'hunk-does-not-apply',
  /** A mangled hunk fits in two places (or two ways) and nothing says which. */
  hunkAmbiguous: 'hunk-ambiguous',
  /** `--base` names a file the patch does not touch. */
  noFileForBase: 'no-file-for-base',
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
  /** `--out`: the output folder cannot be created or written (the OS error says why). */
  unwritableOutput: 'unwritable-output',
} as const
