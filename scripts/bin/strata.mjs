#!/usr/bin/env node
// The `strata` command. tsx strips the TypeScript on import, so there is no
// build step between `npm ci` and `npx strata`.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
