/**
 * The constructs of issue 17 at the tree and HTML level: what the parser
 * gives (the conformance fixtures check the same constructs against
 * docutils itself) and that untrusted input stays harmless in the HTML.
 */
import type { Code, FootnoteReference, Heading, InlineCode, Link, Paragraph, Root, RootContent } from 'mdast'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { fromRst, rstParse, rstToHastHandlers } from '../../plugins/rst-parse/index.ts'
import { evaluateOnly } from '../../plugins/rst-parse/lib/only.ts'
import { rstSanitizeSchema } from '../../plugins/rst-parse/lib/sanitize-schema.ts'
import type { Directive, Role } from '../../plugins/rst-parse/lib/types.ts'
import { messageList, parse } from './helpers.ts'

/** Render reST to sanitised HTML. */
async function html(value: string): Promise<string> {
  const file = await unified().use(rstParse).use(remarkRehype, { handlers: rstToHastHandlers }).use(rehypeSanitize, rstSanitizeSchema).use(rehypeStringify).process(value)
  return String(file.value)
}

/** Every node of a type, in document order. */
function all<T extends RootContent>(tree: Root | RootContent, type: T['type']): T[] {
  const found: T[] = []
  const walk = (node: Root | RootContent) => {
    if (node.type === type) found.push(node as T)
    for (const child of ('children' in node ? node.children : []) as RootContent[]) walk(child)
  }
  walk(tree)
  return found
}

describe('anonymous hyperlinks', () => {
  it('an embedded URI takes no anonymous target, so later references keep theirs', () => {
    const { tree, file } = parse('`a <https://a.org/>`__ `b`__ `c`__\n\n__ https://b.org/\n__ https://c.org/\n')
    expect(all<Link>(tree, 'link').map((link) => link.url)).toEqual(['https://a.org/', 'https://b.org/', 'https://c.org/'])
    expect(file.messages).toEqual([])
  })

  it('pairs none when the counts differ (no shift), and says so once', () => {
    const { tree, file } = parse('`a`__ `b`__\n\n__ https://a.org/\n')
    expect(all<Link>(tree, 'link').map((link) => [link.url, link.data?.unresolved])).toEqual([
      ['', true],
      ['', true],
    ])
    expect(messageList(file)).toEqual(['1:1 anonymous-mismatch'])
  })

  it('back-to-back anonymous targets chain, without an unindent warning', () => {
    const { tree, file } = parse('`a`__ `b`__\n\n__\n__ https://b.org/\n')
    expect(all<Link>(tree, 'link').map((link) => link.url)).toEqual(['https://b.org/', 'https://b.org/'])
    expect(file.messages).toEqual([])
  })
})

describe('names and targets', () => {
  it('footnote numbers, footnote labels and citations are names', () => {
    const { tree, file } = parse('`4`_ note_ CIT_\n\n.. [4] Four.\n.. [#note] Note.\n.. [CIT] Cited.\n')
    expect(all<Link>(tree, 'link').map((link) => link.url)).toEqual(['#footnote-4', '#footnote-1', '#citation-cit'])
    expect(file.messages).toEqual([])
  })

  it('takes escapes in target URIs and reads `a:b_` as a name', () => {
    const { tree } = parse('x__ y_\n\n__ A:DOS\\\\path\\\\\n\n.. _y: a:b_\n\n.. _a:b: https://ab.org/\n')
    expect(all<Link>(tree, 'link').map((link) => link.url)).toEqual(['A:DOS\\path\\', 'https://ab.org/'])
  })

  it('matches a numbered footnote reference by name, not by an auto-number', () => {
    const { tree } = parse('[1]_ [#n]_ [2]_\n\n.. [#n] Labelled, numbered 1.\n.. [#] Anonymous, numbered 2.\n')
    expect(all<FootnoteReference>(tree, 'footnoteReference').map((node) => node.data?.unresolved ?? false)).toEqual([true, false, false])
  })

  it('marks what nothing defines', () => {
    const { tree } = parse('nowhere_ and |nothing|\n')
    expect(all<Link>(tree, 'link')[0].data?.unresolved).toBe(true)
    expect(all<RootContent>(tree, 'substitutionReference')[0].data).toEqual({ unresolved: true })
  })
})

describe('inline markup', () => {
  it('starts markup after an escaped space', () => {
    const paragraph = parse('x\\ **bold** and ``a``\\ *b*\n').tree.children[0] as Paragraph
    expect(paragraph.children.map((node) => node.type)).toEqual(['text', 'strong', 'text', 'inlineCode', 'emphasis'])
  })

  it('ends an inline literal at a backslash', () => {
    const paragraph = parse('``\\`` ok ``x``\n').tree.children[0] as Paragraph
    expect(all<InlineCode>(paragraph, 'inlineCode').map((node) => node.value)).toEqual(['\\', 'x'])
  })

  it('keeps backslashes in math and code roles only', () => {
    const paragraph = parse(':math:`\\alpha` :code:`a\\b` :literal:`c\\d`\n').tree.children[0] as Paragraph
    expect((paragraph.children[0] as Role).children).toEqual([expect.objectContaining({ value: '\\alpha' })])
    expect(all<InlineCode>(paragraph, 'inlineCode').map((node) => node.value)).toEqual(['a\\b', 'cd'])
  })

  it('ends a bare URL where docutils does', () => {
    const { tree } = parse('http://x.org/a^b http://x.org/c{d} http://x.org/e\\\\f mail me@x.org.\n')
    expect(all<Link>(tree, 'link').map((link) => link.url)).toEqual(['http://x.org', 'http://x.org', 'http://x.org/e', 'mailto:me@x.org'])
  })
})

