import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseVersion } from '../../src/knowledge/parse.ts'
import { findVersion } from '../../src/knowledge/build.ts'
import { booleanOption, stringOption, UsageError, type Command } from './command.ts'
import { contentOptions, contentUsage, loadKnowledgeBase } from './content-options.ts'
import { printDiagnostics } from './diagnostics.ts'
import { coverageOf, formatCoverage } from '../../src/knowledge/coverage.ts'

const usage = `usage: strata records --version ID [options]
       strata records FILE.rst

Print the API records of a version (or of one reST file) as JSON on stdout:
name, kind, status, replacement, unmap, contexts, effects, summary, notes,
legacy text, related APIs, source lines, and the facts behind every value
(the sentence and line that state it). A line on stderr tells how many
records carry facts and how many are deprecated.

options:
  --version ID       the version, as named in the content manifest
${contentUsage}
  -q, --quiet        errors only on stderr`

export const recordsCommand: Command = {
  name: 'records',
  summary: 'print the API records of a version or of a reST file as JSON',
  usage,
  options: { ...contentOptions, version: { type: 'string' } },
  async run(args, io) {
    const version = stringOption(args, 'version')
    const [file, ...extra] = args.positionals
    if (extra.length > 0 || Boolean(version) === Boolean(file)) throw new UsageError('give either --version ID or one FILE.rst')
    if (file) {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        io.stderr.write(`${file}: error: cannot read it: ${error.code ?? error.message}\n`)
        return undefined
      })
      if (text === undefined) return 1
      const parsed = await parseVersion(text, { document: path.basename(file, path.extname(file)), version: 'file', path: file, filePath: file })
      printDiagnostics([parsed.file], io, { quiet: booleanOption(args, 'quiet') })
      io.stdout.write(JSON.stringify(parsed.records, null, 2) + '\n')
      if (!booleanOption(args, 'quiet')) io.stderr.write(formatCoverage(coverageOf(parsed.records)) + '\n')
      return 0
    }
    const knowledge = await loadKnowledgeBase(args, io)
    if (!knowledge) return 1
    const found = findVersion(knowledge, version!, stringOption(args, 'document'))
    if (typeof found === 'string') {
      io.stderr.write(`strata records: ${found}\n`)
      return 1
    }
    io.stdout.write(JSON.stringify(found.records, null, 2) + '\n')
    if (!booleanOption(args, 'quiet')) io.stderr.write(formatCoverage(coverageOf(found.records)) + '\n')
    return 0
  },
}
