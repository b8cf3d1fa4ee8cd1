/**
 * Child process of the records suite's pathological rows: parse and extract
 * records from one input a few times, and print the milliseconds as JSON.
 *
 * Usage: run-ts.mjs records-child.ts NAME SIZE RUNS
 */
import { VFile } from 'vfile'
import { extractRecords } from '../../plugins/remark-api-records/index.ts'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { pathologicalRecordsInputs } from './records.ts'
import { time } from './stats.ts'

const [name, sizeText, runsText] = process.argv.slice(2)
const generate = pathologicalRecordsInputs[name]
if (!generate) {
  process.stderr.write(`unknown case ${JSON.stringify(name)}\n`)
  process.exit(2)
}
const text = generate(Number(sizeText))
const milliseconds: number[] = []
for (let run = 0; run < Number(runsText); run++) {
  milliseconds.push(
    await time(() => {
      const tree = fromRst(text, new VFile({ path: 'paragraph.rst', value: text }))
      extractRecords(tree, { document: 'paragraph', version: 'bench', path: 'paragraph.rst', source: text })
    }),
  )
}
process.stdout.write(`${JSON.stringify({ bytes: Buffer.byteLength(text), milliseconds })}\n`)
