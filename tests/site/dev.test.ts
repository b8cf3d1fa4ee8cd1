/**
 * `strata dev`: the served site follows its inputs. A patch edit reaches the
 * page; a patch that stops applying is reported and the last good page stays;
 * a broken manifest stops it at start-up with the manifest's located message.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { editSentence, generateCorpus, rewritePatch, type GeneratedCorpus } from '../../scripts/bench/generate.ts'
import { freePort, waitForText } from '../../scripts/bench/net.ts'
import { withBuildLock } from '../../src/lib/build-lock.ts'
import { runCli } from '../helpers/cli.ts'
import { repoRoot as root } from '../helpers/paths.ts'

let scratch: string
let corpus: GeneratedCorpus

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'strata-dev-'))
  corpus = await generateCorpus({ out: scratch, count: 1, seed: 3 })
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('strata dev', () => {
  it('refuses a port that is not a number', async () => {
    const { code, stderr } = await runCli(['dev', '--port', 'http'])
    expect(code).toBe(2)
    expect(stderr).toContain('--port must be a port number')
  })

  it('refuses a broken manifest with its located message alone, before serving anything', { timeout: 240_000 }, async () => {
    const port = await freePort()
    const manifestFile = path.join(corpus.root, 'manifest.json')
    const manifest = await readFile(manifestFile, 'utf8')
    await writeFile(manifestFile, manifest.replace(/\n\s*\]\s*\}\s*$/, ',\n  ]\n}\n'))
    try {
      await withBuildLock(root, async () => {
        const child = spawn(process.execPath, [path.join(root, 'scripts/bin/strata.mjs'), 'dev', '--content', corpus.root, '--port', String(port)], {
          cwd: root,
          stdio: ['ignore', 'ignore', 'pipe'],
        })
        let stderr = ''
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
        const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
        expect(code).toBe(1)
        expect(stderr).toMatch(/manifest\.json:\d+:\d+: error: the manifest is not JSON: .* \[strata:content:invalid-manifest\]/)
        // Astro's error frame (its stack, a location inside Strata, a hint) would only send the reader to the wrong file.
        expect(stderr).not.toMatch(/Location:|Stack trace:|\n\s+at |\[ContentError\]|Hint:/)
      })
    } finally {
      await writeFile(manifestFile, manifest)
    }
  })

  it('serves a patch edit, and keeps the last good page when a patch stops applying', { timeout: 240_000 }, async () => {
    const port = await freePort()
    // The dev server writes Astro's shared `.astro/` folder, as builds do: take turns with them.
    await withBuildLock(root, async () => {
      const child = spawn(process.execPath, [path.join(root, 'scripts/bin/strata.mjs'), 'dev', '--content', corpus.root, '--port', String(port)], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
      try {
        const id = `gen/${path.basename(corpus.edited, '.rst')}`
        const page = `http://localhost:${port}/docs/${id}/bench-edit/`
        await waitForText(page, editSentence(1), 120_000)

        await rewritePatch(corpus, 2)
        await waitForText(page, editSentence(2), 30_000)

        // A context line the base does not have: the hunk no longer applies.
        const patch = await readFile(corpus.patch, 'utf8')
        await writeFile(corpus.patch, patch.replace(/^ (\S.*)$/m, ' $1 (changed)').replace(editSentence(2), editSentence(3)))
        const failed = Date.now() + 30_000
        while (!stderr.includes('does not apply') && Date.now() < failed) await new Promise((resolve) => setTimeout(resolve, 100))
        expect(stderr).toMatch(/bench-edit\.patch:\d+:\d+: error: hunk 1 .* does not apply/)
        const body = await (await fetch(page)).text()
        expect(body).toContain(editSentence(2))
        expect(body).not.toContain(editSentence(3))
      } finally {
        process.kill(-child.pid!, 'SIGTERM')
        await new Promise((resolve) => child.once('close', resolve))
      }
    })
  })
})
