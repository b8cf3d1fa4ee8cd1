/**
 * What `strata build` tells a newcomer: a site with one version per
 * document builds without Astro's empty-collection warning, and the last
 * line names a command that serves the folder that was built.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.ts'
import { shared } from '../helpers/paths.ts'

const work = await mkdtemp(path.join(os.tmpdir(), 'strata-build-messages-'))
afterAll(() => rm(work, { recursive: true, force: true }))

it('builds one version per document quietly about collections, and says how to serve --out DIR', async () => {
  const content = path.join(work, 'content')
  await rm(content, { recursive: true, force: true })
  await mkdir(content, { recursive: true })
  await writeFile(
    path.join(content, 'manifest.json'),
    JSON.stringify({ corpus: path.join(shared, 'corpus/linux-docs'), documents: [{ folder: 'Documentation/kernel-hacking', versions: [{ id: 'recent' }] }] }),
  )
  const out = path.join(work, 'site')
  const result = await runCli(['build', '--content', content, '--out', out])
  expect(result.code).toBe(0)
  expect(existsSync(path.join(out, 'docs/kernel-hacking/index/recent/index.html'))).toBe(true)
  expect(result.stderr).not.toMatch(/does not exist or is empty/)
  const last = result.stderr.trim().split('\n').at(-1)!
  expect(last).toContain(`node ${path.relative(process.cwd(), path.resolve('scripts/serve.mjs'))} ${path.relative(process.cwd(), out)}`)
  expect(last).not.toContain('npm run preview')
}, 240_000)
