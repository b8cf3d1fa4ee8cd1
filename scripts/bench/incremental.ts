/**
 * Incremental rebuild: the time from changing one patch (the corpus's
 * `bench-edit` patch gets a new sentence) to an updated site, checked by
 * finding the new sentence in the patched version's page.
 *
 * Three figures:
 * - `strata build` after the change: a full rebuild, as a reader gets it
 *   (the CLI gives every build a fresh Astro cache and removes it after);
 * - `astro build` with the same environment but one cache folder kept from
 *   the previous build (`STRATA_CACHE_DIR`), which is what reusing Astro's
 *   content-layer cache would buy without building a caching system. Strata's
 *   loader clears its store and reloads every entry, so only Vite's and
 *   Astro's own caches carry over;
 * - `astro dev` on the corpus: the loader watches the manifest, base
 *   documents and patches and rebuilds its collections on a change; the
 *   time is from writing the patch to the page serving the new sentence.
 * Each against the full-build figure of the site suite at the same size.
 *
 * Measured at the shared corpus when it is among the sizes, else at the
 * smallest size; up to 2 runs of each (1 in quick mode).
 */
import { spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { projectRoot } from '../conformance/corpus.ts'
import { withBuildLock } from '../../src/lib/build-lock.ts'
import { editSentence, rewritePatch, type GeneratedCorpus } from './generate.ts'
import { freePort, waitForText } from './net.ts'
import { runMeasured } from './process-tree.ts'
import { ratioRow, strataBuild } from './site.ts'
import { summarise } from './stats.ts'
import { failedRow, type BenchRow, type Suite } from './suite.ts'
import { corpusFor, sizeLabel } from './workspace.ts'

/**
 * Check that a built site shows revision `n` of the patch.
 *
 * @returns
 *   Resolves when it does (rejects otherwise).
 */
async function expectRevision(site: string, corpus: GeneratedCorpus, revision: number): Promise<void> {
  const id = `gen/${path.relative(corpus.folder, corpus.edited).replace(/\.rst$/, '')}`
  const page = path.join(site, 'docs', id, 'bench-edit', 'index.html')
  const html = await readFile(page, 'utf8').catch(() => '')
  if (!html.includes(editSentence(revision))) throw new Error(`the rebuilt site does not show revision ${revision} of the patch (${page})`)
}

/**
 * Run `astro dev` on the corpus for the length of `use`, which gets the URL
 * of the patched version's document page.
 */
async function withDevServer(corpus: GeneratedCorpus, use: (page: string) => Promise<void>): Promise<void> {
  const port = await freePort()
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', STRATA_CONTENT: corpus.root }
  const args = [path.join(projectRoot, 'node_modules/astro/astro.js'), 'dev', '--root', projectRoot, '--port', String(port), '--host', '127.0.0.1']
  const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: 'ignore', detached: true })
  const id = `gen/${path.relative(corpus.folder, corpus.edited).replace(/\.rst$/, '')}`
  try {
    await use(`http://127.0.0.1:${port}/docs/${id}/bench-edit/`)
  } finally {
    // The dev server starts workers of its own: stop the whole group.
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
}

/** Incremental rebuild figures. */
export const incrementalSuite: Suite = {
  name: 'incremental',
  async run(context) {
    const { workspace } = context
    const size = workspace.sizes.includes('shared') ? 'shared' : workspace.sizes[0]
    const corpus = await corpusFor(workspace, size)
    const label = sizeLabel(size, corpus.files.length)
    const runs = context.quick ? 1 : Math.min(context.runs, 2)
    const rows: BenchRow[] = []
    let revision = 1

    const fullName = `change one patch → strata build (full rebuild), ${label}`
    try {
      const out = path.join(workspace.root, size, 'incremental-full')
      const samples: number[] = []
      for (let run = 0; run < runs; run++) {
        context.log(`incremental: strata build after a patch change, ${label}, run ${run + 1} of ${runs}`)
        revision++
        const start = performance.now()
        await rewritePatch(corpus, revision)
        await strataBuild(corpus.root, out)
        samples.push(performance.now() - start)
        await expectRevision(out, corpus, revision)
      }
      await rm(out, { recursive: true, force: true })
      rows.push({ suite: 'incremental', name: fullName, unit: 's', ...summarise(samples.map((ms) => ms / 1000)) })
    } catch (error) {
      rows.push(failedRow('incremental', fullName, 's', error))
    }

    const keptName = `change one patch → astro build, cache kept, ${label}`
    try {
      const out = path.join(workspace.root, size, 'incremental-kept')
      const cache = path.join(workspace.root, size, 'incremental-cache')
      const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', STRATA_CACHE_DIR: cache, STRATA_CONTENT: corpus.root }
      const args = [path.join(projectRoot, 'node_modules/astro/astro.js'), 'build', '--root', projectRoot, '--outDir', out, '--silent']
      const build = async () => {
        const result = await runMeasured(process.execPath, args, { cwd: projectRoot, env })
        if (result.code !== 0) throw new Error(`astro build exited with ${result.code}: ${result.tail}`)
      }
      context.log(`incremental: astro build filling a kept cache, ${label}`)
      await build()
      const samples: number[] = []
      for (let run = 0; run < runs; run++) {
        context.log(`incremental: astro build with the kept cache after a patch change, ${label}, run ${run + 1} of ${runs}`)
        revision++
        const start = performance.now()
        await rewritePatch(corpus, revision)
        await build()
        samples.push(performance.now() - start)
        await expectRevision(out, corpus, revision)
      }
      await rm(out, { recursive: true, force: true })
      await rm(cache, { recursive: true, force: true })
      rows.push({ suite: 'incremental', name: keptName, unit: 's', ...summarise(samples.map((ms) => ms / 1000)) })
    } catch (error) {
      rows.push(failedRow('incremental', keptName, 's', error))
    }
    const devName = `change one patch → dev server shows it, ${label}`
    try {
      const samples: number[] = []
      // Dev writes Astro's shared `.astro/` folder, as a build does: take turns with builds.
      await withBuildLock(projectRoot, () => withDevServer(corpus, async (page) => {
        await waitForText(page, editSentence(revision), 120_000)
        for (let run = 0; run < runs; run++) {
          context.log(`incremental: dev server after a patch change, ${label}, run ${run + 1} of ${runs}`)
          revision++
          const start = performance.now()
          await rewritePatch(corpus, revision)
          await waitForText(page, editSentence(revision), 60_000)
          samples.push(performance.now() - start)
        }
      }))
      rows.push({ suite: 'incremental', name: devName, unit: 's', ...summarise(samples.map((ms) => ms / 1000)), note: 'astro dev; polled every 50 ms' })
    } catch (error) {
      rows.push(failedRow('incremental', devName, 's', error))
    }
    await rewritePatch(corpus, 1)

    const full = context.previous.find((row) => row.suite === 'site build' && row.name === `strata: build, ${label}`)
    rows.push(ratioRow('incremental', `full rebuild after a change ÷ full build, ${label}`, rows[0], full))
    rows.push(ratioRow('incremental', `kept-cache rebuild after a change ÷ full build, ${label}`, rows[1], full))
    rows.push(ratioRow('incremental', `dev server update after a change ÷ full build, ${label}`, rows[2], full))
    return rows
  },
}
