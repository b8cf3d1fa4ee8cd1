/**
 * Child process of the pathological suite: parse one generated input a few
 * times and print the milliseconds as JSON. A separate process lets the
 * parent stop a case that hangs or exhausts memory without losing the run.
 *
 * Usage: run-ts.mjs pathological-child.ts CASE SIZE RUNS
 */
import { VFile } from 'vfile'
import { pathologicalInputs } from './inputs.ts'
import { loadParserModule } from './parse.ts'
import { time } from './stats.ts'

const [name, sizeText, runsText] = process.argv.slice(2)
const generate = pathologicalInputs[name]
if (!generate) {
  process.stderr.write(`unknown case ${JSON.stringify(name)}\n`)
  process.exit(2)
}
const text = generate(Number(sizeText))
const parser = await loadParserModule()
const milliseconds: number[] = []
for (let run = 0; run < Number(runsText); run++) {
  milliseconds.push(await time(() => parser.fromRst(text, new VFile({ path: 'pathological.rst', value: text }))))
}
process.stdout.write(`${JSON.stringify({ bytes: Buffer.byteLength(text), milliseconds })}\n`)
