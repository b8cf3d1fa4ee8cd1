import type { SearchOutcome } from './rebuild/search.ts'
import type { Confidence } from './rebuild/types.ts'

/** One added line whose whitespace was inferred (mangled patches only). */
export interface InferredLine {
  /** 1-based line in the result. */
  line: number
  /** 1-based line in the patch file. */
  patchLine: number
  text: string
  indent: { rule: string; confidence: Confidence }
  spacing: { rule: string; confidence: Confidence }
  confidence: Confidence
  /** Set when the file's blob id settled the choices the rules left open on this line. */
  settledByBlob?: boolean
}

/** How one hunk applied. */
export interface HunkReport {
  /** 1-based number of the hunk in its file. */
  hunk: number
  header: string
  /** 1-based line of the header in the patch file. */
  patchLine: number
  /** 1-based line of the base where the hunk's old side starts. */
  appliedAt: number
  /** Lines between where the header said and where it applied. */
  offset: number
  context: number
  added: number
  removed: number
  /** Lines that began with `+`/`-` in the archive but were context (the space before them was lost). */
  contextWithSign: number
  /** Added lines whose whitespace was rebuilt. */
  rebuilt: number
  inferred: InferredLine[]
}

/** What the blob search did: which result lines the blob settled, which stayed the rules' best guess. */
export interface BlobSearchReport {
  outcome: SearchOutcome
  /** Candidates hashed. */
  tried: number
  /** 1-based result lines whose open choices the blob settled. */
  settled: number[]
  /** 1-based result lines with open choices left at the rules' preference. */
  inferred: number[]
}

/** How one file patch applied. */
export interface FileReport {
  path: string
  oldPath: string | null
  newPath: string | null
  reverse: boolean
  mangled: boolean
  blob: {
    /** The blob the patch's `index` line names for the result, abbreviated as given. */
    expected: string | null
    actual: string
    /** `true` when the result is the blob the patch names: byte-exact. */
    verified: boolean
    /** Whether the base was the blob the patch names as its preimage. */
    baseMatches: boolean | null
  }
  /** The blob search over the choices the rules left open (mangled patches). */
  search: BlobSearchReport
  hunks: HunkReport[]
}
