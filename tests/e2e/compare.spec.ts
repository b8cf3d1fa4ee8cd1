import { expect, test } from '@playwright/test'
import { expectAccessible, paths } from './helpers.ts'

test.describe('compare', () => {
  test('shows the record changes, the word diff, collapsed unchanged sections and the patch', async ({ page }) => {
    await page.goto(paths.compare)
    const changes = page.locator('table.record-changes')
    for (const name of ['kmap', 'kmap_atomic']) {
      const row = changes.locator('tr', { has: page.locator(`code:text-is("${name}")`) })
      await expect(row).toContainText('Discouraged')
      await expect(row).toContainText('Deprecated')
    }
    // "This function should be preferred, where feasible, over all the others." became
    // "This function should always be used.": a word diff, not a line diff.
    const changed = page.locator('.view-inline', { hasText: 'This function should' }).first()
    await expect(changed.locator('ins', { hasText: /^always $/ })).toHaveCount(1)
    await expect(changed.locator('del', { hasText: 'preferred, where feasible, over all the others' })).toHaveCount(1)
    await expect(changed.locator('ins', { hasText: 'function has been deprecated; use kmap_local_page().' }).first()).toBeVisible()
    const unchanged = page.locator('details.section-diff.unchanged')
    expect(await unchanged.count()).toBeGreaterThan(2)
    await expect(unchanged.first()).not.toHaveAttribute('open', '')
    await page.getByLabel('Side by side').check()
    await expect(page.locator('.view-side').first()).toBeVisible()
    await expect(page.locator('.view-inline').first()).toBeHidden()
    const patch = page.locator('article.patch')
    await expect(patch).toContainText('Fabio M. De Francesco')
    await expect(patch).toContainText('Signed-off-by')
    await expect(patch.locator('pre.hunk')).toHaveCount(3)
    await expect(patch.locator('.line-add').first()).toBeVisible()
    await expectAccessible(page)
  })

  test('links each version and offers the JSON', async ({ page, request }) => {
    await page.goto(paths.compare)
    const json = await (await request.get(await page.getByRole('link', { name: 'changes.json' }).getAttribute('href') as string)).json()
    expect(json.records.map((record: { name: string }) => record.name)).toEqual(expect.arrayContaining(['kmap', 'kmap_atomic', 'kmap_local_page']))
    await page.getByRole('link', { name: 'Linux v6.1' }).first().click()
    await expect(page).toHaveURL(paths.v61)
  })
})
