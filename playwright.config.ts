import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download its own
 * browser here). The web server step builds the site once from the default
 * content into `.strata-test/site`, then serves it on a loopback port.
 */
const port = Number(process.env.STRATA_E2E_PORT ?? 4329)

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['line']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/lib/chromium/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node scripts/bin/strata.mjs build --quiet --out .strata-test/site && node scripts/serve.mjs .strata-test/site ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 240_000,
  },
})
