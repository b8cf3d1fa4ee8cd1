/**
 * Nothing a document (or a patch to it) says reaches the page as live
 * markup. The reST is written here; the output is parsed back as a browser
 * would and checked structurally.
 */
import type { Element, Root } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import { describe, expect, it } from 'vitest'
import { idPattern } from '../../plugins/rehype-strata-sanitize/index.ts'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { renderFragment, renderVersion } from '../../src/render/render.ts'
import { elements, parse, text } from './helpers.ts'

const hostile = `Evil document
=============

.. contents::

<script>alert('text')</script> and <img src=x onerror=alert(1)> in prose.

.. raw:: html

   <script>alert('raw')</script>
   <iframe src="javascript:alert(2)"></iframe>
   <object data="javascript:alert(2)"></object>

Links: \`x <javascript:alert(1)>\`_, \`y <JaVaScRiPt:alert(1)>\`_,
\`d <data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>\`_,
\`v <vbscript:msgbox(1)>\`_, \`t <  javascript:alert(1)>\`_, \`ok <https://kernel.org/>\`_,
\`rel <../other/>\`_, \`mail <mailto:a@example.org>\`_, evil_ and :doc:\`z <javascript:alert(7)>\`.

.. _evil: javascript:alert(5)

Inline \`\`<a href="x" onerror="alert(1)">\`\` literal and \`\`onload=alert(1)\`\`.

::

   <img src=x onerror=alert(1)>
   <script>alert(3)</script>

\\_\\_proto\\_\\_
-------------

location
--------

\`\`__proto__\`\`
-------------

constructor
-----------

.. image:: javascript:alert(4)

.. figure:: data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+

   caption

.. |sub| replace:: <svg onload=alert(6)>

|sub| and :c:func:\`kmap\`.

.. note:: <b onmouseover=alert(8)>note</b>

.. class:: deprecation-banner api-deprecated

   A paragraph that asks for Strata's own classes.

.. code-block:: html

   <script>alert(9)</script>
`

const allowed = /^(?:https?:|mailto:)/

/** Whether a URL is http(s), mailto or relative (no scheme before the first `/`, `?` or `#`). */
function safeUrl(url: string): boolean {
  const colon = url.indexOf(':')
  if (colon < 0) return true
  const first = Math.min(...['/', '?', '#'].map((mark) => (url.includes(mark) ? url.indexOf(mark) : Infinity)))
  return colon > first || allowed.test(url)
}

/** Every way a page could run script, found structurally. */
function liveMarkup(tree: Root): string[] {
  const problems: string[] = []
  for (const node of elements(tree)) {
    if (['script', 'iframe', 'object', 'embed', 'style', 'svg', 'math', 'template', 'frame', 'base', 'form', 'input', 'meta', 'link'].includes(node.tagName)) {
      problems.push(`<${node.tagName}>`)
    }
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key)) problems.push(`${node.tagName}[${key}]`)
      if (key === 'style' || key === 'name' || key === 'srcDoc' || key === 'formAction') problems.push(`${node.tagName}[${key}]`)
      if (['href', 'src', 'cite', 'action', 'data', 'poster', 'background', 'longDesc', 'xLinkHref'].includes(key) && !safeUrl(String(value))) {
        problems.push(`${node.tagName}[${key}=${String(value)}]`)
      }
    }
  }
  return problems
}

const render = (tree: MdastRoot) => renderVersion({ tree, records: [], document: 'test/doc', version: 'v1' })

describe('hostile reST', () => {
  for (const allowRaw of [false, true]) {
    it(`renders nothing live${allowRaw ? ' even when the parser passes raw HTML through' : ''}`, () => {
      const { html } = render(fromRst(hostile, null, { allowRaw }))
      const page = parse(html)
      expect(liveMarkup(page)).toEqual([])
      // The hostile text is still there, as text: nothing was silently lost.
      expect(text(page)).toContain("<script>alert('text')</script>")
      expect(text(page)).toContain('<img src=x onerror=alert(1)>')
      expect(text(page)).toContain('<a href="x" onerror="alert(1)">')
    })
  }

  it('keeps allowed links and drops the href of every other scheme', () => {
    const page = parse(render(fromRst(hostile)).html)
    const links = new Map(elements(page).filter((node) => node.tagName === 'a').map((node) => [text(node), node.properties.href]))
    expect(links.get('ok')).toBe('https://kernel.org/')
    expect(links.get('rel')).toBe('../other/')
    expect(links.get('mail')).toBe('mailto:a@example.org')
    for (const name of ['x', 'y', 'd', 'v', 't', 'evil', 'z']) expect(links.get(name), name).toBeUndefined()
    for (const image of elements(page).filter((node) => node.tagName === 'img')) expect(image.properties.src).toBeUndefined()
  })

  it('keeps literal blocks verbatim, as text', () => {
    const page = parse(render(fromRst(hostile)).html)
    const pres = elements(page).filter((node) => node.tagName === 'pre').map((node) => text(node))
    expect(pres).toContain('<img src=x onerror=alert(1)>\n<script>alert(3)</script>\n')
  })

  it('does not let content take Strata\'s own classes', () => {
    const page = parse(render(fromRst(hostile)).html)
    const taken = elements(page).filter((node) => {
      const value = node.properties.className
      return Array.isArray(value) && value.some((name) => ['deprecation-banner', 'api-deprecated', 'api', 'legacy', 'toc'].includes(String(name))) && node.tagName !== 'nav'
    })
    expect(taken).toEqual([])
  })

  it('gives headings named like object properties plain ids, linked from the table of contents, without polluting prototypes', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort()
    const rendered = render(fromRst(hostile))
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const page = parse(rendered.html)
    const headings = elements(page).filter((node) => /^h[1-6]$/.test(node.tagName))
    expect(headings.map(text)).toEqual(['Evil document', '__proto__', 'location', '__proto__', 'constructor'])
    const ids = headings.map((node) => String(node.properties.id))
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(idPattern)
    const nav = elements(page).find((node) => node.tagName === 'nav')!
    expect(elements(nav).filter((node) => node.tagName === 'a').map((node) => String(node.properties.href).slice(1))).toEqual(ids.slice(1))
    expect(rendered.headings.map((heading) => heading.id)).toEqual(ids)
  })
})

describe('hostile trees', () => {
  // The sanitizer is the last line: even a tree that asks for live markup
  // through hName/hProperties (a bug in a plugin, a crafted cache) gets none.
  const crafted: MdastRoot = {
    type: 'root',
    children: [
      { type: 'paragraph', data: { hName: 'script' }, children: [{ type: 'text', value: 'alert(1)' }] },
      { type: 'paragraph', data: { hProperties: { onClick: 'alert(1)', style: 'color:red', name: 'location', id: 'Astro' } }, children: [{ type: 'text', value: 'x' }] },
      { type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', value: 'y' }] }] },
      { type: 'paragraph', data: { hName: 'iframe', hProperties: { src: 'https://example.org/' } }, children: [] },
      { type: 'html', value: '<script>alert(2)</script>' },
    ],
  }

  it('renderVersion strips them', () => {
    const page = parse(render(crafted).html)
    expect(liveMarkup(page)).toEqual([])
    // Mixed-case ids could shadow the site's globals (`window.Astro`): dropped.
    expect(elements(page).map((node) => node.properties.id).filter(Boolean)).toEqual([])
    expect(text(page)).not.toContain('alert(2)')
  })

  it('renderFragment strips them too', () => {
    const page = parse(renderFragment(crafted.children))
    expect(liveMarkup(page)).toEqual([])
  })
})
