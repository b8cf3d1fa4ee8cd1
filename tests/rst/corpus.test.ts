/** Every corpus document (../shared, read by path) parses, with positions everywhere, in good time. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { rstParse, rstToHastHandlers } from '../../plugins/rst-parse/index.ts'
import { rstSanitizeSchema } from '../../plugins/rst-parse/lib/sanitize-schema.ts'
import { parse, positionProblems } from './helpers.ts'

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url))

/** `.rst` files below a folder. */
function rstFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return rstFiles(full)
    return name.endsWith('.rst') ? [full] : []
  })
}

const files = rstFiles(corpus).sort()

describe('corpus', () => {
  it('has the corpus documents', () => {
    expect(files.length).toBeGreaterThanOrEqual(9)
  })
  for (const path of files) {
    it(path.slice(corpus.length), async () => {
      const value = readFileSync(path, 'utf8')
      const started = performance.now()
      const { tree, file } = parse(value)
      expect(performance.now() - started).toBeLessThan(2000)
      expect(tree.children.length).toBeGreaterThan(0)
      expect(positionProblems(tree, value)).toEqual([])
      // Whether docutils reports the same is the conformance test's job
      // (tests/conformance: no warning where docutils has none); here every
      // message must be located and carry a rule id.
      for (const message of file.messages) {
        expect(message.source).toBe('strata:rst')
        expect(message.ruleId).toBeTruthy()
        expect(message.line).toBeGreaterThan(0)
      }
      const html = String(
        await unified().use(rstParse).use(remarkRehype, { handlers: rstToHastHandlers }).use(rehypeSanitize, rstSanitizeSchema).use(rehypeStringify).process(value),
      )
      expect(html).toMatch(/^<(?:span|h1|p|aside)/)
    })
  }
})
