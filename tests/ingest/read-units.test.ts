/**
 * The shared pieces of the reader: dates, subjects, trailers, diffstats, names.
 */
import { describe, expect, it } from 'vitest'
import { toIsoDate } from '../../src/ingest/read/date.ts'
import { parseDiffstat } from '../../src/ingest/read/diffstat.ts'
import { toLines } from '../../src/ingest/read/lines.ts'
import { splitMbox } from '../../src/ingest/read/mbox.ts'
import { splitBody } from '../../src/ingest/read/message.ts'
import { gitHeaderPaths, headerName, unquotePath } from '../../src/ingest/read/paths.ts'
import { parsePerson } from '../../src/ingest/read/person.ts'
import { parseSubject } from '../../src/ingest/read/subject.ts'
import { extractTrailers } from '../../src/ingest/read/trailers.ts'

describe('dates', () => {
  it.each([
    ['Tue,  6 Dec 2022 08:00:29 +0100', '2022-12-06T08:00:29+01:00'],
    ['Tue, 6 Dec 2022 08:00:29 +0100 (CET)', '2022-12-06T08:00:29+01:00'],
    ['Tue Dec 06 2022 - 02:00:42 EST', '2022-12-06T02:00:42-05:00'],
    ['Mon Jul 03 2023 - 11:20:05 PDT', '2023-07-03T11:20:05-07:00'],
    ['Wed Mar 05 2025 - 10:00:00 CET', '2025-03-05T10:00:00+01:00'],
    ['Sun Mar 30 2025 - 10:00:00 CEST', '2025-03-30T10:00:00+02:00'],
    ['Fri, 7 Mar 2025 10:00:00 +0530', '2025-03-07T10:00:00+05:30'],
    ['Sat, 8 Mar 2025 11:12:13 GMT', '2025-03-08T11:12:13+00:00'],
    ['8 Mar 25 11:12 -0000', '2025-03-08T11:12:00+00:00'],
    ['Mon Sep 17 00:00:00 2001', '2001-09-17T00:00:00'],
    ['2022-12-06 08:00:29 +0100', '2022-12-06T08:00:29+01:00'],
    ['2022-12-06T07:00:29Z', '2022-12-06T07:00:29+00:00'],
  ])('%s → %s', (text, iso) => {
    expect(toIsoDate(text)).toBe(iso)
  })

  it('gives null for text that is no date', () => {
    expect(toIsoDate('yesterday')).toBeNull()
    expect(toIsoDate('Tue Dec 2022')).toBeNull()
  })
})

describe('subjects', () => {
  it.each([
    ['[PATCH] mm: x', { revision: 1, number: null, total: null, prefix: 'PATCH', tags: [] }, 'mm: x'],
    ['[PATCH v2 1/3] mm: x', { revision: 2, number: 1, total: 3, prefix: 'PATCH v2 1/3', tags: [] }, 'mm: x'],
    [
      '[RFC PATCH net-next v3 02/10] net: y',
      { revision: 3, number: 2, total: 10, prefix: 'RFC PATCH net-next v3 02/10', tags: ['RFC', 'net-next'] },
      'net: y',
    ],
    ['[PATCH RESEND] z', { revision: 1, number: null, total: null, prefix: 'PATCH RESEND', tags: ['RESEND'] }, 'z'],
    ['[PATCHv4 0/5] cover', { revision: 4, number: 0, total: 5, prefix: 'PATCHv4 0/5', tags: [] }, 'cover'],
    ['Re: [PATCH 1/2] a', { revision: 1, number: 1, total: 2, prefix: 'PATCH 1/2', tags: [] }, 'a'],
    ['[RFC][PATCH 1/2] b', { revision: 1, number: 1, total: 2, prefix: 'RFC][PATCH 1/2', tags: ['RFC'] }, 'b'],
  ])('%s', (raw, series, subject) => {
    expect(parseSubject(raw)).toEqual({ subject, series })
  })

  it('has no series without a prefix', () => {
    expect(parseSubject('mm: plain')).toEqual({ subject: 'mm: plain', series: null })
  })
})

describe('trailers', () => {
  it('reads the last paragraph, with continuation lines and kept comments', () => {
    const lines = toLines(
      [
        'Fix it.',
        '',
        'Fixes: 0123456789ab ("mm: break it")',
        'Reported-by: Someone <s@example.org>',
        'Closes: https://example.org/bug',
        '[ada: reworded the message]',
        'Co-developed-by: Ada Example',
        ' <ada@example.org>',
        'Signed-off-by: Ada Example <ada@example.org>',
        '',
      ].join('\n'),
      10,
    )
    const { trailers, rest } = extractTrailers(lines)
    expect(trailers).toEqual([
      { key: 'Fixes', value: '0123456789ab ("mm: break it")', line: 12 },
      { key: 'Reported-by', value: 'Someone <s@example.org>', line: 13 },
      { key: 'Closes', value: 'https://example.org/bug', line: 14 },
      { key: 'Co-developed-by', value: 'Ada Example <ada@example.org>', line: 16 },
      { key: 'Signed-off-by', value: 'Ada Example <ada@example.org>', line: 18 },
    ])
    expect(rest.map((line) => line.text)).toEqual(['Fix it.', '', '[ada: reworded the message]'])
  })

  it('does not take a closing sentence for a trailer', () => {
    const { trailers } = extractTrailers(toLines('Fix it.\n\nNote: this is only a sentence.\nIt goes on here.\n'))
    expect(trailers).toEqual([])
  })

  it('reads any Token-With-Dashes key in a trailer block', () => {
    const { trailers } = extractTrailers(toLines('Fix it.\n\nX-Custom-Thing: yes\nAnother-Key: value\n'))
    expect(trailers.map((trailer) => trailer.key)).toEqual(['X-Custom-Thing', 'Another-Key'])
  })
})

