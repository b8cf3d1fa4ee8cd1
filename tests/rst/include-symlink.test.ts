/** `include` refuses a path through a symbolic link inside `includeRoot`, which could lead anywhere. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { fromRst } from '../../plugins/rst-parse/index.ts'

const root = mkdtempSync(path.join(tmpdir(), 'strata-include-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const outside = mkdtempSync(path.join(tmpdir(), 'strata-outside-'))
afterAll(() => rmSync(outside, { recursive: true, force: true }))
writeFileSync(path.join(outside, 'secret.rst'), 'Secret *text*.\n')
mkdirSync(path.join(root, 'docs'))
writeFileSync(path.join(root, 'docs/part.rst'), 'Included *text*.\n')
symlinkSync(outside, path.join(root, 'docs/away'))
symlinkSync(path.join(outside, 'secret.rst'), path.join(root, 'docs/secret.rst'))
symlinkSync('/etc/passwd', path.join(root, 'passwd'))

/** The real file system, as an API caller would give it. */
const readFile = (name: string) => {
  try {
    return readFileSync(name, 'utf8')
  } catch {
    return undefined
  }
}

describe('include through symbolic links', () => {
  it('refuses a link as a directory on the way and as the file itself, naming the link', () => {
    const value = '.. include:: docs/away/secret.rst\n\n.. include:: docs/secret.rst\n\n.. include:: passwd\n\n.. include:: docs/part.rst\n'
    const file = new VFile(value)
    const tree = fromRst(value, file, { includeRoot: root, readFile })
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      '1:1 Include of `docs/away/secret.rst` refused: `docs/away` is a symbolic link',
      '3:1 Include of `docs/secret.rst` refused: `docs/secret.rst` is a symbolic link',
      '5:1 Include of `passwd` refused: `passwd` is a symbolic link',
    ])
    expect(JSON.stringify(tree)).not.toMatch(/Secret|root:/)
    expect(JSON.stringify(tree.children[3])).toMatch(/Included /)
  })
})
