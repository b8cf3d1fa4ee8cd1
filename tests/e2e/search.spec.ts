import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, paths } from './helpers.ts'

const trigger = (page: Page) => page.getByRole('button', { name: 'Search' })
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Search the API' })
const box = (page: Page) => dialog(page).getByRole('searchbox', { name: 'Search the API' })
const results = (page: Page) => page.getByRole('list', { name: 'Search results' }).locator(':scope > li')
const status = (page: Page) => dialog(page).getByRole('status')

/** Open a page and wait until the search island is hydrated (Astro drops `ssr` from the island then). */
async function open(page: Page, url: string) {
  await page.goto(url)
  await expect(page.locator('astro-island', { has: trigger(page) })).not.toHaveAttribute('ssr', /.*/)
}

/** Open a page, then the search dialog from its button. */
async function openDialog(page: Page, url: string) {
  await open(page, url)
  await trigger(page).click()
  await expect(dialog(page)).toBeVisible()
  await expect(box(page)).toBeFocused()
}

test.describe('search', () => {
  test('`/` opens the dialog; kmap finds the three kmap functions, current ones first; Escape closes it and focus returns', async ({ page }) => {
    await open(page, paths.seed)
    await expect(dialog(page)).toBeHidden()
    const link = page.locator('main a[href]').first()
    await link.focus()
    await page.keyboard.press('/')
    await expect(dialog(page)).toBeVisible()
    await expect(box(page)).toBeFocused()
    await page.keyboard.type('kmap')
    const items = results(page)
    await expect(items.first()).toBeVisible()
    const names = await items.locator('.strata-search__name').allInnerTexts()
    for (const name of ['kmap_local_page', 'kmap_atomic', 'kmap']) expect(names.some((text) => text.replace(/\(\)$/, '') === name)).toBe(true)
    // rustdoc's convention: for one query, deprecated results come after current ones.
    const statuses = await items.evaluateAll((elements) => elements.map((element) => element.className.includes('--deprecated')))
    expect(statuses.slice(statuses.indexOf(true)).every(Boolean)).toBe(true)
    await dialog(page).getByLabel('Hide deprecated').check()
    await expect(items.filter({ has: page.locator('.strata-search__badge--deprecated') })).toHaveCount(0)
    await expectAccessible(page)
    await page.keyboard.press('Escape')
    await expect(dialog(page)).toBeHidden()
    await expect(link).toBeFocused()
  })

  test('Ctrl-K and Cmd-K open the dialog and focus stays inside it; `/` in the field is typed', async ({ page }) => {
    await open(page, paths.seed)
    for (const shortcut of ['Control+k', 'Meta+k']) {
      await page.keyboard.press(shortcut)
      await expect(dialog(page)).toBeVisible()
      await expect(box(page)).toBeFocused()
      // Tab cycles through the dialog's controls, never the page behind it.
      for (let step = 0; step < 8; step++) {
        await page.keyboard.press('Tab')
        expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')) || document.activeElement === document.body)).toBe(true)
      }
      await page.keyboard.press('Escape')
      await expect(dialog(page)).toBeHidden()
      await expect(trigger(page)).toBeVisible()
    }
    // `/` in the field types a slash rather than reopening the search.
    await trigger(page).click()
    await box(page).fill('a/b')
    await expect(box(page)).toHaveValue('a/b')
  })

  test('field queries, the version scope and parentheses, inside the dialog', async ({ page }) => {
    await openDialog(page, paths.seed)
    await box(page).fill('status:deprecated')
    await dialog(page).getByLabel('Search in').selectOption('mm~highmem@kmap-notes-v1')
    await expect(results(page)).toHaveCount(2)
    await expect(results(page).locator('.strata-search__name')).toHaveText([/^kmap(\(\))?$/, /^kmap_atomic(\(\))?$/].sort() as never)
    await dialog(page).getByLabel('Search in').selectOption('mm~highmem@v6.1')
    await expect(status(page)).toHaveText('No results.')
    await box(page).fill('kmap_local_page()')
    await expect(results(page).first().locator('.strata-search__name')).toHaveText(/^kmap_local_page/)
  })

  test('across all versions, each result lists the versions that hold it', async ({ page }) => {
    await openDialog(page, paths.seed)
    await dialog(page).getByLabel('Search in').selectOption('all')
    await box(page).fill('kmap_local_page')
    await expect(results(page).first()).toBeVisible()
    const versionLinks = (at: number) => results(page).nth(at).getByRole('list', { name: /^Versions of / }).getByRole('link')
    const lists: string[][] = []
    for (let at = 0; at < (await results(page).count()); at++) lists.push(await versionLinks(at).allInnerTexts())
    expect(lists.every((list) => list.length > 0)).toBe(true)
    // kmap_local_page's record changed in the patch: two results, one per version; `page_address` did not: one result, both versions.
    const named = await results(page).locator('.strata-search__name').allInnerTexts()
    expect(named.filter((name) => name === 'kmap_local_page')).toHaveLength(2)
    await box(page).fill('page_address')
    await expect(results(page).first().locator('.strata-search__name')).toHaveText('page_address')
    await expect(versionLinks(0)).toHaveText(['v6.1', 'kmap-notes-v1'])
    await expect(versionLinks(0).first()).toHaveAttribute('href', paths.api('v6.1', 'page_address'))
    await expect(results(page).first().locator('.strata-search__name')).toHaveAttribute('href', paths.api('kmap-notes-v1', 'page_address'))
    await expectAccessible(page)
  })

  test('a malformed query shows a message and the results for its words', async ({ page }) => {
    await openDialog(page, paths.seed)
    for (const query of ['kmap:', 'status:', '~', '+', 'foo^']) {
      await box(page).fill(query)
      await expect(status(page)).toContainText(/Could not read|No results|results?\./)
    }
    await box(page).fill('kmap:')
    await expect(status(page)).toContainText('Could not read')
    await expect(results(page).first()).toBeVisible()
    await expect(page.locator('.strata-search__message code')).toHaveText('kmap:')
  })

  test('arrow keys and Enter open a result', async ({ page }) => {
    await openDialog(page, paths.seed)
    await box(page).fill('kmap_atomic')
    await expect(results(page).first()).toBeVisible()
    await box(page).press('ArrowDown')
    const first = results(page).first().locator('.strata-search__name')
    await expect(first).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(results(page).nth(1).locator('.strata-search__name')).toBeFocused()
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowUp')
    await expect(box(page)).toBeFocused()
    await page.keyboard.press('ArrowDown')
    const href = await first.getAttribute('href')
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(href!)
  })

  test('Enter in the field opens the first result', async ({ page }) => {
    await openDialog(page, paths.v61)
    await box(page).fill('kmap_atomic')
    await expect(results(page).first()).toBeVisible()
    const href = await results(page).first().locator('.strata-search__name').getAttribute('href')
    await box(page).press('Enter')
    await expect(page).toHaveURL(href!)
  })

  test('the closed search is one button, one line high, at 360 px', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 })
    await open(page, paths.seed)
    const box360 = await trigger(page).boundingBox()
    expect(box360!.height).toBeLessThanOrEqual(40)
    expect(box360!.width).toBeLessThanOrEqual(200)
    await trigger(page).click()
    const shown = await dialog(page).boundingBox()
    expect(shown!.width).toBeLessThanOrEqual(360)
    expect(shown!.x).toBeGreaterThanOrEqual(0)
  })

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds nothing with the dialog open and results shown (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme })
      await openDialog(page, paths.seed)
      await box(page).fill('kmap')
      await expect(results(page).first()).toBeVisible()
      await expectAccessible(page)
      await dialog(page).getByLabel('Search in').selectOption('all')
      await box(page).fill('kmap')
      await expect(results(page).first().getByRole('list')).toBeVisible()
      await expectAccessible(page)
    })
  }
})
