/**
 * The patch reader of the ingest stage: a file (mail, mbox, web archive page
 * or diff) in, `Patch` objects out, problems as messages on the file.
 */
import type { VFile } from 'vfile'
import type { Patch, PatchFormat } from '../types.ts'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'
import { readArchive } from './archive.ts'
import { detectFormat } from './detect.ts'
import { readMail } from './mail.ts'
import { readPlainDiff } from './plain.ts'
import { report } from './report.ts'
import { roleOf } from './thread.ts'

const { rules, source } = diagnosticRules.ingest

export { detectFormat } from './detect.ts'
export { groupSeries } from './series.ts'

export interface ReadOptions {
  /** Read the file as this format instead of detecting it. */
  format?: PatchFormat
}

/**
 * Read the patches in a file.
 *
 * @param file
 *   The patch file: `path` names it, `value` holds its text.
 * @param options
 *   Configuration (optional): `format` forces a format.
 * @returns
 *   The patches, in file order. A message without a diff (other than a cover
 *   letter `0/n` or a reply) is kept and warned about.
 * @throws
 *   The fatal message (via `file.fail`) when the file holds no patch at all.
 */
export async function readPatches(file: VFile, options?: Readonly<ReadOptions> | null): Promise<Patch[]> {
  const text = typeof file.value === 'string' ? file.value : new TextDecoder().decode(file.value)
  const format = options?.format ?? detectFormat(text)
  if (!format) {
    file.fail(`Cannot read \`${file.path}\` as a patch: no mail headers, no archive header and no diff`, {
      place: { line: 1, column: 1 },
      ruleId: rules.noPatch,
      source,
    })
  }
  const patches =
    format === 'mail' ? await readMail(file, text) : format === 'archive' ? readArchive(file, text) : readPlainDiff(file, text)
  const withDiff = patches.filter((patch) => patch.files.length > 0 || patch.series?.number === 0)
  if (withDiff.length === 0) {
    file.fail(`No diff in \`${file.path}\`: found no \`diff --git\`, \`---\`/\`+++\` pair or hunk`, {
      place: { line: patches[0]?.startLine ?? 1, column: 1 },
      ruleId: rules.noDiff,
      source,
    })
  }
  for (const patch of patches) {
    // A review reply in a thread is expected to carry no diff.
    if (!withDiff.includes(patch) && roleOf(patch) !== 'reply') {
      report(file, `Message \`${patch.rawSubject}\` has no diff`, patch.startLine, rules.noDiff)
    }
  }
  return patches
}
