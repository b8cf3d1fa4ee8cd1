#!/usr/bin/env node
// Before the tests: the two system tools they drive, Debian's Chromium
// (Playwright cannot download its own browser here) and docutils (the
// parser is compared with it). A missing one stops the run at once with the
// one command that installs what is missing, instead of failing test by test.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

// The paths playwright.config.ts and scripts/conformance/docutils.ts use.
const chromium = '/usr/lib/chromium/chromium'
const python = '/usr/bin/python3'
const missing = []
if (!existsSync(chromium)) missing.push('chromium')
try {
  execFileSync(python, ['-c', 'import docutils'], { stdio: 'ignore' })
} catch {
  missing.push('python3-docutils')
}
if (missing.length > 0) {
  process.stderr.write(`The tests need ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed. Run (as root):\n\n  apt-get install -y ${missing.join(' ')}\n\nthen run the tests again.\n`)
  process.exit(1)
}
