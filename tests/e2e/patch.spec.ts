/**
 * The patch view in Chromium: a site built in the test from a content folder
 * that `strata add` filled from a thread assembled at test time (the shared v1
 * patch, its three review replies, and one hostile reply).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { freePort, waitForText } from '../../scripts/bench/net.ts'
import { reply, toMbox } from '../ingest/thread-helpers.ts'
import { expectAccessible } from './helpers.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const patches = path.resolve(root, '../shared/corpus/patches')
const strata = path.join(root, 'scripts/bin/strata.mjs')
const version = 'mm-highmem-add-notes-about-conversions-v1'

let server: ChildProcess | undefined
let base = ''

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(300_000)
  const dir = mkdtempSync(path.join(tmpdir(), 'strata-patch-view-'))
  const patch = readFileSync(path.join(patches, 'kmap-conversion-notes-v1.eml'), 'utf8')
  const replies = [1, 2, 3].map((n) => readFileSync(path.join(patches, `kmap-conversion-notes-v1-reply-${n}.eml`), 'utf8'))
  const hostile = reply(patch, {
    from: 'Mallory <mallory@example.org>',
    date: 'Thu, 8 Dec 2022 10:00:00 +0100',
    id: 'hostile@example.org',
    quote: ['<img src=x onerror="window.__pwned = 1">'],
    text: '<script>window.__pwned = 2</script> and <a href="javascript:window.__pwned = 3">click</a>',
  })
  writeFileSync(path.join(dir, 'thread.mbox'), toMbox([patch, ...replies, hostile]))
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ corpus: path.resolve(root, '../shared/corpus/linux-v6.1'), documents: [{ id: 'mm/highmem', path: 'Documentation/mm/highmem.rst', versions: [{ id: 'v6.1', label: 'Linux v6.1' }] }] }),
  )
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }
  execFileSync('node', [strata, 'add', '--content', dir, path.join(dir, 'thread.mbox')], { cwd: root, env, stdio: 'pipe' })
  execFileSync('node', [strata, 'build', '--quiet', '--content', dir, '--out', path.join(dir, 'site')], { cwd: root, env, stdio: 'pipe' })
  const port = await freePort()
  // The suite's own server has STRATA_E2E_PORT; this site gets a free one.
  server = spawn('node', [path.join(root, 'scripts/serve.mjs'), path.join(dir, 'site'), String(port)], { stdio: 'ignore' })
  base = `http://127.0.0.1:${port}`
  await waitForText(`${base}/patch/mm/highmem/${version}/`, 'Review (4)', 30_000)
})

test.afterAll(() => {
  server?.kill()
})

test('the document page links its patch-origin line to the patch view', async ({ page }) => {
  await page.goto(`${base}/docs/mm/highmem/${version}/`)
  const link = page.locator('.patch-origin').getByRole('link', { name: 'the patch and its review' })
  await link.click()
  await expect(page).toHaveURL(`${base}/patch/mm/highmem/${version}/`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('mm/highmem: Add notes about conversions from kmap{,_atomic}() (v1)')
})

test('the patch view shows the diff and, beside it, the review replies with what they quote', async ({ page }) => {
  await page.goto(`${base}/patch/mm/highmem/${version}/`)
  const patch = page.locator('article.patch')
  await expect(patch.getByRole('heading', { level: 2 })).toHaveText('[PATCH] mm/highmem: Add notes about conversions from kmap{,_atomic}()')
  await expect(patch).toContainText('Fabio M. De Francesco <fmdefrancesco@gmail.com>')
  await expect(patch.locator('pre.hunk').first()).toContainText('@@ -57,7 +57,8 @@')
  const review = page.getByRole('complementary', { name: /Review of \[PATCH\] mm\/highmem/ })
  await expect(review.getByRole('heading')).toHaveText('Review (4)')
  const replies = review.locator('article.reply')
  await expect(replies).toHaveCount(4)
  await expect(replies.nth(0).locator('.reply-author')).toHaveText('Sebastian Andrzej Siewior')
  await expect(replies.nth(0).locator('time')).toHaveAttribute('datetime', '2022-12-06T09:00:10+01:00')
  await expect(replies.nth(0).locator('.reply-subject')).toHaveText('Re: [PATCH] mm/highmem: Add notes about conversions from kmap{,_atomic}()')
  await expect(replies.nth(0).locator('.reply-quote').first()).toContainText('-* kmap_atomic().  This permits a very short duration mapping of a single')
  await expect(replies.nth(0).locator('.reply-text').nth(1)).toContainText('Furthermore, code between the kmap_atomic() and kunmap_atomic()')
  // The quoted-printable reply, decoded.
  await expect(replies.nth(2)).toContainText('Maybe I read it wrongly…')
  await expectAccessible(page)
})

test('a hostile reply is shown as text: no element, no script, no javascript: link', async ({ page }) => {
  await page.goto(`${base}/patch/mm/highmem/${version}/`)
  const hostile = page.getByRole('article', { name: 'Reply by Mallory' })
  await expect(hostile).toContainText('<script>window.__pwned = 2</script>')
  await expect(hostile).toContainText('<img src=x onerror="window.__pwned = 1">')
  await expect(hostile.locator('img, script, a')).toHaveCount(0)
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
})

test('the default site shows the seed patch, read from archive text, with the three review replies to its mail', async ({ page }) => {
  // The served default site (not this file's own build): its manifest names the replies of the shared thread.
  await page.goto('/patch/mm/highmem/kmap-notes-v1/')
  const review = page.getByRole('complementary', { name: /^Review of / })
  await expect(review.getByRole('heading', { name: 'Review (3)' })).toBeVisible()
  await expect(review).toContainText('Sebastian Andrzej Siewior')
  await expectAccessible(page)
})
