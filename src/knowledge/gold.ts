import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { diagnosticRules } from '../schema/diagnostic-rules.ts'

/**
 * The gold set: API facts written by hand by reading kernel documents
 * (`tests/knowledge/gold/`, its README gives the rules). One TSV file per
 * document, `# document: linux-docs/Documentation/…` first, then one row a
 * fact: api, field, value, line, condition, comment.
 */

export const goldFields = ['status', 'replacement', 'contexts', 'locking', 'returns', 'pairing', 'summary', 'since'] as const
export type GoldField = (typeof goldFields)[number]

const { rules, source } = diagnosticRules.gold

export interface GoldRow {
  api: string
  field: GoldField
  value: string
  line: number
  condition?: string
  comment?: string
}

export interface GoldDocument {
  /** The document's path under the corpus folder: `linux-docs/Documentation/locking/seqlock.rst`. */
  document: string
  /** The TSV file it was read from. */
  file: string
  rows: GoldRow[]
}

/** Read every gold file below `folder`; rows that break the format are reported on the returned files, not dropped silently. */
export async function readGold(folder: string): Promise<{ documents: GoldDocument[]; files: VFile[] }> {
  const names = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.tsv')).sort()
  const documents: GoldDocument[] = []
  const files: VFile[] = []
  for (const name of names) {
    const file = new VFile({ path: path.join(folder, name), value: await readFile(path.join(folder, name), 'utf8') })
    const document = parseGold(file)
    if (document) documents.push(document)
    if (file.messages.length > 0) files.push(file)
  }
  return { documents, files }
}

/** Parse one gold file; problems become messages on it. */
export function parseGold(file: VFile): GoldDocument | undefined {
  const lines = String(file.value).split('\n')
  const header = /^#\s*document:\s*(\S+)/.exec(lines[0] ?? '')
  if (!header) {
    file.message('expected `# document: PATH` on the first line', { place: { line: 1, column: 1 }, ruleId: rules.noDocument, source })
    return undefined
  }
  const rows: GoldRow[] = []
  lines.forEach((text, index) => {
    if (text.trim() === '' || text.startsWith('#')) return
    const [api, field, value, line, condition, comment] = text.split('\t')
    const place = { line: index + 1, column: 1 }
    if (!api || !field || value === undefined || !line) return void file.message('expected api, field, value and line, separated by tabs', { place, ruleId: rules.row, source })
    if (!(goldFields as readonly string[]).includes(field)) return void file.message(`unknown field \`${field}\``, { place, ruleId: rules.field, source })
    if (!/^\d+$/.test(line)) return void file.message(`line \`${line}\` is not a number`, { place, ruleId: rules.line, source })
    const row: GoldRow = { api: api.trim(), field: field as GoldField, value: value.trim(), line: Number(line) }
    if (condition?.trim()) row.condition = condition.trim()
    if (comment?.trim()) row.comment = comment.trim()
    rows.push(row)
  })
  return { document: header[1], file: file.path, rows }
}
