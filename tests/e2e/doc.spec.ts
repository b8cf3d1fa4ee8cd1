import { expect, test } from '@playwright/test'
import { expectAccessible, paths } from './helpers.ts'

test.describe('document pages', () => {
  test('v6.1 renders the sections, a working table of contents and the ASCII diagram verbatim', async ({ page }) => {
    await page.goto(paths.v61)
    await expect(page.getByRole('heading', { level: 1, name: 'High Memory Handling' })).toBeVisible()
    // On a wide screen the document's table of contents is the "On this page" column, not twice on screen.
    const column = page.getByRole('navigation', { name: 'On this page' })
    await expect(column).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Contents' })).toBeHidden()
    for (const href of await column.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')!))) {
      await expect(page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`)).toHaveCount(1)
    }
    const diagram = page.locator('pre', { hasText: '0xffffffff' })
    await expect(diagram).toContainText('+--------+ 0xffffffff\n                | Kernel |')
    await expect(page.getByRole('note')).toHaveCount(1) // only "not the newest version"
    await expect(page.getByRole('note', { name: 'Not the newest version' })).toContainText('mm/highmem: Add notes about conversions')
    await expectAccessible(page)
    // On a phone there is no column: the table of contents stays in the text.
    await page.setViewportSize({ width: 360, height: 740 })
    const toc = page.getByRole('navigation', { name: 'Contents' })
    await expect(toc).toBeVisible()
    await expect(column).toBeHidden()
    const entries = toc.getByRole('link')
    await expect(entries).toHaveCount(5)
    for (const href of await entries.evaluateAll((links) => links.map((link) => link.getAttribute('href')!))) {
      await expect(page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`)).toHaveCount(1)
    }
  })

  test('the seed version shows a deprecation banner at kmap_atomic and kmap, and the legacy text collapsed', async ({ page }) => {
    await page.goto(paths.seed)
    const banners = page.locator('aside[role="note"].deprecation-banner')
    await expect(banners).toHaveCount(2)
    for (const banner of await banners.all()) {
      await expect(banner).toContainText('Deprecated in')
      await expect(banner).toContainText('mm/highmem: Add notes about conversions from kmap{,_atomic}()')
      await expect(banner.getByRole('link', { name: /kmap_local_page/ })).toHaveAttribute('href', paths.api('kmap-notes-v1', 'kmap_local_page'))
    }
    const legacy = page.locator('details.legacy')
    await expect(legacy).toHaveCount(2)
    for (const details of await legacy.all()) await expect(details).not.toHaveAttribute('open', '')
    await expect(legacy.first().locator('summary')).toHaveText(/Legacy documentation/)
    await expect(page.getByRole('note', { name: 'Not the newest version' })).toHaveCount(0)
    await expectAccessible(page)
  })

  test('API names link to their pages, deprecated ones struck through', async ({ page }) => {
    await page.goto(paths.seed)
    const kmap = page.locator(`a.api[href="${paths.api('kmap-notes-v1', 'kmap')}"]`).first()
    await expect(kmap).toHaveClass(/api-deprecated/)
    expect(await kmap.evaluate((element) => getComputedStyle(element).textDecorationLine)).toContain('line-through')
    await page.goto(paths.v61)
    const old = page.locator(`a.api[href="${paths.api('v6.1', 'kmap')}"]`).first()
    await expect(old).not.toHaveClass(/api-deprecated/)
  })

  test('the version switcher keeps you on the same document', async ({ page }) => {
    await page.goto(paths.v61)
    await page.getByLabel('Version', { exact: true }).selectOption(paths.seed)
    await expect(page).toHaveURL(paths.seed)
  })
})
