// @ts-check
import { defineConfig } from 'astro/config'
import preact from '@astrojs/preact'
import strata from './src/integration/index.ts'

// `strata build --content DIR --corpus DIR --kernel-tree DIR` passes its flags
// through these variables; a plain `astro build` uses the default content.
export default defineConfig({
  // Each `strata build` gets a cache of its own, so builds side by side
  // (tests, benchmarks) never share Astro's content data store.
  ...(process.env.STRATA_CACHE_DIR ? { cacheDir: process.env.STRATA_CACHE_DIR } : {}),
  site: 'https://strata.invalid',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  integrations: [
    preact(),
    strata({
      content: process.env.STRATA_CONTENT || './content',
      corpus: process.env.STRATA_CORPUS || undefined,
      kernelTree: process.env.STRATA_KERNEL_TREE || undefined,
    }),
  ],
})
