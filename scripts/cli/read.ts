/**
 * `strata read PATCH`: read a patch file (mail, mbox, web archive page or diff)
 * and print what the ingest stage sees in it as JSON, so a maintainer can check
 * the reader before the applier runs.
 */
import { readFile } from 'node:fs/promises'
import { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import { groupSeries, readPatches } from '../../src/ingest/read/index.ts'
import { diagnosticRules } from '../../src/schema/diagnostic-rules.ts'
import type { Patch, PatchFormat } from '../../src/ingest/types.ts'
import { booleanOption, stringOption, UsageError, type Command } from './command.ts'
import { hasErrors, printDiagnostics } from './diagnostics.ts'

const { rules, source } = diagnosticRules.ingest

const formats: readonly PatchFormat[] = ['archive', 'mail', 'diff']

export const readCommand: Command = {
  name: 'read',
  summary: 'Read a patch (mail, mbox, web archive text or diff) and print it as JSON',
  usage: [
    'usage: strata read PATCH [--format archive|mail|diff] [--series]',
    '',
    'Prints the patches in PATCH as a JSON array on stdout; diagnostics go to stderr.',
    '',
    'options:',
    '  --format FORMAT  read as `archive`, `mail` or `diff` instead of detecting the format',
    '  --series         group the patches into series (cover letter and patches by revision)',
    '  --diagnostics F  vfile (default, vfile-reporter) or gnu (`file:line:column: severity: message`)',
    '  -q, --quiet      report only errors',
    '  -h, --help       show this help',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    series: { type: 'boolean', default: false },
    diagnostics: { type: 'string' },
  },
  async run(args, io) {
    const [path, ...extra] = args.positionals
    if (!path) throw new UsageError('missing PATCH')
    if (extra.length > 0) throw new UsageError(`unexpected argument \`${extra[0]}\``)
    const format = stringOption(args, 'format')
    if (format !== undefined && !formats.includes(format as PatchFormat)) {
      throw new UsageError(`unknown format \`${format}\` (expected ${formats.join(', ')})`)
    }
    const style = stringOption(args, 'diagnostics') ?? 'vfile'
    if (style !== 'vfile' && style !== 'gnu') throw new UsageError(`unknown diagnostics format \`${style}\``)
    const file = new VFile({ path })
    let patches: Patch[] = []
    try {
      file.value = await readFile(path, 'utf8')
      patches = await readPatches(file, { format: format as PatchFormat | undefined })
    } catch (error) {
      // A fatal message is on `file` already; an I/O error becomes one; anything else is a bug.
      if (error instanceof VFileMessage) {
        // Reported below.
      } else if ((error as NodeJS.ErrnoException).code) {
        const reason = `Cannot read \`${path}\`: ${(error as Error).message}`
        file.message(reason, { ruleId: rules.noPatch, source }).fatal = true
      } else throw error
    }
    // vfile-reporter would say "no issues found": a clean read prints only the JSON.
    if (file.messages.length > 0) printDiagnostics([file], io, { quiet: booleanOption(args, 'quiet'), format: style })
    if (patches.length > 0) {
      const data = booleanOption(args, 'series') ? groupSeries(patches) : patches
      io.stdout.write(JSON.stringify(data, null, 2) + '\n')
    }
    return hasErrors([file]) ? 1 : 0
  },
}
