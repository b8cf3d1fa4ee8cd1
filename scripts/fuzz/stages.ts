/**
 * Each stage as the fuzzer drives it, in process: one input in, the bytes it
 * had and the escapes it caused out. A stage that throws lets the error
 * through (the worker counts it); bad input is expected to end as messages.
 */
import { lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { VFile } from 'vfile'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { extractRecords } from '../../plugins/remark-api-records/index.ts'
import { main } from '../cli/main.ts'
import { resolveBelow } from '../../src/ingest/apply/paths.ts'
import { loadManifest } from '../../src/versions/load.ts'
import { buildKnowledgeBase } from '../../src/knowledge/build.ts'
import { contentInput, patchInput, recordsInput, rstInput, type ContentInput, type FuzzCorpus, type PatchInput, type Stage } from './inputs.ts'
import { findEscapes, outsideState, resetOut, resetTree, secret, type Sandbox } from './sandbox.ts'

/** What one input did. */
export interface Outcome {
  bytes: number
  /** CPU time of the stage itself, without the sandbox's setup and checks. */
  ms: number
  escapes: string[]
  /** Failures that did not throw here but reached the reader as one (a printed stack, an odd exit code). */
  failures?: string[]
}

/** A stage: make input `index` of the run (outside the timing), and run one. */
export interface StageRunner<Input = unknown> {
  /** The input itself (also for `--dump`: a reproducer). */
  input: (index: number) => Input
  run: (input: Input) => Promise<Outcome>
}

/**
 * The runner of a stage over a sandbox.
 *
 * @param seed
 *   The run's seed.
 */
export function stageRunner(stage: Stage, corpus: FuzzCorpus, box: Sandbox, seed: number): StageRunner {
  const runners: { [S in Stage]: StageRunner<any> } = {
    rst: { input: (index) => rstInput(corpus, seed, index), run: async (text: string) => runRst(text, box) },
    records: { input: (index) => recordsInput(corpus, seed, index), run: async (text: string) => runRecords(text) },
    patch: { input: (index) => patchInput(corpus, seed, index), run: (input: PatchInput) => runPatch(input, box, corpus) },
    build: { input: (index) => contentInput(corpus, seed, index), run: (input: ContentInput) => runBuild(input, box) },
  }
  return runners[stage]
}

/**
 * CPU time in ms since `start` (from `cpuClock`): the machine is shared, and
 * wall time would count the other processes' turns.
 */
export function cpuMs(start: number): number {
  return cpuClock() - start
}

/**
 * The CPU time this thread has used, in ms. On Linux it is the thread's own
 * (`/proc/thread-self/stat`, in the kernel's 10 ms ticks): the process's
 * time also counts V8's background threads, which compile the stage's
 * code while its first inputs run, and on a cold worker that doubled the
 * time of an input (170 ms of process time against 70 ms on the thread, for
 * an 86 kB build input). Elsewhere, the process's time.
 */
export function cpuClock(): number {
  const ticks = threadTicks()
  if (ticks !== undefined) return ticks * msPerTick
  const used = process.cpuUsage()
  return (used.user + used.system) / 1000
}

/** Linux reports thread times in USER_HZ ticks, 100 a second on every architecture it runs on. */
const msPerTick = 10
let threadStatReadable = true

function threadTicks(): number | undefined {
  if (!threadStatReadable) return undefined
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8')
    // The command name, in parentheses, may hold spaces: count fields after it. utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    if (Number.isFinite(ticks)) return ticks
  } catch {
    // Not Linux, or no /proc.
  }
  threadStatReadable = false
  return undefined
}

/** The parser, with includes resolved in the tree through the real file system: every read must stay in it. */
function runRst(text: string, box: Sandbox): Outcome {
  const escapes: string[] = []
  const treeRoot = realpathSync(box.tree)
  const readFile = (name: string) => {
    let real: string
    try {
      real = realpathSync(name)
      if (real !== treeRoot && !real.startsWith(treeRoot + path.sep)) escapes.push(`include read \`${name}\`, outside the tree (at \`${real}\`)`)
      return readFileSync(name, 'utf8')
    } catch {
      return undefined
    }
  }
  const start = cpuClock()
  const tree = fromRst(text, new VFile({ path: 'fuzz.rst', value: text }), { includeRoot: box.tree, readFile })
  const ms = cpuMs(start)
  if (JSON.stringify(tree).includes(secret)) escapes.push('the tree holds text from outside the tree')
  return { bytes: Buffer.byteLength(text), ms, escapes }
}

