import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { Place } from '../../lib/diagnostics.ts'
import { diagnosticRules, type RuleIdOf } from '../../schema/diagnostic-rules.ts'

const { source } = diagnosticRules.kernelDoc
type RuleId = RuleIdOf<'kernelDoc'>

export type { Place }

/**
 * Put a located warning on `file` with the kernel-doc stage's source.
 *
 * Malformed comments are content problems: they are reported and the parser
 * goes on (STYLE.md, "bad content never throws").
 *
 * @param file
 *   The file the problem is in.
 * @param reason
 *   What is wrong, in markdown (names in backticks).
 * @param place
 *   Where, 1-based; `undefined` when unknown.
 * @param ruleId
 *   Stable rule id from `rules`.
 * @returns
 *   The message.
 */
export function warn(file: VFile, reason: string, place: Place | undefined, ruleId: RuleId): VFileMessage {
  return file.message(reason, { place, ruleId, source })
}
