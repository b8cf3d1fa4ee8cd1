import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { applyToDocument } from '../../src/ingest/apply/index.ts'
import { readPatches } from '../../src/ingest/read/index.ts'
import { toArchiveText } from '../helpers/archive.ts'
import { runCli } from '../helpers/cli.ts'
import { formatPatch, hashObject, sandbox } from '../helpers/git.ts'
import { corpus } from '../helpers/paths.ts'

const highmem = readFileSync(corpus.highmem, 'utf8')
const temporary = () => mkdtempSync(path.join(tmpdir(), 'strata-cases-'))
const write = (dir: string, name: string, text: string) => {
  writeFileSync(path.join(dir, name), text)
  return path.join(dir, name)
}

/** Apply patch text to a document through the library, returning the result or the messages. */
async function apply(base: string, patch: string, name = 'patch.txt', reverse = false) {
  const file = new VFile({ path: name, value: patch })
  const patches = await readPatches(file)
  const result = applyToDocument(base, 'doc.rst', patches, file, { reverse })
  return { result, messages: file.messages.map(String) }
}

const gitApplied = (() => {
  const { dir, git, write: put } = sandbox()
  put('Documentation/mm/highmem.rst', highmem)
  git('apply', corpus.mail)
  return readFileSync(path.join(dir, 'Documentation/mm/highmem.rst'), 'utf8')
})()

