/**
 * Archive text at the information limit: edits of real corpus documents,
 * sent as git format-patch mails and mangled as a web archive shows them.
 * Where the rebuild rules guess wrong, the blob the patch's `index` line
 * names settles it; where no blob is known the rules' best guess stays.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { applyToDocument, type ApplyOptions } from '../../src/ingest/apply/index.ts'
import { searchBlob } from '../../src/ingest/apply/rebuild/search.ts'
import { readPatches } from '../../src/ingest/read/index.ts'
import { toArchiveText } from '../helpers/archive.ts'
import { formatPatch, hashObject } from '../helpers/git.ts'
import { shared } from '../helpers/paths.ts'

const docs = path.join(shared, 'corpus/linux-docs')

/** Edit a corpus document, mail the change, mangle it, and apply the archive text to the original. */
async function roundTrip(name: string, edit: (text: string) => string, options: { index?: boolean; blob?: string; apply?: ApplyOptions } = {}) {
  const base = readFileSync(path.join(docs, name), 'utf8')
  const after = edit(base)
  expect(after).not.toBe(base)
  let mail = formatPatch({ [name]: base }, { [name]: after }, 'docs: an edit')
  if (options.index === false) mail = mail.replace(/^index .*\n/m, '')
  if (options.blob) mail = mail.replace(/^(index [0-9a-f]+\.\.)[0-9a-f]+/m, `$1${options.blob}`)
  const file = new VFile({ path: 'archive.txt', value: toArchiveText(mail) })
  const result = applyToDocument(base, name, await readPatches(file), file, options.apply)
  return { after, result: result!, messages: file.messages.map(String) }
}

/** The lines where two texts differ, 1-based. */
function differing(a: string, b: string): number[] {
  const left = a.split('\n')
  const right = b.split('\n')
  return left.flatMap((line, index) => (line === right[index] ? [] : [index + 1]))
}

describe('the blob settles what the rules guess wrong', () => {
  const checklist = 'Documentation/RCU/checklist.rst'
  const tabbed = (text: string) =>
    text.replace('1.\tDoes the update code have proper mutual exclusion?', '1.\tDoes the update code have proper mutual exclusion?  A new sentence\n\tcontinues here, indented by a tab as its siblings are.')

  it('tabs: a continuation line indented by a tab where the rules give eight spaces', async () => {
    const guess = await roundTrip(checklist, tabbed, { index: false })
    const [wrong] = differing(guess.after, guess.result.text)
    expect(guess.result.text.split('\n')[wrong - 1]).toBe('        continues here, indented by a tab as its siblings are.')
    const { after, result, messages } = await roundTrip(checklist, tabbed)
    expect(result.text).toBe(after)
    expect(result.reports[0].blob.verified).toBe(true)
    expect(result.reports[0].search).toMatchObject({ outcome: 'matched', inferred: [] })
    expect(result.reports[0].search.settled).toContain(wrong)
    expect(result.reports[0].hunks[0].inferred.find((line) => line.line === wrong)).toMatchObject({ settledByBlob: true, text: '\tcontinues here, indented by a tab as its siblings are.' })
    expect(messages).toEqual([])
  })

  const hmm = 'Documentation/mm/hmm.rst'
  const nested = (text: string) =>
    text.replace(
      'The usage pattern is::',
      [
        'A driver may retry a fault this way::',
        '',
        '    int driver_retry(struct hmm_range *range)',
        '    {',
        '      int ret;',
        '',
        '      do {',
        '        ret = hmm_range_fault(range);',
        '      } while (ret == -EBUSY);',
        '      return ret;',
        '    }',
        '',
        'The usage pattern is::',
      ].join('\n'),
    )

  it('nested code in a literal block: the block indents by four and nests by two, not as the rules guess', async () => {
    const guess = await roundTrip(hmm, nested, { index: false })
    expect(differing(guess.after, guess.result.text).length).toBeGreaterThan(0)
    expect(guess.messages).toEqual([])
    const { after, result } = await roundTrip(hmm, nested)
    expect(result.text).toBe(after)
    expect(result.reports[0].search.outcome).toBe('matched')
    expect(result.reports[0].search.settled).toHaveLength(8)
    // One choice of base and one of unit for the whole block: a handful of candidates, not 4^8.
    expect(result.reports[0].search.tried).toBeLessThan(40)
  })

  const seqFile = 'Documentation/filesystems/seq_file.rst'
  const sentences = (text: string) =>
    text.replace('which should be escaped in the output.  A call', 'which should be escaped in the output.  An added sentence is here.  Another one.  A call')

  it('sentence spacing: two spaces after a full stop in new text, where the rules give one', async () => {
    const guess = await roundTrip(seqFile, sentences, { index: false })
    const wrong = differing(guess.after, guess.result.text)
    expect(wrong).toHaveLength(1)
    expect(guess.result.text.split('\n')[wrong[0] - 1]).toContain('here. Another one.')
    const { after, result } = await roundTrip(seqFile, sentences)
    expect(result.text).toBe(after)
    expect(result.reports[0].search).toMatchObject({ outcome: 'matched', settled: wrong, inferred: [] })
  })
})

