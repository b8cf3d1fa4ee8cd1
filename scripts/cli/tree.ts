/**
 * `strata tree FILE.rst`: parse one reST document and print its mdast tree
 * as JSON (or, with `--html`, the rendered and sanitised HTML) on stdout.
 * Diagnostics go to stderr through vfile-reporter; the exit code is 1 when the
 * file cannot be read, 0 otherwise (content problems are warnings, never
 * failures, as the parser never throws on content).
 */
import { readFile } from 'node:fs/promises'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import { strataSchema } from '../../plugins/rehype-strata-sanitize/index.ts'
import { rstParse, rstToHastHandlers } from '../../plugins/rst-parse/index.ts'
import { booleanOption, UsageError, type Command } from './command.ts'

export const treeCommand: Command = {
  name: 'tree',
  summary: 'Parse a reST file and print its mdast tree (or --html)',
  usage: [
    'usage: strata tree [--html] [--quiet] FILE.rst',
    '',
    'Print the mdast tree of FILE.rst as JSON on stdout; problems go to stderr.',
    '',
    'options:',
    '  --html       print the rendered, sanitised HTML instead of the tree',
    '  -q, --quiet  do not print diagnostics',
    '  -h, --help   show this help',
  ].join('\n'),
  options: {
    html: { type: 'boolean', default: false },
  },
  async run(args, io) {
    const [path, ...extra] = args.positionals
    if (!path || extra.length > 0) throw new UsageError('expected exactly one FILE.rst')
    let value: string
    try {
      value = await readFile(path, 'utf8')
    } catch (error) {
      io.stderr.write(`strata tree: cannot read \`${path}\`: ${(error as Error).message}\n`)
      return 1
    }
    const file = new VFile({ path, value })
    if (booleanOption(args, 'html')) {
      const processor = unified()
        .use(rstParse)
        .use(remarkRehype, { handlers: rstToHastHandlers })
        // The site's schema: what `--html` shows is what a page could hold.
        .use(rehypeSanitize, strataSchema)
        .use(rehypeStringify)
      const result = await processor.process(file)
      io.stdout.write(String(result.value) + '\n')
    } else {
      const tree = unified().use(rstParse).parse(file)
      io.stdout.write(JSON.stringify(tree, null, 2) + '\n')
    }
    if (!booleanOption(args, 'quiet') && file.messages.length > 0) io.stderr.write(reporter(file) + '\n')
    return 0
  },
}
