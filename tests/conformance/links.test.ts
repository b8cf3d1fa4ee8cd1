/**
 * The link and warning halves of the harness: docutils' side and Strata's
 * give the same link list for the same text, a reference pointing one
 * anonymous target off is a difference, and a warning docutils does not
 * give is counted against the score. Needs docutils: fails without it.
 */
import { VFile } from 'vfile'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromRst } from '../../plugins/rst-parse/index.ts'
import { compareFile } from '../../scripts/conformance/compare-file.ts'
import { docutilsAvailable, docutilsOutlineOfText } from '../../scripts/conformance/docutils.ts'
import { mdastLinks } from '../../scripts/conformance/mdast-links.ts'
import type { AnyNode } from '../../scripts/conformance/mdast-outline.ts'
import type { FileOutline } from '../../scripts/conformance/outline.ts'
import { strataOutline } from '../../scripts/conformance/strata.ts'

const parse = (text: string, file: VFile) => fromRst(text, file) as unknown as AnyNode

const source = [
  'See `embedded <https://e.org/>`__, `first`__, `second`__, name_ and [1]_.',
  '',
  '__ https://one.org/',
  '__ https://two.org/',
  '',
  '.. _name: https://name.org/',
  '',
  '.. [1] A footnote.',
  '',
].join('\n')

describe('link comparison', () => {
  beforeAll(async () => {
    const available = await docutilsAvailable()
    expect(available.ok, available.ok ? '' : available.reason).toBe(true)
  })

  it('gives the same targets on both sides', async () => {
    const reference = await docutilsOutlineOfText(source)
    const ours = strataOutline(parse, source, 'x.rst')
    const targets = (outline: FileOutline) => (outline.links ?? []).map((link) => `${link.kind} ${link.text} => ${link.target}`)
    expect(targets(reference)).toEqual([
      'reference embedded => uri:https://e.org/',
      'reference first => uri:https://one.org/',
      'reference second => uri:https://two.org/',
      'reference name => uri:https://name.org/',
      'footnote_reference 1 => footnote#0',
    ])
    expect(targets(ours)).toEqual(targets(reference))
    expect(compareFile(reference, ours).score).toBe(100)
  })

  it('fails a run where anonymous references shift by one target', async () => {
    const reference = await docutilsOutlineOfText(source)
    const tree = parse(source, new VFile())
    // Shift as the old parser did: the embedded reference eats `__ https://one.org/`.
    const paragraph = tree.children![0]
    const links = paragraph.children!.filter((node) => node.type === 'link')
    links[1].url = 'https://two.org/'
    links[2].url = ''
    const ours = { ...strataOutline(parse, source, 'x.rst'), links: mdastLinks(tree) }
    const result = compareFile(reference, ours)
    expect(result.score).toBeLessThan(100)
    expect(result.links.matched).toBe(result.links.expected - 2)
  })

  it('counts a warning docutils does not give', async () => {
    const reference = await docutilsOutlineOfText(source)
    const ours = strataOutline(parse, source, 'x.rst')
    expect(ours.messages).toEqual([])
    const noisy = { ...ours, messages: [{ lines: [3], text: 'Anonymous hyperlink target ends without a blank line; unexpected unindent', rule: 'unexpected-unindent' }] }
    const result = compareFile(reference, noisy)
    expect(result.falseWarnings).toBe(1)
    expect(result.score).toBeLessThan(100)
  })

  it('accepts a warning docutils gives too', async () => {
    const text = 'A literal ``never closed.\n'
    const reference = await docutilsOutlineOfText(text)
    const ours = strataOutline(parse, text, 'x.rst')
    expect(ours.messages?.length).toBe(1)
    expect(compareFile(reference, ours).falseWarnings).toBe(0)
  })
})