describe('body split', () => {
  it('takes in-body From/Date/Subject and skips version notes around the diffstat', () => {
    const body = splitBody(
      toLines(
        [
          'From: Real Author <real@example.org>',
          'Date: Mon, 3 Mar 2025 10:00:00 +0100',
          '',
          'Message.',
          '',
          'Signed-off-by: Real Author <real@example.org>',
          '---',
          'Changes in v2:',
          '- fewer words',
          '',
          ' a.rst | 2 +-',
          ' b.png | Bin 10 -> 12 bytes',
          ' 2 files changed, 1 insertion(+), 1 deletion(-)',
          '',
          'diff --git a/a.rst b/a.rst',
        ].join('\n'),
      ),
    )
    expect(body.inBody).toEqual({ from: 'Real Author <real@example.org>', date: 'Mon, 3 Mar 2025 10:00:00 +0100' })
    expect(body.message).toBe('Message.')
    expect(body.diffstat).toEqual({
      files: [
        { path: 'a.rst', changes: 2, graph: '+-' },
        { path: 'b.png', changes: 0, graph: 'Bin 10 -> 12 bytes' },
      ],
      summary: '2 files changed, 1 insertion(+), 1 deletion(-)',
      filesChanged: 2,
      insertions: 1,
      deletions: 1,
    })
    expect(body.diff.map((line) => line.line)).toEqual([15])
  })

  it('reads a diffstat with only insertions', () => {
    expect(parseDiffstat(toLines(' x | 3 +++\n 1 file changed, 3 insertions(+)\n'))).toMatchObject({ insertions: 3, deletions: 0 })
  })
})

describe('names and people', () => {
  it('reads git paths, quoted and plain', () => {
    expect(gitHeaderPaths('a/doc x.rst b/doc x.rst')).toEqual(['doc x.rst', 'doc x.rst'])
    expect(gitHeaderPaths('a/old.rst b/new.rst')).toEqual(['old.rst', 'new.rst'])
    expect(gitHeaderPaths('"a/caf\\303\\251.rst" "b/caf\\303\\251.rst"')).toEqual(['café.rst', 'café.rst'])
    expect(unquotePath('"tab\\there"')).toBe('tab\there')
    expect(headerName('widgets.rst.orig\t2025-03-01 10:00:00.000000000 +0100')).toBe('widgets.rst.orig')
    expect(headerName('widgets.rst 2025-03-01 10:00:00.000000000 +0100')).toBe('widgets.rst')
    expect(headerName('/dev/null')).toBeNull()
  })

  it('reads people in every common form, masked addresses as given', () => {
    expect(parsePerson('"De Francesco, Fabio" <f@xxxxxxxxx>')).toEqual({ name: 'De Francesco, Fabio', address: 'f@xxxxxxxxx' })
    expect(parsePerson('ada@example.org (Ada Example)')).toEqual({ name: 'Ada Example', address: 'ada@example.org' })
    expect(parsePerson('ada@example.org')).toEqual({ name: '', address: 'ada@example.org' })
    expect(parsePerson('Fabio M. De Francesco')).toEqual({ name: 'Fabio M. De Francesco', address: '' })
  })
})

describe('mbox split', () => {
  it('splits only on From lines after a blank line and unescapes >From', () => {
    const messages = splitMbox(
      [
        'From abc Mon Sep 17 00:00:00 2001',
        'Subject: one',
        '',
        '>From here on',
        '',
        'From 2019 on, at 10:00 every day, it was wrong.',
        '>>From stays quoted once',
        '',
        'From def Mon Sep 17 00:00:00 2001',
        'Subject: two',
        '',
      ].join('\n'),
    )
    expect(messages.map((message) => [message.startLine, message.firstLine])).toEqual([
      [1, 2],
      [9, 10],
    ])
    expect(messages[0].text.split('\n').slice(2, 6)).toEqual([
      'From here on',
      '',
      'From 2019 on, at 10:00 every day, it was wrong.',
      '>From stays quoted once',
    ])
  })

  it('treats a file without separator as one message', () => {
    expect(splitMbox('Subject: x\n\nbody\n')).toEqual([{ text: 'Subject: x\n\nbody\n', firstLine: 1, startLine: 1 }])
  })
})
