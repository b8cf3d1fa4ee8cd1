/** HTML from the reST-only nodes, through remark-rehype with `rstToHastHandlers` and the sanitiser. */
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { rstParse, rstToHastHandlers } from '../../plugins/rst-parse/index.ts'
import { rstSanitizeSchema } from '../../plugins/rst-parse/lib/sanitize-schema.ts'

/** Render reST to sanitised HTML. */
async function html(value: string): Promise<string> {
  const file = await unified()
    .use(rstParse)
    .use(remarkRehype, { handlers: rstToHastHandlers })
    .use(rehypeSanitize, rstSanitizeSchema)
    .use(rehypeStringify)
    .process(value)
  return String(file.value)
}

describe('to-hast handlers', () => {
  it('admonitions', async () => {
    expect(await html('.. note:: Be careful.\n')).toBe('<div class="admonition note"><p class="admonition-title">Note</p><p>Be careful.</p></div>')
    expect(await html('.. admonition:: My Title\n\n   Body.\n')).toBe(
      '<div class="admonition admonition-my-title"><p class="admonition-title">My Title</p><p>Body.</p></div>',
    )
  })

  it('kernel-doc, unknown directives and C domain', async () => {
    expect(await html('.. kernel-doc:: mm/highmem.c\n   :export:\n')).toBe(
      '<aside class="kernel-doc"><p>API documentation extracted from <code>mm/highmem.c</code> (export)</p></aside>',
    )
    expect(await html('.. frob:: x\n\n   body\n')).toBe(
      '<div class="directive directive-frob directive-unknown"><p class="directive-title"><code>.. frob:: x</code></p><pre class="directive-content"><code>body</code></pre></div>',
    )
    expect(await html('.. c:function:: int f(void)\n\n   Does f.\n')).toBe('<dl class="c c-function"><dt class="sig"><code>int f(void)</code></dt><dd><p>Does f.</p></dd></dl>')
  })

  it('roles', async () => {
    expect(await html(':kbd:`C-c` :c:func:`f` :file:`a` `t` :ref:`x <lbl>` :sup:`2`\n')).toBe(
      '<p><kbd class="role role-kbd">C-c</kbd> <code class="role role-c-func xref">f()</code> <code class="role role-file">a</code> <cite>t</cite> <a href="#lbl" class="role role-ref reference internal">x</a> <sup>2</sup></p>',
    )
  })

  it('definition, field and option lists; line blocks', async () => {
    expect(await html('term : cls\n   Def.\n')).toBe('<dl><dt>term <span class="classifier">cls</span></dt><dd><p>Def.</p></dd></dl>')
    expect(await html(':Author: Me\n')).toBe('<dl class="field-list"><dt>Author</dt><dd><p>Me</p></dd></dl>')
    expect(await html('-a  All.\n')).toBe('<dl class="option-list"><dt><kbd>-a</kbd></dt><dd><p>All.</p></dd></dl>')
    expect(await html('| a\n|    b\n')).toBe('<div class="line-block"><div class="line">a</div><div class="line-block"><div class="line">b</div></div></div>')
  })

  it('comments render nothing, targets an anchor', async () => {
    expect(await html('.. a comment\n\n.. _here:\n\nText.\n')).toBe('<span id="here" class="target"></span>\n<p>Text.</p>')
  })

  it('tables with thead, tbody, colspan and rowspan', async () => {
    const out = await html('+---+---+\n| A | B |\n+===+===+\n| a | b |\n+---+   |\n| c |   |\n+---+---+\n| wide  |\n+-------+\n')
    expect(out).toContain('<thead><tr><th><p>A</p></th><th><p>B</p></th></tr></thead>')
    expect(out).toContain('<td rowspan="2"><p>b</p></td>')
    expect(out).toContain('<td colspan="2"><p>wide</p></td>')
  })

  it('raw content is escaped, never passed through', async () => {
    const out = await html('.. raw:: html\n\n   <script>alert(1)</script>\n\n:raw:`<b>x</b>`\n')
    expect(out).toContain('&#x3C;script>alert(1)&#x3C;/script>')
    expect(out).not.toContain('<script')
    expect(out).not.toContain('<b>')
  })

  it('footnotes and citations in place', async () => {
    expect(await html('A [#]_.\n\n.. [#] Note.\n')).toBe(
      '<p>A <a class="footnote-reference" href="#footnote-1">[1]</a>.</p>\n<aside class="footnote" id="footnote-1"><span class="label">[1]</span><p>Note.</p></aside>',
    )
  })
})
