import type { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import type { Io } from './command.ts'

export interface ReportOptions {
  /** Only errors (`--quiet`): warnings and notes are left out. */
  quiet?: boolean
  /** `gnu` (default): one `file:line:column: severity: message` line each; `vfile`: vfile-reporter's grouped report. */
  format?: 'gnu' | 'vfile'
}

/**
 * Print the messages of processed files on stderr. The default form is the
 * compilers' `file:line:column: severity: message`, which editors and CI logs
 * link to the place.
 */
export function printDiagnostics(files: readonly VFile[], io: Io, options: ReportOptions = {}): void {
  if (options.format === 'vfile') {
    const text = reporter([...files], { quiet: options.quiet })
    if (text) io.stderr.write(text + '\n')
    return
  }
  for (const file of files) {
    for (const message of file.messages) {
      const severity = message.fatal ? 'error' : message.fatal === false ? 'warning' : 'note'
      if (options.quiet && severity !== 'error') continue
      const where = `${file.path || '<stdin>'}:${message.line ?? 1}:${message.column ?? 1}`
      const rule = message.ruleId ? ` [${message.source ? message.source + ':' : ''}${message.ruleId}]` : ''
      io.stderr.write(`${where}: ${severity}: ${message.reason}${rule}\n`)
      if (message.note && severity === 'error') io.stderr.write(`  ${message.note}\n`)
    }
  }
}

/** Whether any message is an error. */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((file) => file.messages.some((message) => message.fatal))
}