describe('the blob settles table padding', () => {
  const hmm = 'Documentation/mm/hmm.rst'
  const table = (text: string) =>
    text.replace(
      'The usage pattern is::',
      [
        '+--------------------+---------------------------+',
        '|  Flag              |  Meaning                  |',
        '+====================+===========================+',
        '|  HMM_PFN_VALID     |  the entry is valid       |',
        '+--------------------+---------------------------+',
        '|  HMM_PFN_WRITE     |  the page is writable     |',
        '+--------------------+---------------------------+',
        '',
        'The usage pattern is::',
      ].join('\n'),
    )

  it('cells whose text starts two columns in, where the rules give one', async () => {
    const guess = await roundTrip(hmm, table, { index: false })
    expect(guess.result.text).toContain('| Flag               | Meaning                   |')
    const { after, result } = await roundTrip(hmm, table)
    expect(result.text).toBe(after)
    expect(result.reports[0].search).toMatchObject({ outcome: 'matched', inferred: [] })
  })
})

describe('the rules alone, without an index line', () => {
  it('rebuild added C lines in a literal block in kernel style: tabs by brace depth, continuations aligned', async () => {
    const code = (text: string) =>
      text.replace(
        'A function producing complicated output may want to check::',
        [
          'An added example shows a whole show() function::',
          '',
          '\tstatic int ct_show(struct seq_file *s, void *v)',
          '\t{',
          '\t\tloff_t *spos = v;',
          '',
          '\t\tif (!spos)',
          '\t\t\treturn 0;',
          '\t\tseq_printf(s, "%lld\\n", (long long)*spos);',
          '\t\treturn seq_path_root(s, path, root,',
          '\t\t\t\t     "\\t\\n");',
          '\t}',
          '',
          'A function producing complicated output may want to check::',
        ].join('\n'),
      )
    const { after, result, messages } = await roundTrip('Documentation/filesystems/seq_file.rst', code, { index: false })
    expect(result.text).toBe(after)
    expect(messages).toEqual([])
    const rules = result.reports[0].hunks[0].inferred.map((line) => line.indent.rule)
    expect(rules).toContain('C code in a literal block: continuation aligned with its open parenthesis')
    expect(rules).toContain('C code in a literal block: brace depth 2, tabs as kernel style')
  })

  it('give a deeply nested continuation line the column of the construct it continues (a bullet in a field in a list-table cell)', async () => {
    const table = (text: string) =>
      text.replace(
        'The usage pattern is::',
        [
          '.. list-table:: Fault flags',
          '   :header-rows: 1',
          '',
          '   * - Flag',
          '     - Meaning',
          '   * - HMM_PFN_REQ_FAULT',
          '     - Fault the page in; the text of this cell goes on',
          '       over a second line, continuing the cell.',
          '   * - :field: * a bullet in a field',
          '                 continued deep inside',
          '',
          'The usage pattern is::',
        ].join('\n'),
      )
    const { after, result } = await roundTrip('Documentation/mm/hmm.rst', table, { index: false })
    expect(result.text).toBe(after)
    expect(hashObject(result.text)).toBe(hashObject(after))
  })
})

