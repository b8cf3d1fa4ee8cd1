/**
 * The conformance run as a function (the CLI and the vitest test share it):
 * docutils' outlines of the files, Strata's outlines of the same text, and a
 * comparison per file (blocks, links, false warnings) plus totals.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { compareFile, type FileComparison } from './compare-file.ts'
import { defaultPython, docutilsOutlines } from './docutils.ts'
import type { FileOutline } from './outline.ts'
import { loadParser, strataOutline } from './strata.ts'

/** Options of a run. */
export interface RunOptions {
  /** Files to compare (absolute or relative to the working directory). */
  files: readonly string[]
  /** Directory that shown paths are relative to (default: none, paths as given). */
  base?: string
  /** Interpreter with docutils (default `/usr/bin/python3`). */
  python?: string
  /** Called once per file compared (progress). */
  onFile?: (result: FileResult) => void
}

/** Result for one file. */
export interface FileResult {
  /** Path as shown in reports. */
  path: string
  comparison: FileComparison
  /** Why a side produced nothing (driver error or parser throw/absence). */
  errors: string[]
}

/** Result of a run. */
export interface RunResult {
  docutils: string
  files: FileResult[]
  /** The files' counts summed, shares and scores computed from the sums. */
  total: Omit<FileComparison, 'differences'>
}

/**
 * Compare Strata's parser with docutils on `files`.
 *
 * @param options
 *   Files and settings.
 * @returns
 *   Per-file comparisons and totals.
 */
export async function runConformance(options: RunOptions): Promise<RunResult> {
  const python = options.python ?? defaultPython
  const shown = (file: string) => (options.base ? path.relative(options.base, file) : file)
  const [reference, parser] = await Promise.all([docutilsOutlines(options.files, python), loadParser()])
  const files: FileResult[] = []
  for (const [index, file] of options.files.entries()) {
    const expected: FileOutline = reference.files[index]
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '')
    const actual: FileOutline = 'parse' in parser ? strataOutline(parser.parse, text, file) : { path: file, blocks: [], error: parser.error }
    const errors = [expected.error && `docutils: ${expected.error}`, actual.error && `strata: ${actual.error}`].filter(
      (error): error is string => Boolean(error),
    )
    const result = { path: shown(file), comparison: compareFile(expected, actual), errors }
    options.onFile?.(result)
    files.push(result)
  }
  return { docutils: reference.docutils, files, total: totals(files) }
}

/**
 * Totals over files: blocks summed, then shares computed (so big files weigh more).
 *
 * @returns
 *   Summed counts and percentages.
 */
function totals(files: readonly FileResult[]): RunResult['total'] {
  const sum = (key: 'expected' | 'actual' | 'matched' | 'extra') =>
    files.reduce((total, file) => total + file.comparison[key], 0)
  const expected = sum('expected')
  const actual = sum('actual')
  const matched = sum('matched')
  const extra = sum('extra')
  const part = (key: 'blocks' | 'links') => ({
    expected: files.reduce((total, file) => total + file.comparison[key].expected, 0),
    matched: files.reduce((total, file) => total + file.comparison[key].matched, 0),
  })
  return {
    expected,
    actual,
    matched,
    extra,
    blocks: part('blocks'),
    links: part('links'),
    falseWarnings: files.reduce((total, file) => total + file.comparison.falseWarnings, 0),
    share: expected === 0 ? (actual === 0 ? 100 : 0) : (100 * matched) / expected,
    score: expected + extra === 0 ? 100 : (100 * matched) / (expected + extra),
  }
}
