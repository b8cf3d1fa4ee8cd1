/**
 * `npm run eval:records`: how well the API records agree with the gold set.
 *
 * Usage: npm run eval:records -- [--gold DIR] [--corpus DIR] [--verbose] [--json]
 *
 * Parses every document the gold set annotates (under `--corpus`, default
 * `../shared/corpus`), derives its records, and prints precision and recall
 * per field against the targets, then the coverage of each document (records
 * with at least one fact). `--verbose` lists each missed and each wrong fact.
 * Exit code 0 when every field meets its targets, 1 when one does not, 2 when
 * the run cannot happen.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { reporter } from 'vfile-reporter'
import { evaluate, targets, type Evaluation, type Fact } from '../../src/knowledge/evaluate.ts'
import { readGold } from '../../src/knowledge/gold.ts'
import { parseVersion } from '../../src/knowledge/parse.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** Run the evaluation over a gold folder and a corpus folder. */
export async function evaluateRecords(gold: string, corpus: string): Promise<Evaluation> {
  const { documents, files } = await readGold(gold)
  if (files.length > 0) throw new Error(reporter(files))
  return evaluate(documents, async (document) => {
    const text = await readFile(path.join(corpus, document), 'utf8')
    return (await parseVersion(text, { document, version: 'gold', path: document })).records
  })
}

const percent = (value: number) => value.toFixed(3)
const describe = (fact: Fact) => `${fact.api} ${fact.field} ${fact.field === 'summary' ? '' : fact.value}${fact.line ? ` (line ${fact.line})` : ''}`

/** The report as text: a table of fields against targets, then coverage per document. */
export function formatEvaluation(result: Evaluation, verbose: boolean): string {
  const out: string[] = []
  out.push('field          precision  recall   correct/derived  correct/gold   target P/R')
  for (const score of result.fields) {
    const target = targets[score.field]
    const met = score.precision >= target.precision && score.recall >= target.recall ? 'met' : 'MISSED'
    out.push(
      `${score.field.padEnd(14)} ${percent(score.precision).padStart(9)}  ${percent(score.recall).padStart(6)}   ${`${score.correct}/${score.derived}`.padStart(15)}  ${`${score.correct}/${score.gold}`.padStart(12)}   ${target.precision}/${target.recall} ${met}`,
    )
  }
  const records = result.documents.reduce((sum, each) => sum + each.records, 0)
  const withFacts = result.documents.reduce((sum, each) => sum + each.withFacts, 0)
  out.push('', `coverage: ${withFacts} of ${records} records carry a fact (${percent(records ? withFacts / records : 0)})`)
  for (const each of result.documents) {
    out.push(`  ${each.document.padEnd(62)} ${String(each.withFacts).padStart(4)}/${String(each.records).padEnd(4)} ${each.records ? percent(each.withFacts / each.records) : '-'}`)
    if (!verbose) continue
    for (const fact of each.missed) out.push(`      missed ${describe(fact)}`)
    for (const fact of each.wrong) out.push(`      wrong  ${describe(fact)}`)
  }
  return out.join('\n') + '\n'
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      gold: { type: 'string', default: path.join(root, 'tests/knowledge/gold') },
      corpus: { type: 'string', default: path.resolve(root, '../shared/corpus') },
      verbose: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  })
  try {
    const result = await evaluateRecords(values.gold, values.corpus)
    process.stdout.write(values.json ? JSON.stringify(result, null, 2) + '\n' : formatEvaluation(result, values.verbose))
    const met = result.fields.every((score) => score.precision >= targets[score.field].precision && score.recall >= targets[score.field].recall)
    process.exitCode = met ? 0 : 1
  } catch (error) {
    process.stderr.write(`eval:records: ${(error as Error).message}\n`)
    process.exitCode = 2
  }
}
