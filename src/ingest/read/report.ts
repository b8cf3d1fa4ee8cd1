import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { diagnosticRules, type RuleIdOf } from '../../schema/diagnostic-rules.ts'

const { source } = diagnosticRules.ingest
type RuleId = RuleIdOf<'ingest'>

/**
 * Put a located diagnostic on `file` with the ingest stage's source.
 *
 * Content problems never throw (STYLE.md): the reader records them and goes on.
 * An error that leaves the patch unusable (a truncated hunk) is marked fatal so
 * that reporters show it as an error and the CLI exits 1, without stopping the read.
 *
 * @param file
 *   The patch file.
 * @param reason
 *   What is wrong, in markdown (values in backticks).
 * @param line
 *   1-based line the problem is on (column 1).
 * @param ruleId
 *   Stable rule id from `rules`.
 * @param fatal
 *   `true` for an error, `false` (default) for a warning.
 * @returns
 *   The message.
 */
export function report(
  file: VFile,
  reason: string,
  line: number,
  ruleId: RuleId,
  fatal = false,
): VFileMessage {
  const message = file.message(reason, { place: { line, column: 1 }, ruleId, source })
  if (fatal) message.fatal = true
  return message
}
