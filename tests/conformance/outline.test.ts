/**
 * The harness itself: outlines, alignment and reports on tiny hand-made
 * inputs. Each check proves a kind of difference is caught (a harness that
 * cannot fail is worthless) and that identical input scores 100.
 */
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { compareOutlines } from '../../scripts/conformance/compare.ts'
import { docutilsAvailable, docutilsOutlineOfText } from '../../scripts/conformance/docutils.ts'
import { mdastOutline, type AnyNode } from '../../scripts/conformance/mdast-outline.ts'
import { blockKey, fold, type OutlineBlock } from '../../scripts/conformance/outline.ts'
import { formatDifference } from '../../scripts/conformance/report.ts'

/** A paragraph node with plain text. */
const paragraph = (text: string, line = 1): AnyNode => ({
  type: 'paragraph',
  children: [{ type: 'text', value: text }],
  position: { start: { line } },
})
const heading = (depth: number, text: string, line = 1): AnyNode => ({
  type: 'heading',
  depth,
  children: [{ type: 'text', value: text }],
  position: { start: { line } },
})
const root = (...children: AnyNode[]): AnyNode => ({ type: 'root', children })

/** docutils' outline of `Title / ===== / text / Sub / --- / para:: / literal`. */
const expected: OutlineBlock[] = [
  { type: 'section', depth: 0, text: 'Title', attrs: { level: 1 }, line: 1 },
  { type: 'paragraph', depth: 1, text: 'Intro text.', line: 4 },
  { type: 'section', depth: 1, text: 'Sub', attrs: { level: 2 }, line: 6 },
  { type: 'paragraph', depth: 2, text: 'Example:', line: 9 },
  { type: 'literal_block', depth: 2, text: 'int x;\n  return x;', line: 11 },
]

/** The matching mdast. */
const tree = (overrides: { subDepth?: number; literal?: string; dropIntro?: boolean } = {}) =>
  root(
    heading(1, 'Title', 1),
    ...(overrides.dropIntro ? [] : [paragraph('Intro\n text.', 4)]),
    heading(overrides.subDepth ?? 2, 'Sub', 6),
    paragraph('Example:', 9),
    { type: 'code', value: overrides.literal ?? 'int x;\n  return x;', position: { start: { line: 11 } } },
  )

describe('fold and keys', () => {
  it('folds whitespace like Python `\\s+`', () => {
    expect(fold('  a\n\t b\u00a0 c  ')).toBe('a b c')
    expect(fold('a\ufeffb')).toBe('a\ufeffb')
  })
  it('ignores attribute order and line numbers in keys', () => {
    const a: OutlineBlock = { type: 't', depth: 0, attrs: { x: '1', y: '2' }, line: 1 }
    const b: OutlineBlock = { type: 't', depth: 0, attrs: { y: '2', x: '1' }, line: 9 }
    expect(blockKey(a)).toBe(blockKey(b))
  })
})

describe('mdastOutline', () => {
  it('rebuilds section nesting from heading depths', () => {
    expect(mdastOutline(tree(), 'x.rst').blocks).toEqual(expected)
  })
  it('closes sections on a shallower heading', () => {
    const blocks = mdastOutline(root(heading(1, 'A'), heading(2, 'B'), heading(3, 'C'), heading(2, 'D'), paragraph('p')), 'x').blocks
    expect(blocks.map((block) => [block.type, block.depth, block.text])).toEqual([
      ['section', 0, 'A'],
      ['section', 1, 'B'],
      ['section', 2, 'C'],
      ['section', 1, 'D'],
      ['paragraph', 2, 'p'],
    ])
  })
  it('records inline markup so emphasis and literal differ', () => {
    const withEmphasis = root({ type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: 'x' }] }] })
    const withCode = root({ type: 'paragraph', children: [{ type: 'inlineCode', value: 'x' }] })
    const a = mdastOutline(withEmphasis, 'x').blocks
    const b = mdastOutline(withCode, 'x').blocks
    expect(a[0].text).toBe(b[0].text)
    expect(compareOutlines(a, b).score).toBeLessThan(100)
  })
  it('maps roles, substitutions and footnotes to docutils names', () => {
    const blocks = mdastOutline(
      root({
        type: 'paragraph',
        children: [
          { type: 'role', name: 'c:func', value: 'kmalloc', children: [{ type: 'text', value: 'kmalloc' }] },
          { type: 'text', value: ' ' },
          { type: 'role', name: 'title-reference', value: 't', children: [{ type: 'text', value: 't' }] },
          { type: 'text', value: ' ' },
          { type: 'substitutionReference', name: 's', children: [{ type: 'text', value: 'resolved' }] },
          { type: 'footnoteReference', identifier: '1', label: '1' },
        ],
      }),
      'x',
    ).blocks
    expect(blocks[0]).toMatchObject({
      text: 'kmalloc t |s|[1]',
      attrs: { inline: ['role:c:func:kmalloc', 'title_reference:t', 'substitution_reference:s', 'footnote_reference:1'] },
    })
  })
})

