/**
 * Incremental rebuild: the time from changing one patch (the corpus's
 * `bench-edit` patch gets a new sentence) to an updated site, checked by
 * finding the new sentence in the patched version's page.
 *
 * Strata has no incremental build today, so two honest figures:
 * - `strata build` after the change: a full rebuild, as a reader gets it
 *   (the CLI gives every build a fresh Astro cache and removes it after);
 * - `astro build` with the same environment but one cache folder kept from
 *   the previous build (`STRATA_CACHE_DIR`), which is what reusing Astro's
 *   content-layer cache would buy without building a caching system. Strata's
 *   loader clears its store and reloads every entry, so only Vite's and
 *   Astro's own caches carry over.
 * Both against the full-build figure of the site suite at the same size.
 *
 * Measured at the shared corpus when it is among the sizes, else at the
 * smallest size; up to 2 runs of each (1 in quick mode).
 */
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { projectRoot } from '../conformance/corpus.ts'
import { editSentence, rewritePatch, type GeneratedCorpus } from './generate.ts'
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
    await rewritePatch(corpus, 1)

    const full = context.previous.find((row) => row.suite === 'site build' && row.name === `strata: build, ${label}`)
    rows.push(ratioRow('incremental', `full rebuild after a change ÷ full build, ${label}`, rows[0], full))
    rows.push(ratioRow('incremental', `kept-cache rebuild after a change ÷ full build, ${label}`, rows[1], full))
    return rows
  },
}