describe('custom roles', () => {
  it('defines roles on a base, class-only roles, and refuses raw ones', () => {
    const source = '.. role:: custom(literal)\n.. role:: special\n.. role:: raw-html(raw)\n   :format: html\n\n:custom:`a` :special:`b` :raw-html:`<b>c</b>`\n'
    const { tree, file } = parse(source)
    const paragraph = tree.children.find((node) => node.type === 'paragraph') as Paragraph
    expect(paragraph.children[0]).toMatchObject({ type: 'inlineCode', value: 'a', data: { hProperties: { className: ['custom'] } } })
    expect(paragraph.children[2]).toMatchObject({ type: 'role', name: 'inline', data: { role: 'special', classes: ['special'] } })
    expect(paragraph.children[4]).toMatchObject({ type: 'role', name: 'raw', data: { refused: true, role: 'raw-html' } })
    expect(messageList(file)).toEqual(['6:26 raw-disabled'])
  })

  it('changes and restores the default role', () => {
    const { tree } = parse('.. default-role:: literal\n\n`a`\n\n.. default-role::\n\n`b`\n')
    const [first, second] = tree.children.filter((node) => node.type === 'paragraph') as Paragraph[]
    expect(first.children[0]).toMatchObject({ type: 'inlineCode', value: 'a' })
    expect(second.children[0]).toMatchObject({ type: 'role', name: 'title-reference' })
  })

  it('renders a refused raw role as escaped text, never as HTML', async () => {
    const out = await html('.. role:: raw-html(raw)\n   :format: html\n\n:raw-html:`<script>alert(1)</script>`\n')
    expect(out).not.toContain('<script')
    expect(out).toContain('&#x3C;script>')
  })

  it('gives an html node for a raw role only when raw HTML is allowed', async () => {
    const tree = fromRst('.. role:: raw-html(raw)\n   :format: html\n\n:raw-html:`<b>x</b>`\n', null, { allowRaw: true })
    const paragraph = tree.children.find((node) => node.type === 'paragraph') as Paragraph
    expect(paragraph.children[0]).toMatchObject({ type: 'html', value: '<b>x</b>' })
  })
})

describe('sections, directives and links in HTML', () => {
  it('keeps the level of sections deeper than six', () => {
    const styles = ['=', '-', '~', '^', '"', "'", '`', '+']
    const source = styles.map((c, k) => `T${k + 1}\n${c.repeat(2)}\n`).join('\n')
    const headings = all<Heading>(parse(source).tree, 'heading')
    expect(headings.map((h) => [h.depth, h.data?.level])).toEqual([
      [1, undefined], [2, undefined], [3, undefined], [4, undefined], [5, undefined], [6, undefined], [6, 7], [6, 8],
    ])
  })

  it('resolves an image target and links the image', async () => {
    const { tree } = parse('Sec\n===\n\n.. image:: a.png\n   :target: Sec_\n')
    expect((tree.children[1] as Directive).data).toEqual({ url: '#sec' })
    expect(await html('.. image:: a.png\n   :target: https://x.org/\n')).toBe('<a href="https://x.org/"><img src="a.png" alt=""></a>')
  })

  it('keeps a parsed-literal laid out, with working links', async () => {
    const source = '.. parsed-literal::\n\n   a *b*\n     see x_\n\n.. _x: https://x.org/\n'
    const code = parse(source).tree.children[0] as Code
    expect(code.value).toBe('a b\n  see x')
    expect(await html(source)).toContain('<pre class="parsed-literal"><code>a <em>b</em>\n  see <a href="https://x.org/">x</a></code></pre>')
  })

  it('numbers the lines of `code` with :number-lines:', async () => {
    const source = '.. code::\n   :number-lines: 9\n\n   a\n   b\n'
    expect((parse(source).tree.children[0] as Code).data).toEqual({ kind: 'code-block', numberLines: 9 })
    expect(await html(source)).toBe('<pre><code><span class="ln"> 9 </span>a\n<span class="ln">10 </span>b</code></pre>')
  })

  it('drops `only` content an HTML build leaves out', async () => {
    const source = '.. only:: subproject and html\n\n   Indices\n   =======\n\n.. only:: html\n\n   Kept.\n'
    const [left, kept] = parse(source).tree.children as Directive[]
    expect(left).toMatchObject({ name: 'only', children: [], data: { excluded: true } })
    expect(kept.children).toHaveLength(1)
    expect(await html(source)).toBe('<div class="only" data-only="html"><p>Kept.</p></div>')
  })

  it('evaluates only expressions as Sphinx does', () => {
    const tags = new Set(['html', 'format_html', 'builder_html'])
    expect(evaluateOnly('html', tags)).toBe(true)
    expect(evaluateOnly('subproject and html', tags)).toBe(false)
    expect(evaluateOnly('not latex and (html or epub)', tags)).toBe(true)
    expect(evaluateOnly('html and', tags)).toBeUndefined()
    expect(evaluateOnly('(html', tags)).toBeUndefined()
  })

  it('never lets a javascript: URL become a live link', async () => {
    // docutils links the `javascript` scheme too; the sanitiser drops such hrefs.
    const source = 'Click javascript:alert(1), `me <javascript:alert(2)>`__ or x_.\n\n.. _x: javascript:alert(3)\n\n.. image:: a.png\n   :target: javascript:alert(4)\n'
    const { tree } = parse(source)
    expect(all<Link>(tree, 'link').map((link) => link.url)).toEqual(['javascript:alert(1', 'javascript:alert(2)', 'javascript:alert(3)'])
    expect(await html(source)).not.toMatch(/href="?javascript:/i)
  })

  it('reads an escaped colon in a field name', () => {
    expect(parse(':file\\:line: x\n').tree.children[0]).toMatchObject({ type: 'fieldList', children: [{ name: 'file:line' }] })
  })
})