describe('compareOutlines', () => {
  it('scores identical outlines 100 with no differences', () => {
    const result = compareOutlines(expected, mdastOutline(tree(), 'x').blocks)
    expect(result).toMatchObject({ matched: 5, extra: 0, share: 100, score: 100, differences: [] })
  })

  it('detects a missing block', () => {
    const result = compareOutlines(expected, mdastOutline(tree({ dropIntro: true }), 'x').blocks)
    expect(result.score).toBeLessThan(100)
    expect(result.differences).toEqual([{ kind: 'missing', expected: expected[1], index: 1 }])
    expect(formatDifference('x.rst', result.differences[0])).toBe('x.rst:4: expected paragraph@1 "Intro text." got nothing')
  })

  it('detects a wrong heading level', () => {
    const actual = mdastOutline(tree({ subDepth: 3 }), 'x').blocks
    const result = compareOutlines(expected, actual)
    expect(result.score).toBeLessThan(100)
    expect(result.differences[0]).toMatchObject({ kind: 'changed', expected: expected[2], actual: { attrs: { level: 3 } } })
    expect(formatDifference('x.rst', result.differences[0])).toBe(
      'x.rst:6: expected section "Sub" {level: 2} got section "Sub" {level: 3}',
    )
  })

  it('detects a changed literal text, even whitespace', () => {
    const result = compareOutlines(expected, mdastOutline(tree({ literal: 'int x;\n return x;' }), 'x').blocks)
    expect(result.score).toBeLessThan(100)
    expect(result.differences).toHaveLength(1)
    expect(result.differences[0]).toMatchObject({ kind: 'changed', expected: expected[4] })
    expect(formatDifference('x.rst', result.differences[0])).toContain('expected literal_block "int x;\\n  return x;" got literal_block')
  })

  it('counts extra blocks against the score', () => {
    const result = compareOutlines(expected, [...expected, { type: 'paragraph', depth: 2, text: 'junk' }])
    expect(result.share).toBe(100)
    expect(result.score).toBeLessThan(100)
    expect(result.differences).toEqual([{ kind: 'extra', actual: { type: 'paragraph', depth: 2, text: 'junk' }, index: 5 }])
  })

  it('pairs a block that changed type with its replacement', () => {
    const actual = expected.map((block, i) => (i === 1 ? { ...block, type: 'block_quote', text: undefined } : block))
    const result = compareOutlines(expected, actual)
    expect(result.differences).toHaveLength(1)
    expect(formatDifference('x.rst', result.differences[0])).toMatch(/expected paragraph "Intro text\." got block_quote/)
  })
})

const docutils = await docutilsAvailable()

/** These tests need docutils: without it they fail (a skipped test in CI is a failure). */
const needDocutils = () => expect(docutils.ok, docutils.ok ? '' : docutils.reason).toBe(true)

describe('docutils driver', () => {
  beforeAll(needDocutils)
  const source = 'Title\n=====\n\nIntro\ntext.\n\nSub\n---\n\nExample::\n\n  int x;\n    return x;\n'

  it('prints the outline docutils parses, agreeing with the mdast side', async () => {
    const outline = await docutilsOutlineOfText(source)
    expect(outline.blocks.map(({ line: _line, ...block }) => block)).toEqual(
      expected.map(({ line: _line, ...block }) => block),
    )
    expect(compareOutlines(outline.blocks, mdastOutline(tree(), 'x').blocks).score).toBe(100)
  })

  it('records Sphinx and kernel directives and roles generically', async () => {
    const outline = await docutilsOutlineOfText(
      '.. kernel-doc:: include/linux/mm.h\n   :export:\n\nSee :c:func:`kmalloc` and :ref:`the doc <label>`.\n\n.. note::\n\n   Careful.\n',
    )
    expect(outline.blocks.map(({ line: _line, ...block }) => block)).toEqual([
      { type: 'directive', depth: 0, attrs: { name: 'kernel-doc', argument: 'include/linux/mm.h', options: { export: '' } } },
      {
        type: 'paragraph',
        depth: 0,
        text: 'See kmalloc and the doc.',
        attrs: { inline: ['role:c:func:kmalloc', 'role:ref:the doc'] },
      },
      { type: 'admonition', depth: 0, attrs: { kind: 'note' } },
      { type: 'paragraph', depth: 1, text: 'Careful.' },
    ])
  })
})

