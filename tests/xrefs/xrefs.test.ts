import { describe, expect, it } from 'vitest'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { collectXrefs } from '../../plugins/remark-xrefs/index.ts'
import { renderVersion } from '../../src/render/render.ts'

const a = fromRst(['Document A', '==========', '', '.. _sysfs_interface:', '', 'Sysfs Interface', '---------------', '', 'Text.', ''].join('\n'))
const b = fromRst(
  [
    'Document B',
    '==========',
    '',
    'See :ref:`sysfs_interface`, :ref:`the files <sysfs_interface>`,',
    ':doc:`a`, :doc:`/mm/damon/a` and :ref:`nowhere`.',
    '',
  ].join('\n'),
)
const index = collectXrefs([
  { document: 'mm/damon/a', path: 'Documentation/mm/damon/a.rst', tree: a },
  { document: 'mm/damon/b', path: 'Documentation/mm/damon/b.rst', tree: b },
])

describe('cross-document references', () => {
  it('index labels with the section they stand before, and document paths', () => {
    expect(index.labels['sysfs_interface']).toEqual({ document: 'mm/damon/a', anchor: 'sysfs-interface', title: 'Sysfs Interface' })
    expect(index.documents['Documentation/mm/damon/a']).toBe('mm/damon/a')
  })

  it('resolve :ref: and :doc: across documents and warn, without a link, for what resolves nowhere', () => {
    const { html, messages } = renderVersion({
      tree: b,
      records: [],
      document: 'mm/damon/b',
      version: 'v1',
      xrefs: { index, path: 'Documentation/mm/damon/b.rst', versionOf: () => 'v1' },
    })
    expect(html).toContain('<a href="/docs/mm/damon/a/v1/#sysfs-interface" class="reference internal">Sysfs Interface</a>')
    expect(html).toContain('<a href="/docs/mm/damon/a/v1/#sysfs-interface" class="reference internal">the files</a>')
    expect(html.match(/<a href="\/docs\/mm\/damon\/a\/v1\/" class="reference internal">/g)).toHaveLength(2)
    expect(html).toContain('<em class="xref-unresolved">nowhere</em>')
    expect(messages).toEqual(['5:34: unresolved reference `nowhere`'])
  })

  it('link a label in the same document to its anchor on the page', () => {
    const own = fromRst(['.. _here:', '', 'Here', '====', '', 'Back to :ref:`here`.', ''].join('\n'))
    const { html } = renderVersion({ tree: own, records: [], document: 'x', version: 'v1', xrefs: { index: collectXrefs([{ document: 'x', path: 'Documentation/x.rst', tree: own }]), path: 'Documentation/x.rst', versionOf: () => 'v1' } })
    expect(html).toContain('<a href="#here" class="reference internal">Here</a>')
    expect(html).toContain('id="here"')
  })
})
