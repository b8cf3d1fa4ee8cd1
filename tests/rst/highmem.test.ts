/**
 * highmem.rst (v6.1), read from ../shared by path: the sections, the bullet
 * list of mapping functions with their paragraphs, the tab-indented diagram
 * kept verbatim (tabs expanded), the kernel-doc directives kept as nodes, and
 * the rendered HTML.
 */
import { readFileSync } from 'node:fs'
import type { Code, Heading, List, Root } from 'mdast'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { rstParse, rstToHastHandlers, type Directive } from '../../plugins/rst-parse/index.ts'
import { rstSanitizeSchema } from '../../plugins/rst-parse/lib/sanitize-schema.ts'
import { positionProblems } from './helpers.ts'

const path = new URL('../../../shared/corpus/linux-v6.1/Documentation/mm/highmem.rst', import.meta.url)
const source = readFileSync(path, 'utf8')

/** Parse with the plugin. */
function tree(): { root: Root; file: VFile } {
  const file = new VFile({ path: 'highmem.rst', value: source })
  const root = unified().use(rstParse).parse(file) as Root
  return { root, file }
}

describe('highmem.rst', () => {
  it('parses without warnings and with a position on every node', () => {
    const { root, file } = tree()
    expect(file.messages.map(String)).toEqual([])
    expect(positionProblems(root, source)).toEqual([])
  })

  it('has the title and sections at the right levels', () => {
    const { root } = tree()
    const headings = root.children.filter((n): n is Heading => n.type === 'heading')
    expect(headings.map((h) => [h.depth, h.data?.id])).toEqual([
      [1, 'high-memory-handling'],
      [2, 'what-is-high-memory'],
      [2, 'temporary-virtual-mappings'],
      [2, 'cost-of-temporary-mappings'],
      [2, 'i386-pae'],
      [2, 'functions'],
    ])
  })

  it('keeps the mapping functions as a bullet list with nested paragraphs', () => {
    const { root } = tree()
    const list = root.children.find((n): n is List => n.type === 'list')!
    expect(list.ordered).toBe(false)
    expect(list.children).toHaveLength(4)
    expect(list.children.map((item) => item.children.length)).toEqual([10, 4, 4, 1])
    expect(list.children.every((item) => item.children.every((child) => child.type === 'paragraph'))).toBe(true)
  })

  it('keeps the tab-indented diagram verbatim with tabs expanded', () => {
    const { root } = tree()
    const code = root.children.find((n): n is Code => n.type === 'code')!
    const expected = source
      .split('\n')
      .slice(31, 38)
      .map((line) => line.replace(/^\t\t/, ''))
      .join('\n')
    // Two tabs (16 columns) indent the diagram; its inner spaces stay as written.
    expect(source.split('\n')[31].startsWith('\t\t+')).toBe(true)
    expect(code.value).toBe(expected)
    expect(code.value.split('\n')[0]).toBe('+--------+ 0xffffffff')
    expect(code.position?.start).toMatchObject({ line: 32, column: 3 })
  })

  it('keeps the kernel-doc directives as nodes', () => {
    const { root } = tree()
    const directives = root.children.filter((n): n is Directive => n.type === 'directive' && n.name === 'kernel-doc')
    expect(directives.map((d) => d.argument)).toEqual(['include/linux/highmem.h', 'include/linux/highmem-internal.h'])
    expect(directives[0].options).toEqual({})
  })

  it('renders to HTML', async () => {
    const file = new VFile({ path: 'highmem.rst', value: source })
    const html = String(
      await unified()
        .use(rstParse)
        .use(remarkRehype, { handlers: rstToHastHandlers })
        .use(rehypeSanitize, rstSanitizeSchema)
        .use(rehypeStringify)
        .process(file),
    )
    expect(html).toContain('<h1 id="high-memory-handling">High Memory Handling</h1>')
    expect(html).toContain('<h2 id="temporary-virtual-mappings">Temporary Virtual Mappings</h2>')
    expect(html).toMatch(/<ul>\s*<li>\s*<p>kmap_local_page\(\)\./)
    expect(html).toContain('<pre><code>+--------+ 0xffffffff\n| Kernel |\n')
    expect(html).toContain('<aside class="kernel-doc"><p>API documentation extracted from <code>include/linux/highmem.h</code></p></aside>')
    expect(html).toContain('<a href="mailto:a.p.zijlstra@chello.nl">a.p.zijlstra@chello.nl</a>')
    expect(html).not.toContain('<script')
  })
})
