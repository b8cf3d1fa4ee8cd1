import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/** A 1-based place in a file, for diagnostics (what vfile's `place` takes as a point). */
export interface Place {
  line: number
  column: number
}

/** How bad a message is: vfile's `fatal` true, false and unset. */
export type Severity = 'error' | 'warning' | 'note'

export function severityOf(message: VFileMessage): Severity {
  return message.fatal ? 'error' : message.fatal === false ? 'warning' : 'note'
}

/** Where a message is, as `line:column` (the start of a range; `1:1` when it has no place). */
export function placeOf(message: VFileMessage): string {
  return `${message.line ?? 1}:${message.column ?? 1}`
}

/**
 * The one form every diagnostic takes, in the CLI and in the build alike: the
 * compilers' `file:line:column: severity: reason [source:rule]`, which editors
 * and CI logs link to the place.
 */
export function formatDiagnostic(path: string, message: VFileMessage): string {
  const rule = message.ruleId ? ` [${message.source ? message.source + ':' : ''}${message.ruleId}]` : ''
  return `${path || '<stdin>'}:${placeOf(message)}: ${severityOf(message)}: ${message.reason}${rule}`
}

/** Every message of processed files, one formatted line each. */
export function formatDiagnostics(files: readonly VFile[]): string[] {
  return files.flatMap((file) => file.messages.map((message) => formatDiagnostic(file.path, message)))
}