describe('a search that cannot succeed stops at its bound', () => {
  // Twenty sentences of new text: 2^20 spacings, and a blob that none of them is.
  const many = (text: string) =>
    text.replace('A function producing complicated output may want to check::', Array.from({ length: 20 }, (_, index) => `Sentence ${index + 1} ends here.`).join('  ') + '\n\nA function producing complicated output may want to check::')
  const seqFile = 'Documentation/filesystems/seq_file.rst'

  it('at its count, with the warning and the rules\' best guess', async () => {
    const guess = await roundTrip(seqFile, many, { index: false })
    const { result, messages } = await roundTrip(seqFile, many, { blob: 'deadbeef', apply: { search: { maxVariants: 500 } } })
    expect(result.reports[0].search).toMatchObject({ outcome: 'count-bound', tried: 500, settled: [] })
    expect(result.reports[0].search.inferred.length).toBeGreaterThan(0)
    expect(messages).toEqual([expect.stringMatching(/archive\.txt:\d+:1: rebuilt `Documentation\/filesystems\/seq_file\.rst` is blob [0-9a-f]{12}, not deadbeef as the patch's index line says: .*the blob search stopped at its bound after 500 candidates$/)])
    expect(result.text).toBe(guess.result.text)
  })

  it('at its time', async () => {
    const { result, messages } = await roundTrip(seqFile, many, { blob: 'deadbeef', apply: { search: { maxVariants: Number.POSITIVE_INFINITY, maxMilliseconds: 1 } } })
    expect(result.reports[0].search.outcome).toBe('time-bound')
    expect(result.reports[0].search.tried).toBeLessThan(1 << 20)
    expect(messages[0]).toMatch(/stopped at its bound after \d+ candidates$/)
  })
})

describe('searchBlob', () => {
  const gap = () => ({ options: [' ', '  '], rule: 'sentence gap' })

  it('tries candidates nearest the preference first, and a followed place moves with its root', () => {
    const places = Array.from({ length: 6 }, gap)
    const follower = { options: ['a', 'b'], rule: 'follows the first', follows: places[0] }
    const parts = ['a', places[0], 'b', places[1], 'c', places[2], 'd', places[3], 'e', places[4], 'f', places[5], follower, '\n']
    const render = (pick: (index: number) => number) => parts.map((part) => (typeof part === 'string' ? part : part.options[pick(parts.indexOf(part))])).join('')
    // The truth changes places 0 and 4: the follower reads 'b'.
    const truth = 'a  b c d e  f b\n'
    expect(render((index) => (index === 1 || index === 9 || index === 12 ? 1 : 0))).toBe(truth)
    const result = searchBlob(parts, hashObject(truth).slice(0, 12))
    expect(result.outcome).toBe('matched')
    // 1 unchanged + 6 single changes + pairs up to (0, 4): 1 + 6 + 4 = 11.
    expect(result.tried).toBe(11)
    expect([...result.changed]).toEqual([places[0], places[4]])
    expect(result.pick(follower)).toBe(1)
  })

  it('names no outcome but the preference without a usable blob', () => {
    expect(searchBlob([gap()], null).outcome).toBe('no-blob')
    expect(searchBlob([gap()], '0000000').outcome).toBe('no-blob')
    expect(searchBlob(['fixed'], 'abcdef1').outcome).toBe('nothing-open')
    expect(searchBlob([gap()], 'abcdef1')).toMatchObject({ outcome: 'exhausted', tried: 2 })
  })
})
