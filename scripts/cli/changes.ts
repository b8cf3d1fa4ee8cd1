import { compareVersions } from '../../src/knowledge/changes.ts'
import { findVersion } from '../../src/knowledge/build.ts'
import { stringOption, UsageError, type Command } from './command.ts'
import { contentOptions, contentUsage, loadKnowledgeBase } from './content-options.ts'

const usage = `usage: strata changes --from ID --to ID [options]

Print what changed between two versions of a document as JSON on stdout: API
records added, removed or changed (status, replacement, unmap, contexts,
effects, notes, legacy text, and the text with a word-level diff and the
sentences added and removed), and the sections of the document that changed.

options:
  --from ID          the older version
  --to ID            the newer version
${contentUsage}
  -q, --quiet        errors only on stderr`

export const changesCommand: Command = {
  name: 'changes',
  summary: 'print what changed between two versions (records and sections) as JSON',
  usage,
  options: { ...contentOptions, from: { type: 'string' }, to: { type: 'string' } },
  async run(args, io) {
    const fromId = stringOption(args, 'from')
    const toId = stringOption(args, 'to')
    if (!fromId || !toId) throw new UsageError('give --from ID and --to ID')
    const knowledge = await loadKnowledgeBase(args, io)
    if (!knowledge) return 1
    const document = stringOption(args, 'document')
    const from = findVersion(knowledge, fromId, document)
    const to = findVersion(knowledge, toId, document)
    for (const found of [from, to]) {
      if (typeof found === 'string') {
        io.stderr.write(`strata changes: ${found}\n`)
        return 1
      }
    }
    if (typeof from === 'string' || typeof to === 'string') return 1
    if (from.document !== to.document) {
      io.stderr.write(`strata changes: \`${fromId}\` and \`${toId}\` are versions of different documents\n`)
      return 1
    }
    io.stdout.write(JSON.stringify(compareVersions(from, to, from.document), null, 2) + '\n')
    return 0
  },
}
