/**
 * The records stage's throughput beside the parser's: parse plus
 * `extractRecords` over the corpus, in MB/s of reST input; and its
 * pathological rows, a paragraph of `size` bytes without a full stop (the
 * shape that once made sentence splitting quadratic) wrapped as prose is and
 * as one line of API mentions, each timed in a child process with a time
 * limit so a regression is a timeout row, not a hung benchmark.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { VFile } from 'vfile'
import { denseApiInputs } from './dense-apis.ts'
import { pathologicalSize } from './pathological.ts'
import { summarise, throughput, timeRepeated } from './stats.ts'
import { failedRow, type BenchRow, type Suite } from './suite.ts'

const execFileAsync = promisify(execFile)
const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url))
const child = fileURLToPath(new URL('./records-child.ts', import.meta.url))

/** Each sample repeats the pass for at least this long outside quick mode (ms). */
const minimumSample = 500

/** The pathological rows by name, each with the input the child makes. */
export const pathologicalRecordsInputs: Record<string, (size: number) => string> = {
  'records: long paragraph without a full stop': (size) => unpunctuatedParagraph(size),
  'records: one line of API mentions without a full stop': (size) => `Title\n=====\n\n${'kmap_local_page() may sleep and '.repeat(Math.ceil(size / 32))}\n`,
  ...Object.fromEntries(Object.entries(denseApiInputs).map(([name, make]) => [`records: ${name}`, make])),
}

/** A paragraph of about `size` bytes with API names and no `.`, `!` or `?`, wrapped at 76 columns. */
export function unpunctuatedParagraph(size: number): string {
  const words = 'the caller of kmap_local_page() may sleep while it holds the mapping and must unmap it in reverse order'.split(' ')
  const lines: string[] = []
  let line = ''
  let length = 0
  for (let index = 0; length < size; index++) {
    const word = words[index % words.length]
    if (line.length + word.length + 1 > 76) {
      lines.push(line)
      length += line.length + 1
      line = ''
    }
    line = line ? `${line} ${word}` : word
  }
  return `Title\n=====\n\n${lines.join('\n')}\n`
}

export const recordsSuite: Suite = {
  name: 'records',
  async run(context) {
    const rows: BenchRow[] = []
    context.log('records: parse + extractRecords')
    try {
      const { fromRst } = await import('../../plugins/rst-parse/index.ts')
      const { extractRecords } = await import('../../plugins/remark-api-records/index.ts')
      const bytes = context.corpus.reduce((total, file) => total + Buffer.byteLength(file.text), 0)
      let records = 0
      const pass = () => {
        records = 0
        for (const entry of context.corpus) {
          const tree = fromRst(entry.text, new VFile({ path: entry.path, value: entry.text }))
          records += extractRecords(tree, { document: entry.path, version: 'bench', path: entry.path, source: entry.text }).length
        }
      }
      if (!context.quick) for (let run = 0; run < 2; run++) pass()
      const samples: number[] = []
      for (let run = 0; run < context.runs; run++) samples.push(await timeRepeated(pass, context.quick ? 0 : minimumSample))
      rows.push({ suite: 'strata', name: 'parse+records (extractRecords)', unit: 'MB/s', ...summarise(throughput(bytes, samples)), bytes, note: `${records} records from the corpus` })
    } catch (error) {
      rows.push(failedRow('strata', 'parse+records (extractRecords)', 'MB/s', error))
    }
    const size = pathologicalSize(context.quick)
    const limit = context.quick ? 60_000 : 180_000
    for (const name of Object.keys(pathologicalRecordsInputs)) {
      context.log(name)
      try {
        const { stdout } = await execFileAsync(process.execPath, [runTs, child, name, String(size), String(context.runs)], { timeout: limit, killSignal: 'SIGKILL', maxBuffer: 1 << 20 })
        const { bytes, milliseconds } = JSON.parse(stdout) as { bytes: number; milliseconds: number[] }
        const summary = summarise(milliseconds)
        rows.push({ suite: 'pathological', name, unit: 'ms', ...summary, bytes, note: `${(bytes / 1e3 / summary.median).toFixed(2)} MB/s (parse + extractRecords)` })
      } catch (error) {
        const failure = error as { killed?: boolean; message: string }
        rows.push(failedRow('pathological', name, 'ms', failure.killed ? `no result within ${limit / 1000} s` : failure.message))
      }
    }
    return rows
  },
}
