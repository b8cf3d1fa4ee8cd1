/**
 * The ingest stage's vocabulary, in the kernel workflow's own words (b4's
 * Mailbox → Series → Patch): a mail or diff is read into `Patch` objects whose
 * `FilePatch`es carry `Hunk`s, which the applier then applies to a base.
 */
import type { Place } from '../lib/diagnostics.ts'

/** The three forms a patch reaches a kernel developer in. */
export type PatchFormat = 'archive' | 'mail' | 'diff'

/** `[PATCH v2 1/3]` parsed: revision, position in the series and its size. */
export interface SeriesInfo {
  /** Revision, `2` for `v2`; `1` when the prefix names none. */
  revision: number
  /** Position in the series (`1` for `1/3`, `0` for a cover letter); `null` for a lone patch. */
  number: number | null
  /** Number of patches in the series (`3` for `1/3`); `null` for a lone patch. */
  total: number | null
  /** The whole bracketed prefix as written, such as `PATCH v2 1/3` or `RFC PATCH`. */
  prefix: string
  /** Words of the prefix other than `PATCH`, the revision and the counter (`RFC`, `RESEND`, `net-next`). */
  tags: string[]
}

export interface Person {
  name: string
  /** The address as given: a web archive's masked `fmdefrancesco@xxxxxxxxx` stays masked. */
  address: string
}

/** A `Key: value` line of the commit message's closing block. */
export interface Trailer {
  key: string
  value: string
  /** 1-based line in the patch file. */
  line: number
}

/** One line of the diffstat (` Documentation/mm/highmem.rst | 41 +++---`). */
export interface DiffstatEntry {
  path: string
  changes: number
  /** The `+++--` graph, or `Bin 123 -> 456 bytes` for binary files. */
  graph: string
}

export interface Diffstat {
  files: DiffstatEntry[]
  /** The summary line as written (`1 file changed, 31 insertions(+), 10 deletions(-)`). */
  summary: string
  filesChanged: number
  insertions: number
  deletions: number
}

/** A place in the patch file, for diagnostics. */
export type { Place } from '../lib/diagnostics.ts'

/**
 * One line of a hunk.
 *
 * In an intact patch `op` and `text` are exact. In a mangled one (`FilePatch.mangled`)
 * they are the reader's first guess: a context line whose text starts with `+` or `-`
 * lost the leading space that marked it, so the applier decides with the hunk counts
 * and the base, reading `raw`.
 */
export interface HunkLine {
  op: ' ' | '+' | '-'
  /** The line's text without the op character and without its line ending. */
  text: string
  /** The line exactly as it stood in the patch (without line ending). */
  raw: string
  /** 1-based line in the patch file. */
  line: number
  /** `true` when a `\ No newline at end of file` marker follows this line. */
  noNewline?: boolean
}

export interface Hunk {
  /** The `@@ … @@` line as written, trailing section text included. */
  header: string
  oldStart: number
  oldLines: number
  newStart: number
  newLines: number
  /** The function or section name git prints after the second `@@`. */
  section: string
  lines: HunkLine[]
  /** Where the header stands in the patch file. */
  place: Place
}

export interface FilePatch {
  /** Path before the change, without the `a/` prefix; `null` for a new file. */
  oldPath: string | null
  /** Path after the change, without the `b/` prefix; `null` for a deleted file. */
  newPath: string | null
  /** Blob ids from the `index 0f731d9196b0..9523e92299f6 100644` line, abbreviated as given. */
  oldBlob: string | null
  newBlob: string | null
  /** File mode from the `index` line or from `new file mode`/`deleted file mode`. */
  mode: string | null
  /** `true` when the text lost its whitespace on the way (web archive): the applier must rebuild lines. */
  mangled: boolean
  /** `copy from`/`copy to`: the new file is made from the old one, which stays (a rename moves it). */
  copy?: true
  hunks: Hunk[]
  /** Where the `diff --git` (or `---`) line stands in the patch file. */
  place: Place
}

export interface Patch {
  format: PatchFormat
  /** The subject without the bracketed prefix (`mm/highmem: Add notes about …`). */
  subject: string
  /** The subject line as written. */
  rawSubject: string
  series: SeriesInfo | null
  author: Person | null
  /** ISO 8601 with the sender's offset where the source gives one (`2022-12-06T08:00:29+01:00`). */
  date: string | null
  messageId: string | null
  inReplyTo: string | null
  /** The commit message: the body above the `---` line, trailers excluded. */
  message: string
  trailers: Trailer[]
  diffstat: Diffstat | null
  files: FilePatch[]
  /** The file the patch was read from, for diagnostics. */
  path: string
  /** 1-based line where this patch starts in its file (mboxes hold several). */
  startLine: number
}

/** A series read from an mbox: its cover letter and its patches in order. */
export interface Series {
  revision: number
  cover: Patch | null
  patches: Patch[]
}
