/**
 * Child process of the records suite's pathological row: parse and extract
 * records from a paragraph without a full stop a few times, and print the
 * milliseconds as JSON.
 *
 * Usage: run-ts.mjs records-child.ts SIZE RUNS
 */
import { VFile } from 'vfile'
import { extractRecords } from '../../plugins/remark-api-records/index.ts'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { unpunctuatedParagraph } from './records.ts'
import { time } from './stats.ts'

const [sizeText, runsText] = process.argv.slice(2)
const text = unpunctuatedParagraph(Number(sizeText))
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
