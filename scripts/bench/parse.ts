/**
 * Strata's parser throughput on the corpus: parse only (`fromRst`) and parse
 * plus render to HTML (`rstParse` → remark-rehype with the parser's
 * `rstToHastHandlers` → rehype-stringify), in MB/s of reST input. Outside
 * quick mode, two warm-up passes first, so the figures are of JIT-compiled
 * code, and each sample repeats the pass for at least half a second (a pass
 * over the 9 corpus files takes ~40 ms; docutils takes ~400 ms a pass).
 */
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import { unified, type Plugin } from 'unified'
import { VFile } from 'vfile'
import { summarise, throughput, timeRepeated } from './stats.ts'
import { failedRow, type BenchContext, type BenchRow, type Suite } from './suite.ts'

/** What the bench needs from `plugins/rst-parse`. */
export interface ParserModule {
  fromRst: (text: string, file?: VFile) => unknown
  rstParse: Plugin
  rstToHastHandlers: Record<string, unknown>
}

/** Entry of the parser package (imported dynamically: see `loadParserModule`). */
const parserEntry = new URL('../../plugins/rst-parse/index.ts', import.meta.url).href

/**
 * Import the parser, checking the exports the bench uses, so a missing
 * parser is one error row instead of a crash.
 *
 * @returns
 *   The module.
 */
export async function loadParserModule(): Promise<ParserModule> {
  const module = (await import(parserEntry)) as Partial<ParserModule> & { default?: unknown }
  const rstParse = module.rstParse ?? (module.default as Plugin | undefined)
  if (typeof module.fromRst !== 'function') throw new Error('plugins/rst-parse exports no `fromRst`')
  if (typeof rstParse !== 'function') throw new Error('plugins/rst-parse exports no `rstParse`')
  if (!module.rstToHastHandlers) throw new Error('plugins/rst-parse exports no `rstToHastHandlers`')
  return { fromRst: module.fromRst, rstParse, rstToHastHandlers: module.rstToHastHandlers }
}

/** One figure: a name and a pass over the whole corpus. */
interface Figure {
  name: string
  pass: () => Promise<unknown>
  samples: number[]
  error?: unknown
  note?: string
}

/** Each sample repeats its pass for at least this long (not in quick mode), then counts the mean. */
const minimumSample = 500

/** Warm-up passes per figure before timing (none in quick mode). */
const warmUps = 2

/**
 * Time the figures' passes, interleaved run by run so that JIT warm-up, GC
 * and a busy machine weigh on each figure alike, after warm-up passes.
 *
 * @returns
 *   One row per figure, in MB/s (or an error row).
 */
async function measure(context: BenchContext, figures: Figure[]): Promise<BenchRow[]> {
  const bytes = context.corpus.reduce((total, file) => total + Buffer.byteLength(file.text), 0)
  const attempt = async (figure: Figure, timed: boolean) => {
    if (figure.error) return
    try {
      const ms = await timeRepeated(figure.pass, context.quick ? 0 : minimumSample)
      if (timed) figure.samples.push(ms)
    } catch (error) {
      figure.error = error
    }
  }
  for (let run = 0; run < (context.quick ? 0 : warmUps); run++) for (const figure of figures) await attempt(figure, false)
  for (let run = 0; run < context.runs; run++) for (const figure of figures) await attempt(figure, true)
  return figures.map((figure): BenchRow =>
    figure.error
      ? failedRow('strata', figure.name, 'MB/s', figure.error)
      : { suite: 'strata', name: figure.name, unit: 'MB/s', ...summarise(throughput(bytes, figure.samples)), bytes, note: figure.note },
  )
}

/** Strata's parse and parse+render throughput. */
export const parseSuite: Suite = {
  name: 'strata',
  async run(context) {
    let parser: ParserModule
    try {
      parser = await loadParserModule()
    } catch (error) {
      return [
        failedRow('strata', 'parse (fromRst)', 'MB/s', error),
        failedRow('strata', 'parse+render to HTML', 'MB/s', error),
      ]
    }
    const processor = unified()
      .use(parser.rstParse)
      .use(remarkRehype, { handlers: parser.rstToHastHandlers } as Parameters<typeof remarkRehype>[0])
      .use(rehypeStringify)
    const file = (entry: { path: string; text: string }) => new VFile({ path: entry.path, value: entry.text })
    const parse: Figure = {
      name: 'parse (fromRst)',
      samples: [],
      pass: async () => {
        for (const entry of context.corpus) parser.fromRst(entry.text, file(entry))
      },
    }
    const render: Figure = {
      name: 'parse+render to HTML',
      samples: [],
      pass: async () => {
        for (const entry of context.corpus) await processor.process(file(entry))
      },
    }
    // A pipeline that silently renders nothing would look fast: check once.
    try {
      let html = 0
      for (const entry of context.corpus) html += String(await processor.process(file(entry))).length
      if (html === 0 && context.corpus.length > 0) throw new Error('rendering gave no HTML')
      render.note = `${(html / 1e3).toFixed(0)} kB of HTML from the corpus`
    } catch (error) {
      render.error = error
    }
    context.log('strata: parse, parse+render')
    return measure(context, [parse, render])
  },
}
