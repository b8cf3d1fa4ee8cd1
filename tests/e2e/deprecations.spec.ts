import { expect, test } from '@playwright/test'
import { expectAccessible, paths } from './helpers.ts'

test.describe('deprecations index', () => {
  test('lists kmap and kmap_atomic with their replacement and note, filterable, and as JSON', async ({ page, request }) => {
    await page.goto(paths.deprecations)
    const rows = page.locator('table.deprecations tbody tr[data-document]')
    await expect(rows).toHaveCount(2)
    await expect(rows.filter({ hasText: 'kmap_atomic()' })).toContainText('kmap_local_page()')
    await expect(rows.filter({ hasText: 'kmap_atomic()' })).toContainText('NOTE: Conversions')
    // Only versions that deprecate something are offered.
    await expect(page.getByLabel('Filter by version').locator('option')).toHaveText(['All versions', /Add notes about conversions/])
    await page.getByLabel('Filter by document').selectOption('mm/highmem')
    await page.getByLabel('Filter by version').selectOption('mm~highmem@kmap-notes-v1')
    await expect(rows.locator('visible=true')).toHaveCount(2)
    await expect(page.locator('output')).toHaveText('2 deprecations')
    // A document with no deprecations hides every row.
    await page.getByLabel('Filter by document').evaluate((select: HTMLSelectElement) => select.append(new Option('mm/other', 'mm/other')))
    await page.getByLabel('Filter by version').selectOption('')
    await page.getByLabel('Filter by document').selectOption('mm/other')
    await expect(rows.locator('visible=true')).toHaveCount(0)
    await expect(page.locator('output')).toHaveText('0 deprecations')
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