/** Phrasing helpers for the contract tree below. */
const t = (value: string): AnyNode => ({ type: 'text', value })
const p = (...children: AnyNode[]): AnyNode => ({ type: 'paragraph', children })
const item = (...children: AnyNode[]): AnyNode => ({ type: 'listItem', children })
const cell = (text: string, data?: Record<string, unknown>): AnyNode => ({ type: 'tableCell', data, children: [p(t(text))] })

/**
 * `fixtures/contract-sample.rst` as CONTRACT.md says the parser gives it,
 * written by hand: if docutils' outline of the file and the outline of this
 * tree differ, the two sides' normalisations disagree and the harness would
 * blame the parser for its own mistake.
 */
const contractTree = root(
  { type: 'target', identifier: 'top', label: 'top', children: [] },
  heading(1, 'Title'),
  {
    type: 'list',
    ordered: true,
    start: 1,
    data: { enumtype: 'arabic', prefix: '', suffix: '.' },
    children: [
      item(p(t('one'))),
      item(p(t('two')), {
        type: 'list',
        ordered: true,
        start: 1,
        data: { enumtype: 'loweralpha', prefix: '', suffix: ')' },
        children: [item(p(t('nested')))],
      }),
    ],
  },
  {
    type: 'definitionList',
    children: [
      {
        type: 'definitionListItem',
        children: [
          { type: 'definitionTerm', children: [t('Term')] },
          { type: 'classifier', children: [t('class')] },
          {
            type: 'definitionDescription',
            children: [
              p(t('Definition with '), { type: 'inlineCode', value: 'code' }, t(' and '), { type: 'emphasis', children: [t('emph')] }, t('.')),
            ],
          },
        ],
      },
    ],
  },
  {
    type: 'fieldList',
    children: [
      { type: 'field', name: 'Author', children: [p(t('Me'))] },
      { type: 'field', name: 'Version', children: [p(t('1'))] },
    ],
  },
  { type: 'optionList', children: [{ type: 'optionListItem', options: ['-a', '--all=FILE'], children: [p(t('Show all.'))] }] },
  { type: 'admonition', kind: 'note', children: [p(t('Careful.'))] },
  {
    type: 'table',
    children: [
      { type: 'tableRow', data: { header: true }, children: [cell('h1'), cell('h2')] },
      { type: 'tableRow', children: [cell('a', { colspan: 2 })] },
      { type: 'tableRow', children: [cell('b'), cell('c')] },
    ],
  },
  { type: 'code', lang: 'c', value: 'int x;', data: { kind: 'code-block' } },
  { type: 'directive', name: 'toctree', argument: '', options: { maxdepth: '1' }, value: 'intro', children: [] },
  { type: 'thematicBreak' },
  p(
    t('See '),
    { type: 'link', url: 'https://example.org', children: [t('link')] },
    t(' and '),
    { type: 'substitutionReference', name: 'sub', children: [t('substitute')] },
    t('.'),
  ),
  { type: 'substitutionDefinition', name: 'sub', children: [t('substitute')] },
  { type: 'lineBlock', children: [{ type: 'line', children: [t('line one')] }, { type: 'line', children: [t('line two')] }] },
  { type: 'blockquote', children: [p(t('Quoted.')), { type: 'attribution', children: [t('Someone')] }] },
)

describe('the two sides agree on a contract-conformant tree', () => {
  beforeAll(needDocutils)
  it('scores the hand-written contract tree 100 against docutils', async () => {
    const source = await readFile(new URL('./fixtures/contract-sample.rst', import.meta.url), 'utf8')
    const reference = await docutilsOutlineOfText(source)
    const result = compareOutlines(reference.blocks, mdastOutline(contractTree, 'contract-sample.rst').blocks)
    expect(result.differences.map((difference) => formatDifference('contract-sample.rst', difference))).toEqual([])
    expect(result.score).toBe(100)
  })
})
