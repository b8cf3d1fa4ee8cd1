// The search files, built in a worker thread while the main thread renders
// the versions (src/site/loader/index.ts starts it). Plain JavaScript, because a
// worker starts outside Vite: it registers tsx to import the TypeScript
// modules, as scripts/bin/run-ts.mjs does.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { writeSearchFiles } = await import('./files.ts')
await writeSearchFiles(workerData.dir, workerData.inputs)
parentPort.postMessage('done')
