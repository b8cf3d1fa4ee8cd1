/**
 * Navigation in Chromium: the compact header, the phone's menu, the sidebar
 * by keyboard, previous/next, the "On this page" column, and axe on every
 * page type in light and dark, with a screenshot of each at 1280 and 360 px
 * (in test-results/screenshots/, to look at).
 */
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { expectAccessible, paths } from './helpers.ts'

const pageTypes = {
  home: '/',
  document: '/docs/kernel-hacking/hacking/recent/',
  'document (older version)': paths.v61,
  source: '/source/kernel-hacking/index/recent/',
  api: paths.api('kmap-notes-v1', 'kmap'),
  compare: paths.compare,
  deprecations: paths.deprecations,
  simulator: paths.simulator,
  'not found': '/no/such/page/',
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} colour scheme`, () => {
    test.use({ colorScheme: scheme })
    for (const [type, url] of Object.entries(pageTypes)) {
      test(`${type}: no axe violation at 1280 and 360 px; the header is one line of at most 64 px`, async ({ page }) => {
        for (const width of [1280, 360]) {
          await page.setViewportSize({ width, height: 800 })
          await page.goto(url)
          const header = (await page.locator('header.site-header').boundingBox())!
          expect(header.height).toBeLessThanOrEqual(64)
          // Brand, menu button and the search slot (sized for a button: the island must fit it) sit on the header's one line.
          for (const part of ['.brand', '.search-slot', width < 1024 ? '.menu-button' : 'nav[aria-label="Site"]']) {
            const box = (await page.locator(`header ${part}`).boundingBox())!
            expect(box.y, `${part} at ${width}`).toBeGreaterThanOrEqual(header.y)
            expect(box.y + box.height, `${part} at ${width}`).toBeLessThanOrEqual(header.y + header.height)
          }
          await page.screenshot({ path: path.join(test.info().project.outputDir, 'screenshots', `${type.replace(/\W+/g, '-')}-${width}-${scheme}.png`), fullPage: false })
          await expectAccessible(page)
        }
      })
    }
  })
}

test('on a phone the sidebar is behind the menu button, which opens and closes it by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 })
  await page.goto('/docs/kernel-hacking/hacking/recent/')
  const menu = page.getByRole('button', { name: 'Menu' })
  const sidebar = page.getByRole('navigation', { name: 'Documents' })
  await expect(sidebar).toBeHidden()
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await menu.focus()
  await page.keyboard.press('Enter')
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  await expect(sidebar).toBeVisible()
  await expect(sidebar.getByRole('link', { name: 'Unreliable Guide To Hacking The Linux Kernel' })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('link', { name: 'Deprecations' }).first()).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(sidebar).toBeHidden()
  await expect(menu).toBeFocused()
})

test('sidebar sections fold by keyboard; the current branch starts open', async ({ page }) => {
  await page.goto('/docs/kernel-hacking/hacking/recent/')
  const sidebar = page.getByRole('navigation', { name: 'Documents' })
  await expect(sidebar.getByRole('link', { name: 'Unreliable Guide To Locking' })).toBeVisible()
  // A far branch is folded; its toggle opens it from the keyboard.
  const locking = sidebar.getByRole('link', { name: 'Runtime locking correctness validator' })
  await expect(locking).toBeHidden()
  const toggle = sidebar.locator('summary', { hasText: 'Pages in locking' })
  await toggle.focus()
  await page.keyboard.press('Enter')
  await expect(locking).toBeVisible()
  await locking.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL('/docs/locking/lockdep-design/recent/')
  await expect(page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'locking' })).toHaveAttribute('href', '/docs/locking/index/recent/')
})

test('previous and next follow the toctree: the index, then its entries in order', async ({ page }) => {
  await page.goto('/docs/kernel-hacking/index/recent/')
  const pager = page.getByRole('navigation', { name: 'Previous and next' })
  await pager.getByRole('link', { name: /Next/ }).click()
  await expect(page).toHaveURL('/docs/kernel-hacking/hacking/recent/')
  await expect(page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Kernel Hacking Guides' })).toHaveAttribute('href', '/docs/kernel-hacking/index/recent/')
  await page.getByRole('navigation', { name: 'Previous and next' }).getByRole('link', { name: /Next/ }).click()
  await expect(page).toHaveURL('/docs/kernel-hacking/locking/recent/')
  await page.getByRole('navigation', { name: 'Previous and next' }).getByRole('link', { name: /Previous/ }).click()
  await expect(page).toHaveURL('/docs/kernel-hacking/hacking/recent/')
})

test('toctree entries show titles and link to the same version', async ({ page }) => {
  await page.goto('/docs/kernel-hacking/index/recent/')
  const toctree = page.locator('main .toctree')
  await expect(toctree.getByRole('link', { name: 'Unreliable Guide To Hacking The Linux Kernel', exact: true })).toHaveAttribute('href', '/docs/kernel-hacking/hacking/recent/')
  await expect(toctree.getByRole('link', { name: 'Unreliable Guide To Locking', exact: true })).toHaveAttribute('href', '/docs/kernel-hacking/locking/recent/')
  // `:maxdepth: 2`: each document's sections, linked to their anchors.
  await expect(toctree.getByRole('link', { name: 'Introduction' }).first()).toHaveAttribute('href', '/docs/kernel-hacking/hacking/recent/#introduction')
})

test('"On this page" marks the section in view, and works as plain links', async ({ page }) => {
  await page.goto('/docs/kernel-hacking/hacking/recent/')
  const column = page.getByRole('navigation', { name: 'On this page' })
  await expect(column.locator('a[aria-current="true"]')).toHaveText('Introduction')
  await column.getByRole('link', { name: 'Some Basic Rules' }).click()
  await expect(page).toHaveURL(/#some-basic-rules$/)
  await expect(column.locator('a[aria-current="true"]')).toHaveText('Some Basic Rules')
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })
  test('the phone shows the sidebar after the text, and "On this page" is plain links', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto('/docs/kernel-hacking/hacking/recent/')
    await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden()
    const sidebar = page.getByRole('navigation', { name: 'Documents' })
    await expect(sidebar).toBeVisible()
    expect((await sidebar.boundingBox())!.y).toBeGreaterThan((await page.locator('main').boundingBox())!.y)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Some Basic Rules' }).click()
    await expect(page).toHaveURL(/#some-basic-rules$/)
  })
})
