import { expect, test } from '@playwright/test'
import { expectAccessible, paths } from './helpers.ts'

test.describe('API pages', () => {
  test('kmap in the seed version: deprecated, replacement, since which patch, the conversion note, facts and history', async ({ page }) => {
    await page.goto(paths.api('kmap-notes-v1', 'kmap'))
    await expect(page.getByRole('heading', { level: 1 })).toContainText('kmap()')
    await expect(page.locator('h1 .badge')).toHaveText('Deprecated')
    const banner = page.getByRole('note', { name: 'Deprecated' })
    await expect(banner).toContainText('mm/highmem: Add notes about conversions')
    await expect(banner.getByRole('link', { name: 'kmap_local_page()' })).toHaveAttribute('href', paths.api('kmap-notes-v1', 'kmap_local_page'))
    await expect(banner).toContainText('NOTE: Conversions to kmap_local_page()')
    const facts = page.locator('table.facts')
    await expect(facts).toContainText('preemptible')
    await expect(facts).toContainText('may-sleep')
    await expect(facts).toContainText('takes-global-lock')
    await expect(facts).toContainText('flushes-tlb')
    await expect(facts).toContainText('kunmap()')
    const timeline = page.locator('ol.timeline li')
    await expect(timeline).toHaveCount(2)
    await expect(timeline.nth(0)).toContainText('Discouraged')
    await expect(timeline.nth(1)).toContainText('Deprecated')
    await expect(page.locator('details.legacy')).toHaveCount(1)
    await expectAccessible(page)
  })

  test('links to the exact source lines', async ({ page }) => {
    await page.goto(paths.api('kmap-notes-v1', 'kmap'))
    const link = page.getByRole('link', { name: /^Source lines/ })
    const href = (await link.getAttribute('href'))!
    await link.click()
    const anchor = href.split('#')[1].split('-')[0]
    await expect(page.locator(`[id="${anchor}"]`)).toContainText('* kmap().')
  })

  test('the switcher keeps you on the same API, and an older version points at the newest', async ({ page }) => {
    await page.goto(paths.api('kmap-notes-v1', 'kmap_atomic'))
    await page.getByLabel('Version', { exact: true }).selectOption(paths.api('v6.1', 'kmap_atomic'))
    await expect(page).toHaveURL(paths.api('v6.1', 'kmap_atomic'))
    await expect(page.locator('h1 .badge')).toHaveText('Discouraged')
    const outdated = page.getByRole('note', { name: 'Not the newest version' })
    await expect(outdated.getByRole('link')).toHaveAttribute('href', paths.api('kmap-notes-v1', 'kmap_atomic'))
    await expectAccessible(page)
  })
})
