// A fuzz worker thread (scripts/fuzz/supervisor.ts starts it). Plain
// JavaScript, because a worker starts outside any loader: it registers tsx
// to import the TypeScript modules, as scripts/bin/run-ts.mjs does.
import { register } from 'tsx/esm/api'

register()
await import('./worker-main.ts')
