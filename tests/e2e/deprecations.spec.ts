import { expect, test } from '@playwright/test'
import { expectAccessible, paths } from './helpers.ts'

test.describe('deprecations index', () => {
  test('lists kmap and kmap_atomic with their replacement and note, filterable, and as JSON', async ({ page, request }) => {
    await page.goto(paths.deprecations)
    const rows = page.locator('table.deprecations tbody tr')
    await expect(rows).toHaveCount(2)
    await expect(rows.filter({ hasText: 'kmap_atomic()' })).toContainText('kmap_local_page()')
    await expect(rows.filter({ hasText: 'kmap_atomic()' })).toContainText('NOTE: Conversions')
    await page.getByLabel('Filter by version').selectOption('mm~highmem@v6.1')
    await expect(rows.locator('visible=true')).toHaveCount(0)
    await page.getByLabel('Filter by version').selectOption({ index: 0 })
    await expect(rows.locator('visible=true')).toHaveCount(2)
    const json = await (await request.get('/deprecations.json')).json()
    expect(json.map((entry: { name: string; since: string; replacement: string[] }) => [entry.name, entry.since, entry.replacement])).toEqual([
      ['kmap', 'kmap-notes-v1', ['kmap_local_page']],
      ['kmap_atomic', 'kmap-notes-v1', ['kmap_local_page']],
    ])
    await expectAccessible(page)
  })

  test('home lists the versions with their patch and counts', async ({ page }) => {
    await page.goto('/')
    const rows = page.locator('table.versions-table tbody tr')
    await expect(rows).toHaveCount(2)
    await expect(rows.nth(0)).toContainText('Linux v6.1')
    await expect(rows.nth(1)).toContainText('Fabio M. De Francesco')
    await expect(rows.nth(1).locator('td').nth(4)).toHaveText('2')
    await expectAccessible(page)
  })
})
