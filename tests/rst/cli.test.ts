/** `strata tree FILE.rst`: JSON or HTML on stdout, diagnostics on stderr. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { main } from '../../scripts/cli/main.ts'

/** Run the CLI and collect its output. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk) => (out += chunk))
  stderr.on('data', (chunk) => (err += chunk))
  const code = await main(argv, { stdout, stderr })
  return { code, stdout: out, stderr: err }
}

const dir = mkdtempSync(join(tmpdir(), 'strata-tree-'))
const path = join(dir, 'doc.rst')
writeFileSync(path, 'Title\n=====\n\n.. note:: Hi *there*.\n\n.. frob::\n')

describe('strata tree', () => {
  it('prints the mdast JSON and reports on stderr', async () => {
    const { code, stdout, stderr } = await run(['tree', path])
    expect(code).toBe(0)
    const tree = JSON.parse(stdout)
    expect(tree.type).toBe('root')
    expect(tree.children.map((n: { type: string }) => n.type)).toEqual(['heading', 'admonition', 'directive'])
    expect(stderr).toContain('unknown-directive')
  })

  it('prints HTML with --html', async () => {
    const { code, stdout } = await run(['tree', '--html', path])
    expect(code).toBe(0)
    expect(stdout).toContain('<h1 id="title">Title</h1>')
    expect(stdout).toContain('<div class="admonition note"><p class="admonition-title">Note</p><p>Hi <em>there</em>.</p></div>')
  })

  it('fails on a missing file and on usage errors', async () => {
    expect((await run(['tree', join(dir, 'missing.rst')])).code).toBe(1)
    expect((await run(['tree'])).code).toBe(2)
  })
})
