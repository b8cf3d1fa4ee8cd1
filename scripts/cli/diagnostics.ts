import type { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import { formatDiagnostic, severityOf } from '../../src/lib/diagnostics.ts'
import type { Io } from './command.ts'

export interface ReportOptions {
  /** Only errors (`--quiet`): warnings and notes are left out. */
  quiet?: boolean
  /** `gnu` (default): one `file:line:column: severity: message` line each; `vfile`: vfile-reporter's grouped report. */
  format?: 'gnu' | 'vfile'
}

/**
 * Print the messages of processed files on stderr, in the one form of
 * `formatDiagnostic` (an error's note on the line after it).
 */
export function printDiagnostics(files: readonly VFile[], io: Io, options: ReportOptions = {}): void {
  if (options.format === 'vfile') {
    const text = reporter([...files], { quiet: options.quiet })
    if (text) io.stderr.write(text + '\n')
    return
  }
  for (const file of files) {
    for (const message of file.messages) {
      const severity = severityOf(message)
      if (options.quiet && severity !== 'error') continue
      io.stderr.write(formatDiagnostic(file.path, message) + '\n')
      if (message.note && severity === 'error') io.stderr.write(`  ${message.note}\n`)
    }
  }
}

/** Whether any message is an error. */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal))
}
