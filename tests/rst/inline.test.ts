/** Inline markup recognition rules (docutils' spec, section "Inline markup recognition rules"). */
import type { PhrasingContent } from 'mdast'
import { describe, expect, it } from 'vitest'
import { parse } from './helpers.ts'

/** Compact signature of the inline nodes of a one-paragraph document. */
function inline(value: string): string[] {
  const { tree } = parse(value)
  const paragraph = tree.children[0]
  if (!paragraph || paragraph.type !== 'paragraph') return []
  return paragraph.children.map(sig)
}

/** `type:text` of a phrasing node (with url/name where it matters). */
function sig(node: PhrasingContent): string {
  const text = node.type !== 'role' && 'value' in node && typeof node.value === 'string' ? node.value : 'children' in node ? (node.children as PhrasingContent[]).map((c) => ('value' in c ? c.value : '')).join('') : ''
  if (node.type === 'link') return `link:${text}->${node.url}`
  if (node.type === 'role') return `role:${node.name}:${text}${node.target ? `<${node.target}>` : ''}`
  if (node.type === 'footnoteReference') return `fnref:${node.identifier}`
  if (node.type === 'citationReference') return `citref:${node.label}`
  if (node.type === 'substitutionReference') return `sub:${node.name}`
  return `${node.type}:${text}`
}

describe('inline markup', () => {
  it('recognises the basic constructs', () => {
    expect(inline('*e* **s** ``l`` `t` _`tg` |s|\n\n.. |s| replace:: S\n')).toEqual([
      'emphasis:e', 'text: ', 'strong:s', 'text: ', 'inlineCode:l', 'text: ', 'role:title-reference:t', 'text: ', 'target:tg', 'text: ', 'sub:s',
    ])
  })

  it('needs whitespace or punctuation around start and end strings', () => {
    expect(inline('a*b*c 2 * 3 * 4')).toEqual(['text:a*b*c 2 * 3 * 4'])
    expect(inline('(*x*) "*y*" -*z*-')).toEqual(['text:(', 'emphasis:x', 'text:) "', 'emphasis:y', 'text:" -', 'emphasis:z', 'text:-'])
  })

  it('does not start markup quoted by matching brackets or quotes', () => {
    expect(inline('"*" (*) [*] \'*\' <*>')).toEqual(['text:"*" (*) [*] \'*\' <*>'])
  })

  it('honours backslash escapes', () => {
    expect(inline('\\*x\\* a\\ b \\\\')).toEqual(['text:*x* ab \\'])
    expect(inline('``\\*literal``')).toEqual(['inlineCode:\\*literal'])
  })

  it('takes the first valid end-string', () => {
    expect(inline('*a*b* c')).toEqual(['emphasis:a*b', 'text: c'])
    expect(inline('**a** **b**')).toEqual(['strong:a', 'text: ', 'strong:b'])
    expect(inline('``a``` b')).toEqual(['inlineCode:a`', 'text: b'])
  })

  it('references: named, anonymous, embedded, alias, standalone, e-mail', () => {
    expect(
      inline('a_ `b c`_ `d`__ `e <http://e.org/>`_ `f <a_>`_ https://x.org/y. me@x.org\n\n.. _a: http://a.org/\n.. _b c: http://b.org/\n__ http://d.org/\n'),
    ).toEqual([
      'link:a->http://a.org/', 'text: ', 'link:b c->http://b.org/', 'text: ', 'link:d->http://d.org/', 'text: ', 'link:e->http://e.org/', 'text: ',
      'link:f->http://a.org/', 'text: ', 'link:https://x.org/y->https://x.org/y', 'text:. ', 'link:me@x.org->mailto:me@x.org',
    ])
  })

  it('footnote and citation references', () => {
    expect(inline('x [1]_ [#]_ [#n]_ [*]_ [CIT]_\n\n.. [1] a\n.. [#] b\n.. [#n] c\n.. [*] d\n.. [CIT] e\n')).toEqual([
      'text:x ', 'fnref:1', 'text: ', 'fnref:2', 'text: ', 'fnref:3', 'text: ', 'fnref:*1', 'text: ', 'citref:CIT',
    ])
  })

  it('roles in prefix and suffix form, with Sphinx titles', () => {
    expect(inline(':c:func:`kmap` `x`:sup: :ref:`Title <label>` :doc:`~a.b` :kbd:`C-c`')).toEqual([
      'role:c:func:kmap<kmap>', 'text: ', 'role:superscript:x', 'text: ', 'role:ref:Title<label>', 'text: ', 'role:doc:b<a.b>', 'text: ', 'role:kbd:C-c',
    ])
    expect(inline(':emphasis:`e` :strong:`s` :literal:`l` :code:`c`')).toEqual(['emphasis:e', 'text: ', 'strong:s', 'text: ', 'inlineCode:l', 'text: ', 'inlineCode:c'])
  })

  it('keeps positions of inline nodes in the source (tabs and lines)', () => {
    const { tree } = parse('- a\n  second *line*\n')
    const list = tree.children[0] as { children: Array<{ children: Array<{ children: PhrasingContent[] }> }> }
    const emphasis = list.children[0].children[0].children[1]
    expect(emphasis.position).toMatchObject({ start: { line: 2, column: 10, offset: 13 }, end: { line: 2, column: 16, offset: 19 } })
  })
})