/**
 * Parse, then derive the records through the plugin's public function. Only
 * the derivation is timed: the parse is the rst stage's work, judged there
 * on the same kinds of input, and counting it twice would hide which of the
 * two got slower.
 */
function runRecords(text: string): Outcome {
  const tree = fromRst(text, new VFile({ path: 'fuzz.rst', value: text }))
  const start = cpuClock()
  extractRecords(tree, { document: 'fuzz', version: 'v1', path: 'Documentation/fuzz.rst', source: text })
  return { bytes: Buffer.byteLength(text), ms: cpuMs(start), escapes: [] }
}

/** Discards what the CLI prints, keeping stderr to look for stack frames. */
function sinks() {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let errors = ''
  stdout.resume()
  stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')))
  return { io: { stdout, stderr }, errors: () => errors }
}

/** `strata apply --tree` on the sandbox tree, the real command as a reader runs it. */
async function runPatch(input: PatchInput, box: Sandbox, corpus: FuzzCorpus): Promise<Outcome> {
  const before = outsideState(box)
  const patchFile = path.join(box.patches, 'input.patch')
  writeFileSync(patchFile, input.text)
  const out = input.inPlace ? box.tree : box.out
  const { io, errors } = sinks()
  const start = cpuClock()
  const code = await main(['apply', '--tree', box.tree, '--out', out, ...(input.reverse ? ['-R'] : []), '--quiet', patchFile], io)
  const ms = cpuMs(start)
  const escapes = findEscapes(box, before, [out])
  const failures: string[] = []
  if (/\n\s+at .*:\d+:\d+\)?\n/.test(errors())) failures.push(`a stack trace was printed: ${errors().slice(0, 300)}`)
  if (code !== 0 && code !== 1) failures.push(`exit code ${code}`)
  // Back to the known state for the next input.
  resetOut(box)
  if (input.inPlace && code === 0) resetTree(box, corpus)
  return { bytes: Buffer.byteLength(input.text) + namedFileBytes(input.text, box.tree), ms, escapes, failures }
}

/** The size of the tree's files a patch names: the applier reads, splits and hashes them, so they are its input too. */
function namedFileBytes(patch: string, tree: string): number {
  const names = new Set([...patch.matchAll(/^(?:---|\+\+\+) [ab]\/(\S+)/gm)].map((match) => match[1]))
  let bytes = 0
  for (const name of names) {
    const resolved = resolveBelow(tree, name)
    // A path through a file (ENOTDIR) names nothing to read.
    if (resolved.ok) bytes += tryLstat(resolved.path)?.size ?? 0
  }
  return bytes
}

function tryLstat(name: string) {
  try {
    return lstatSync(name, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}

/** Load the manifest and build the knowledge base from a content folder in the sandbox. */
async function runBuild(input: ContentInput, box: Sandbox): Promise<Outcome> {
  const before = outsideState(box)
  for (const name of readdirSync(box.content)) if (name !== 'kernel') rmSync(path.join(box.content, name), { recursive: true, force: true })
  writeFileSync(path.join(box.content, 'manifest.json'), input.manifest)
  for (const [name, text] of Object.entries(input.files)) {
    mkdirSync(path.dirname(path.join(box.content, name)), { recursive: true })
    writeFileSync(path.join(box.content, name), text)
  }
  const start = cpuClock()
  const { manifest } = await loadManifest({ content: box.content })
  const knowledge = manifest ? (await buildKnowledgeBase(manifest)).knowledge : undefined
  const ms = cpuMs(start)
  const escapes = findEscapes(box, before, [])
  if (knowledge && JSON.stringify(knowledge.versions.map((version) => version.records)).includes(secret)) escapes.push('a record holds text from outside the kernel tree')
  // The build reads the manifest and the patches once, and parses each version's text.
  const read = Buffer.byteLength(input.manifest) + Buffer.byteLength(input.files['patches/one.patch'] ?? '')
  const parsed = knowledge ? knowledge.versions.reduce((sum, version) => sum + Buffer.byteLength(version.text), 0) : Object.values(input.files).reduce((sum, text) => sum + Buffer.byteLength(text), 0)
  return { bytes: read + parsed, ms, escapes }
}