describe('intact patches apply as git apply does', () => {
  it('tolerates hunks whose line numbers drift, and reports the offset', async () => {
    const shifted = 'Added line one\n\nAdded line two\n\n' + highmem
    for (const patch of [readFileSync(corpus.mail, 'utf8'), readFileSync(corpus.seed, 'utf8')]) {
      const { result } = await apply(shifted, patch)
      expect(result!.text).toBe('Added line one\n\nAdded line two\n\n' + gitApplied)
      expect(result!.reports[0].hunks.map((hunk) => hunk.offset)).toEqual([4, 4, 4])
    }
  })

  it('refuses a hunk whose context is not there, even when the added lines would fit', async () => {
    const broken = highmem.replace('It can be invoked from any context', 'It may be invoked from any context')
    const { result, messages } = await apply(broken, readFileSync(corpus.mail, 'utf8'), 'mail.eml')
    expect(result).toBeUndefined()
    expect(messages.join('\n')).toMatch(/mail\.eml:111:1-?.*hunk 1 \(@@ -57,7 \+57,8 @@\) does not apply: expected " {2}It can be invoked/)
  })

  it('keeps CRLF documents CRLF, from a mail sent with CRLF line endings', async () => {
    const crlfMail = readFileSync(corpus.mail, 'utf8').replace(/\n/g, '\r\n')
    const plain = await apply(highmem, crlfMail, 'crlf.eml')
    expect(plain.result!.text).toBe(gitApplied)
    const crlfDocument = highmem.replace(/\n/g, '\r\n')
    const archive = await apply(crlfDocument, readFileSync(corpus.seed, 'utf8'))
    expect(archive.result!.text).toBe(gitApplied.replace(/\n/g, '\r\n'))
  })

  it('applies quoted-printable mail', async () => {
    const mail = readFileSync(corpus.mail, 'utf8')
    const split = mail.indexOf('\n\n')
    const head = mail.slice(0, split).replace(/^Content-Transfer-Encoding: .*$/m, 'Content-Transfer-Encoding: quoted-printable')
    const { result } = await apply(highmem, `${head}\n\n${quotedPrintable(mail.slice(split + 2))}`, 'qp.eml')
    expect(result!.text).toBe(gitApplied)
  })

  it('applies a two-message mbox series in order', async () => {
    const { git, write: put, dir } = sandbox()
    put('doc.rst', highmem)
    git('add', '-A')
    git('commit', '-qm', 'base')
    put('doc.rst', highmem.replace('Temporary Virtual Mappings', 'Temporary Virtual Mappings (local)'))
    git('commit', '-qam', 'doc: rename a heading')
    put('doc.rst', readFileSync(path.join(dir, 'doc.rst'), 'utf8').replace('The kernel contains several ways', 'The kernel has several ways'))
    git('commit', '-qam', 'doc: reword an opening')
    const mbox = git('format-patch', '-2', '--stdout', '--subject-prefix=PATCH v2', '--numbered')
    const { result } = await apply(highmem, mbox, 'series.mbox')
    expect(result!.text).toBe(readFileSync(path.join(dir, 'doc.rst'), 'utf8'))
    expect(result!.reports).toHaveLength(2)
  })

  it('applies a patch touching two files with --tree DIR --out DIR', async () => {
    const names = ['hmm.rst', 'slub.rst']
    const before = Object.fromEntries(names.map((name) => [`Documentation/mm/${name}`, readFileSync(path.join(corpus.docs, name), 'utf8')]))
    const after = Object.fromEntries(
      Object.entries(before).map(([name, text]) => [name, text.replace(/\n\n/, '\n\nA sentence added at the top.\n\n')]),
    )
    const mail = formatPatch(before, after, 'mm: touch two documents')
    const tree = temporary()
    for (const [name, text] of Object.entries(before)) {
      cpSync(path.join(corpus.docs, path.basename(name)), path.join(tree, name), { recursive: true })
      expect(readFileSync(path.join(tree, name), 'utf8')).toBe(text)
    }
    const out = temporary()
    const patch = write(temporary(), 'two.patch', mail)
    const { code, stderr } = await runCli(['apply', '--tree', tree, '--out', out, patch])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    for (const [name, text] of Object.entries(after)) expect(readFileSync(path.join(out, name), 'utf8')).toBe(text)
    expect(readdirSync(path.join(out, 'Documentation/mm')).sort()).toEqual(names)
  })
})

describe('copies and renames', () => {
  it('keeps a copy\'s source and moves a rename\'s, as git apply does, and undoes both with -R', async () => {
    const hmm = readFileSync(path.join(corpus.docs, 'hmm.rst'), 'utf8')
    const slub = readFileSync(path.join(corpus.docs, 'slub.rst'), 'utf8')
    const { git, write: put, dir } = sandbox()
    put('Documentation/mm/hmm.rst', hmm)
    put('Documentation/mm/slub.rst', slub)
    git('add', '-A')
    git('commit', '-qm', 'base')
    put('Documentation/mm/hmm-copy.rst', hmm.replace(/\n\n/, '\n\nA sentence only the copy has.\n\n'))
    git('mv', 'Documentation/mm/slub.rst', 'Documentation/mm/slab.rst')
    git('add', '-A')
    git('commit', '-qm', 'doc: copy one document and rename another')
    const mail = git('format-patch', '-1', '--stdout', '-M', '-C', '--find-copies-harder')
    expect(mail).toMatch(/^copy from Documentation\/mm\/hmm\.rst$/m)
    expect(mail).toMatch(/^rename from Documentation\/mm\/slub\.rst$/m)

    const tree = temporary()
    cpSync(path.join(dir, 'Documentation'), path.join(tree, 'Documentation'), { recursive: true })
    git('checkout', '-q', 'HEAD~1')
    cpSync(path.join(dir, 'Documentation'), path.join(tree, 'Documentation'), { recursive: true })
    const patch = write(temporary(), 'copy.patch', mail)
    const forward = await runCli(['apply', '--tree', tree, '--out', tree, patch])
    expect(forward.stderr).toBe('')
    expect(forward.code).toBe(0)
    git('checkout', '-q', '-')
    const files = (root: string) => readdirSync(path.join(root, 'Documentation/mm')).sort()
    expect(files(tree)).toEqual(['hmm-copy.rst', 'hmm.rst', 'slab.rst'])
    for (const name of files(tree)) expect(readFileSync(path.join(tree, 'Documentation/mm', name), 'utf8'), name).toBe(readFileSync(path.join(dir, 'Documentation/mm', name), 'utf8'))

    const back = await runCli(['apply', '--tree', tree, '--out', tree, '-R', patch])
    expect(back.stderr).toBe('')
    expect(back.code).toBe(0)
    expect(files(tree)).toEqual(['hmm.rst', 'slub.rst'])
    expect(readFileSync(path.join(tree, 'Documentation/mm/hmm.rst'), 'utf8')).toBe(hmm)
    expect(readFileSync(path.join(tree, 'Documentation/mm/slub.rst'), 'utf8')).toBe(slub)
  })

  it('refuses to undo a copy whose source has changed since, naming both files', async () => {
    const hmm = readFileSync(path.join(corpus.docs, 'hmm.rst'), 'utf8')
    const { git, write: put } = sandbox()
    put('Documentation/mm/hmm.rst', hmm)
    git('add', '-A')
    git('commit', '-qm', 'base')
    put('Documentation/mm/copy.rst', hmm)
    git('add', '-A')
    git('commit', '-qm', 'doc: copy a document')
    const mail = git('format-patch', '-1', '--stdout', '-C', '--find-copies-harder')
    expect(mail).toMatch(/^copy to Documentation\/mm\/copy\.rst$/m)
    const tree = temporary()
    mkdirSync(path.join(tree, 'Documentation/mm'), { recursive: true })
    writeFileSync(path.join(tree, 'Documentation/mm/hmm.rst'), hmm + 'Changed since.\n')
    writeFileSync(path.join(tree, 'Documentation/mm/copy.rst'), hmm)
    const patch = write(temporary(), 'copy.patch', mail)
    const { code, stderr } = await runCli(['apply', '--tree', tree, '--out', tree, '-R', patch])
    expect(code).toBe(1)
    expect(stderr).toMatch(/copy\.patch:\d+:1: error: `Documentation\/mm\/copy\.rst` does not reverse to `Documentation\/mm\/hmm\.rst`, the file it was copied from \[strata:apply:copy-does-not-reverse\]/)
    expect(readFileSync(path.join(tree, 'Documentation/mm/copy.rst'), 'utf8')).toBe(hmm)
  })
})

describe('mangled patches', () => {
  it('fail rather than guess when the context fits in two places away from the stated line', async () => {
    const paragraph = 'First line of a repeated paragraph.\nSecond line of it.\nThird line of it.\n'
    const base = `Title\n=====\n\n${paragraph}\nMiddle text.\n\n${paragraph}\nEnd.\n`
    const patch = [
      '[PATCH] doc: change a repeated paragraph',
      '',
      'From: A Developer',
      'Date: Tue Dec 06 2022 - 02:00:42 EST',
      '',
      'diff --git a/doc.rst b/doc.rst',
      '--- a/doc.rst',
      '+++ b/doc.rst',
      '@@ -40,3 +40,3 @@',
      'First line of a repeated paragraph.',
      '-Second line of it.',
      '+Second line, changed.',
      'Third line of it.',
      '',
    ].join('\n')
    const { result, messages } = await apply(base, patch)
    expect(result).toBeUndefined()
    expect(messages.join('\n')).toMatch(/hunk 1 \(@@ -40,3 \+40,3 @@\) is ambiguous: it fits at doc\.rst:4 and doc\.rst:10; refusing to guess/)
  })

  it('tell a context line that starts with + or - (a grid-table border, an underline) from an added one by the counts', async () => {
    const base = 'Table\n-----\n\n+-----+-----+\n| a   | b   |\n+-----+-----+\n| c   | d   |\n+-----+-----+\n\nAfter.\n'
    const after = base.replace('| c   | d   |', '| c   | e   |\n+-----+-----+\n| f   | gg  |')
    const mail = formatPatch({ 'doc.rst': base }, { 'doc.rst': after }, 'doc: grow a table')
    const { result } = await apply(base, toArchiveText(mail))
    expect(result!.text).toBe(after)
    expect(result!.reports[0].hunks[0].contextWithSign).toBeGreaterThan(0)
  })
})

describe('archive text rebuilt exactly on other kernel documents', () => {
  // A kernel-style doc patch on every corpus document: a paragraph re-worded and
  // re-wrapped under a new NOTE, as the seed does to highmem.rst. The archive
  // folds its whitespace; the applier must give back git's blob.
  const documents = readdirSync(corpus.docs).filter((name) => name.endsWith('.rst'))
  for (const name of documents) {
    it(name, async () => {
      const before = readFileSync(path.join(corpus.docs, name), 'utf8')
      const after = rewrapFirstListParagraph(before) ?? rewrapFirstParagraph(before)
      expect(after, 'the document has a paragraph to edit').toBeDefined()
      const mail = formatPatch({ [`Documentation/mm/${name}`]: before }, { [`Documentation/mm/${name}`]: after! }, `mm: edit ${name}`)
      const { result, messages } = await apply(before, toArchiveText(mail))
      expect(messages.filter((message) => /error|not blob/.test(message))).toEqual([])
      expect(hashObject(result!.text)).toBe(hashObject(after!))
    })
  }
})

/** Re-wrap the first multi-line paragraph at column 0 under a new first sentence and a NOTE. */
function rewrapFirstParagraph(text: string): string | undefined {
  return editParagraph(text, /(\n\n)((?:[A-Za-z][^\n]*[^:\n]\n){2,})\n/)
}

/** The same inside the body of the first bullet item that has a multi-line body paragraph. */
function rewrapFirstListParagraph(text: string): string | undefined {
  return editParagraph(text, /(\n\n)((?:  [A-Za-z][^\n]*[^:\n]\n){3,})\n/)
}

function editParagraph(text: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(text)
  if (!match) return undefined
  const paragraph = match[2]
  const indent = /^ */.exec(paragraph)![0]
  const words = paragraph.trim().split(/(?<=\S)(\s+)(?=\S)/)
  // Re-wrap at a narrower width, keeping every gap inside a line as it was.
  const lines: string[] = []
  let line = ''
  for (let index = 0; index < words.length; index += 2) {
    const gap = index === 0 ? '' : /\n/.test(words[index - 1]) ? ' ' : words[index - 1]
    if (line && (line + gap + words[index]).length > 60) {
      lines.push(line)
      line = words[index]
    } else line += (line ? gap : '') + words[index]
  }
  lines.push(line)
  const note = `${indent}NOTE: This paragraph has been reworded. Conversions must take care\n${indent}to follow the restrictions above.\n\n${indent}[Legacy documentation]\n\n`
  const start = match.index + match[1].length
  return text.slice(0, start) + note + lines.map((wrapped) => indent + wrapped).join('\n') + '\n' + text.slice(start + paragraph.length)
}

function quotedPrintable(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let encoded = line.replace(/=/g, '=3D').replace(/[ \t]$/, (blank) => (blank === ' ' ? '=20' : '=09'))
      const pieces: string[] = []
      while (encoded.length > 75) {
        let cut = 75
        while (/=[0-9A-F]?$/.test(encoded.slice(0, cut))) cut--
        pieces.push(encoded.slice(0, cut) + '=')
        encoded = encoded.slice(cut)
      }
      return [...pieces, encoded].join('\n')
    })
    .join('\n')
}
