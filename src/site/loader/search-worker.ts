import { Worker } from 'node:worker_threads'
import type { SearchInput } from '../../search/build.ts'

/**
 * Write the search files (`writeSearchFiles`) in a worker thread, so that
 * lunr's index building (14 s of a 1,000-document build) runs on a second
 * core while the main thread renders the versions and Astro stores them.
 *
 * @param dir Where the files go.
 * @param inputs Each version's search items.
 * @returns Resolves when every file is written; rejects with the worker's error.
 */
export function writeSearchFilesInWorker(dir: string, inputs: readonly SearchInput[]): Promise<void> {
  const written = new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL('../../search/index-worker.mjs', import.meta.url), { workerData: { dir, inputs } })
    let done = false
    worker.once('message', () => (done = true))
    worker.once('error', (error) => reject(new Error(`Strata could not build the search index: ${error.message}`, { cause: error })))
    worker.once('exit', (code) => (done ? resolve() : reject(new Error(`Strata could not build the search index: its worker stopped (exit code ${code})`))))
  })
  // The caller awaits this later; until then, a failure must not count as unhandled.
  written.catch(() => undefined)
  return written
}
