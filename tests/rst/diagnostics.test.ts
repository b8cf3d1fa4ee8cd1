/** Malformed input gives located warnings (as docutils' system messages) and a best-effort tree. */
import { describe, expect, it } from 'vitest'
import { messageList, parse } from './helpers.ts'

/** Messages of a document. */
function messages(value: string): string[] {
  return messageList(parse(value).file)
}

describe('diagnostics', () => {
  it('title underline too short', () => {
    expect(messages('Long title\n=====\n\nText.\n')).toEqual(['1:1 title-underline-short'])
    // Under four characters and shorter than the title: a paragraph, as docutils.
    const { tree, file } = parse('Title\n==\n')
    expect(file.messages).toEqual([])
    expect(tree.children.map((n) => n.type)).toEqual(['paragraph'])
  })

  it('overline and underline mismatch', () => {
    expect(messages('=====\nTitle\n-----\n')).toEqual(['1:1 title-adornment-mismatch'])
  })

  it('title level inconsistent', () => {
    expect(messages('A\n=\n\nB\n-\n\nC\n~\n\nD\n-\n\nE\n~\n\nF\n=\n\nG\n~\n')).toEqual(['19:1 title-level-inconsistent'])
  })

  it('unexpected indentation and unindent', () => {
    expect(messages('Para one\nline two\n    indented\n')).toEqual(['3:5 unexpected-indentation'])
    expect(messages('- item\nnot indented\n')).toEqual(['2:1 unexpected-unindent'])
    expect(messages('    quote\nback\n')).toEqual(['2:1 unexpected-unindent'])
  })

  it('unclosed inline markup, with the start-string located', () => {
    expect(messages('A *start and\nsome ``literal.\n')).toEqual(['1:3 inline-unclosed', '2:6 inline-unclosed'])
    expect(messages('`interpreted\n')).toEqual(['1:1 inline-unclosed'])
  })

  it('unknown directive and role stay in the tree', () => {
    const { tree, file } = parse('.. frob:: arg\n   :o: v\n\n   body\n\nSee :zork:`x`.\n')
    expect(messageList(file)).toEqual(['1:1 unknown-directive', '6:5 unknown-role'])
    expect(tree.children[0]).toMatchObject({ type: 'directive', name: 'frob', argument: 'arg', options: { o: 'v' }, value: 'body', data: { unknown: true } })
    expect(tree.children[1]).toMatchObject({ type: 'paragraph', children: [{ type: 'text' }, { type: 'role', name: 'zork', value: 'x', data: { unknown: true } }, { type: 'text' }] })
  })

  it('malformed tables are kept as literal blocks', () => {
    const { tree, file } = parse('+-----+-----+\n| a   | b\n+-----+-----+\n')
    expect(messageList(file)).toEqual(['1:1 malformed-table'])
    expect(tree.children[0]).toMatchObject({ type: 'code', value: '+-----+-----+\n| a   | b\n+-----+-----+' })
    expect(messages('=====  =====\na      b\n')).toEqual(['1:1 malformed-table'])
  })

  it('literal block expected', () => {
    expect(messages('Para::\n\nNot indented.\n')).toEqual(['1:1 literal-block-expected'])
  })

  it('raw and include are refused by default', () => {
    const { tree, file } = parse('.. raw:: html\n\n   <script>x</script>\n\n.. include:: ../../etc/passwd\n')
    expect(messageList(file)).toEqual(['1:1 raw-disabled', '5:1 include-refused'])
    expect(tree.children.map((n) => n.type)).toEqual(['directive', 'directive'])
  })

  it('unknown targets and substitutions', () => {
    expect(messages('See nowhere_ and |nothing|.\n')).toEqual(['1:18 unknown-substitution', '1:5 unknown-target'])
  })

  it('caps floods of one rule', () => {
    const { file } = parse('*a '.repeat(200))
    expect(file.messages.filter((m) => m.ruleId === 'inline-unclosed')).toHaveLength(50)
    expect(file.messages.filter((m) => m.ruleId === 'too-many-messages')).toHaveLength(1)
  })

  it('every message has a source and a place', () => {
    const { file } = parse('T\n==\n\n.. x::\n\n*a\n')
    for (const message of file.messages) {
      expect(message.source).toBe('strata:rst')
      expect(message.place).toBeDefined()
      expect(message.fatal).toBe(false)
    }
  })
})
