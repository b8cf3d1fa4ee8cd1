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

  test('home lists the documents by subsystem with their counts, and the patch among recent changes', async ({ page }) => {
    await page.goto('/')
    const recent = page.getByRole('region', { name: 'Recent changes' }).getByRole('listitem')
    await expect(recent.first()).toContainText('mm/highmem: Add notes about conversions')
    await expect(recent.first()).toContainText('Fabio M. De Francesco')
    await expect(recent.first().getByRole('link', { name: 'what changed' })).toHaveAttribute('href', paths.compare)
    const mm = page.getByRole('region', { name: /^mm/ })
    const highmem = mm.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'High Memory Handling' }) })
    await expect(highmem.getByRole('link')).toHaveAttribute('href', paths.seed)
    await expect(highmem).toContainText('2 deprecated, 1 patched version')
    await expectAccessible(page)
  })
})
