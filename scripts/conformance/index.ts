/**
 * `npm run conformance`: how closely Strata's reST parser matches docutils.
 *
 * Usage: npm run conformance -- [--corpus DIR] [--min PCT] [--limit N] [--json] [--quiet] [--python PATH] [FILE.rst…]
 *
 * Parses every `.rst` below the corpus (default `../shared/corpus`), or the
 * files given, with docutils and with Strata, and prints per file and in total
 * the share of blocks and links (each reference's resolved target) that
 * match, then the first differences of each file; a warning Strata prints
 * where docutils prints none counts against the score like a surplus block.
 * Results go to stdout (text, or JSON with `--json`); progress goes to stderr
 * unless `--quiet` or `CI` is set. Exit code: 0 when every file scores at
 * least `--min` (default 100), 1 when one does not, 2 when the run cannot
 * happen (bad flags, no docutils).
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { defaultCorpus, findRstFiles } from './corpus.ts'
import { defaultPython, docutilsAvailable } from './docutils.ts'
import { formatDifference, formatSummary } from './report.ts'
import { runConformance, type RunResult } from './run.ts'

/** Parsed command line. */
interface Flags {
  corpus: string
  files: string[]
  min: number
  limit: number
  json: boolean
  quiet: boolean
  python: string
}

/**
 * Parse and check the command line.
 *
 * @param argv
 *   Arguments after the script.
 * @returns
 *   Flags with defaults resolved.
 */
function parseFlags(argv: string[]): Flags {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      min: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      python: { type: 'string' },
    },
  })
  const min = Number(values.min ?? 100)
  const limit = Number(values.limit ?? 10)
  if (!Number.isFinite(min) || min < 0 || min > 100) throw new Error(`--min must be a percentage 0–100, got ${values.min}`)
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`--limit must be a whole number, got ${values.limit}`)
  return {
    corpus: path.resolve(values.corpus ?? defaultCorpus),
    files: positionals.map((file) => path.resolve(file)),
    min,
    limit,
    json: values.json ?? false,
    quiet: (values.quiet ?? false) || Boolean(process.env.CI),
    python: values.python ?? defaultPython,
  }
}

/**
 * The run as JSON: per-file counts, pass/fail and the first `limit` differences.
 *
 * @returns
 *   A JSON-ready object.
 */
function toJson(result: RunResult, flags: Flags): unknown {
  return {
    docutils: result.docutils,
    min: flags.min,
    pass: result.files.every((file) => file.comparison.score >= flags.min),
    total: result.total,
    files: result.files.map(({ path: file, comparison, errors }) => ({
      path: file,
      pass: comparison.score >= flags.min,
      expected: comparison.expected,
      actual: comparison.actual,
      matched: comparison.matched,
      extra: comparison.extra,
      blocks: comparison.blocks,
      links: comparison.links,
      falseWarnings: comparison.falseWarnings,
      share: comparison.share,
      score: comparison.score,
      differenceCount: comparison.differences.length,
      differences: comparison.differences.slice(0, flags.limit),
      errors,
    })),
  }
}

/**
 * The run as text for a terminal.
 *
 * @returns
 *   Report text.
 */
function toText(result: RunResult, flags: Flags): string {
  const lines = [`docutils ${result.docutils} · ${result.files.length} files · min ${flags.min}%`]
  for (const { path: file, comparison, errors } of result.files) {
    lines.push(formatSummary(file, comparison))
    for (const error of errors) lines.push(`    error: ${error.split('\n')[0]}`)
    for (const difference of comparison.differences.slice(0, flags.limit)) {
      lines.push(`    ${formatDifference(file, difference)}`)
    }
    const hidden = comparison.differences.length - flags.limit
    if (hidden > 0) lines.push(`    … ${hidden} more difference${hidden === 1 ? '' : 's'} (--limit)`)
  }
  const { total } = result
  lines.push(
    `total ${total.score.toFixed(2)}% (${total.blocks.matched}/${total.blocks.expected} docutils blocks, ${total.links.matched}/${total.links.expected} links matched, ${total.extra} extra, ${total.falseWarnings} false warnings; ${total.share.toFixed(2)}% of docutils blocks and links)`,
  )
  return `${lines.join('\n')}\n`
}

/**
 * Run the command.
 *
 * @param argv
 *   Arguments after the script.
 * @returns
 *   Exit code.
 */
async function main(argv: string[]): Promise<number> {
  let flags: Flags
  try {
    flags = parseFlags(argv)
  } catch (error) {
    process.stderr.write(`conformance: ${(error as Error).message}\n`)
    return 2
  }
  const available = await docutilsAvailable(flags.python)
  if (!available.ok) {
    process.stderr.write(`conformance: ${available.reason}\n`)
    return 2
  }
  const files = flags.files.length > 0 ? flags.files : await findRstFiles(flags.corpus)
  if (!flags.quiet) process.stderr.write(`conformance: ${files.length} files, docutils ${available.version}\n`)
  const result = await runConformance({
    files,
    base: flags.files.length > 0 ? process.cwd() : flags.corpus,
    python: flags.python,
    onFile: flags.quiet ? undefined : (file) => process.stderr.write(`  ${file.comparison.score.toFixed(1)}% ${file.path}\n`),
  })
  process.stdout.write(flags.json ? `${JSON.stringify(toJson(result, flags), null, 2)}\n` : toText(result, flags))
  return result.files.every((file) => file.comparison.score >= flags.min) ? 0 : 1
}

process.exitCode = await main(process.argv.slice(2))
