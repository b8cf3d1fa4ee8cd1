import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, paths } from './helpers.ts'

const box = (page: Page) => page.getByRole('searchbox', { name: 'Search the API' })
const results = (page: Page) => page.getByRole('list', { name: 'Search results' }).getByRole('listitem')

/** Open a page and wait until the search island is hydrated (Astro drops `ssr` from the island then). */
async function open(page: Page, url: string) {
  await page.goto(url)
  await expect(page.locator('astro-island', { has: box(page) })).not.toHaveAttribute('ssr', /.*/)
}

test.describe('search', () => {
  test('/ focuses the box; kmap finds the three kmap functions, current ones first', async ({ page }) => {
    await open(page, paths.seed)
    await page.locator('main').click()
    await page.keyboard.press('/')
    await expect(box(page)).toBeFocused()
    await page.keyboard.type('kmap')
    const items = results(page)
    await expect(items.first()).toBeVisible()
    const names = await items.locator('.strata-search__name').allInnerTexts()
    for (const name of ['kmap_local_page', 'kmap_atomic', 'kmap']) expect(names.some((text) => text.replace(/\(\)$/, '') === name)).toBe(true)
    // rustdoc's convention: for one query, deprecated results come after current ones.
    const statuses = await items.evaluateAll((elements) => elements.map((element) => element.className.includes('--deprecated')))
    expect(statuses.slice(statuses.indexOf(true)).every(Boolean)).toBe(true)
    await page.getByLabel('Hide deprecated').check()
    await expect(items.filter({ has: page.locator('.strata-search__badge--deprecated') })).toHaveCount(0)
    await expectAccessible(page)
  })

  test('field queries and parentheses', async ({ page }) => {
    await open(page, paths.seed)
    await box(page).fill('status:deprecated')
    await page.getByLabel('Search in').selectOption('mm~highmem@kmap-notes-v1')
    await expect(results(page)).toHaveCount(2)
    await expect(results(page).locator('.strata-search__name')).toHaveText([/^kmap(\(\))?$/, /^kmap_atomic(\(\))?$/].sort() as never)
    await box(page).fill('kmap_local_page()')
    await expect(results(page).first().locator('.strata-search__name')).toHaveText(/^kmap_local_page/)
  })

  test('a malformed query shows a message and the results for its words', async ({ page }) => {
    await open(page, paths.seed)
    for (const query of ['kmap:', 'status:', '~', '+', 'foo^']) {
      await box(page).fill(query)
      await expect(page.getByRole('status')).toBeVisible()
    }
    await box(page).fill('kmap:')
    await expect(page.getByRole('status')).toContainText('Could not read')
    await expect(results(page).first()).toBeVisible()
  })

  test('arrow keys and Enter open a result', async ({ page }) => {
    await open(page, paths.seed)
    await box(page).fill('kmap_atomic')
    await expect(results(page).first()).toBeVisible()
    await box(page).press('ArrowDown')
    const first = results(page).first().getByRole('link').first()
    await expect(first).toBeFocused()
    const href = await first.getAttribute('href')
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(href!)
  })
})
