#!/usr/bin/env node
// Runs a TypeScript entry point with no build step: tsx registers a loader that
// strips types on import, so `npx strata` works straight after `npm ci`.
import { register } from 'tsx/esm/api'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

register()
const [entry, ...rest] = process.argv.slice(2)
if (!entry) {
  process.stderr.write('usage: run-ts.mjs ENTRY.ts [ARGS…]\n')
  process.exit(2)
}
process.argv = [process.argv[0], path.resolve(entry), ...rest]
await import(pathToFileURL(path.resolve(entry)).href)
