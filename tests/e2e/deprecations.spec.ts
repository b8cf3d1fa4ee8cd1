import { expect, test } from '@playwright/test'
import { expectAccessible, paths } from './helpers.ts'

test.describe('deprecations index', () => {
  test('lists the deprecated and removed APIs of every document, grouped by subsystem, with what replaces them and the sentence that says so', async ({ page, request }) => {
    await page.goto(paths.deprecations)
    const rows = page.locator('table.deprecations tbody tr[data-document]')
    const json: Array<{ name: string; document: string; subsystem: string; status: string; since: string; replacement: string[]; statement: { sentence: string; line: number } | null }> = await (
      await request.get('/deprecations.json')
    ).json()
    // The whole shared corpus: entries from several documents and subsystems, each row one of deprecations.json.
    await expect(rows).toHaveCount(json.length)
    expect(new Set(json.map((entry) => entry.document)).size).toBeGreaterThanOrEqual(4)
    expect(new Set(json.map((entry) => entry.subsystem)).size).toBeGreaterThanOrEqual(3)
    expect(json.some((entry) => entry.status === 'removed')).toBe(true)
    await expect(page.locator('table.deprecations tr[data-group] th')).toHaveText([...new Set(json.map((entry) => entry.subsystem))])
    // Every deprecation quotes the sentence behind it, linked to its line.
    const atomic = page.locator('table.deprecations tr[data-name="kmap_atomic"][data-version="mm~highmem@kmap-notes-v1"]')
    await expect(atomic).toContainText('kmap_local_page()')
    await expect(atomic).toContainText('NOTE: Conversions')
    await expect(atomic.getByRole('link', { name: /^line \d+$/ })).toHaveAttribute('href', /\/source\/mm\/highmem\/kmap-notes-v1\/#L\d+$/)
    const removed = json.find((entry) => entry.status === 'removed' && entry.replacement.length > 0)!
    await expect(page.locator(`table.deprecations tr[data-name="${removed.name}"]`).first()).toContainText(removed.replacement[0])
    // Filters: by document and version, by name, by status; a document with none hides every row and its group.
    await page.getByLabel('Filter by document').selectOption('mm/highmem')
    await page.getByLabel('Filter by version').selectOption('mm~highmem@kmap-notes-v1')
    await expect(rows.locator('visible=true')).toHaveCount(2)
    await expect(page.locator('output')).toHaveText('2 deprecations')
    await page.getByLabel('Filter by name').fill('kmap_atomic')
    await expect(rows.locator('visible=true')).toHaveCount(1)
    await page.getByLabel('Filter by name').fill('')
    await page.getByLabel('Filter by document').evaluate((select: HTMLSelectElement) => select.append(new Option('mm/other', 'mm/other')))
    await page.getByLabel('Filter by version').selectOption('')
    await page.getByLabel('Filter by document').selectOption('mm/other')
    await expect(rows.locator('visible=true')).toHaveCount(0)
    await expect(page.locator('table.deprecations tr[data-group]').locator('visible=true')).toHaveCount(0)
    await expect(page.locator('output')).toHaveText('0 deprecations')
    await page.getByLabel('Filter by document').selectOption('')
    await page.getByLabel('Filter by status').selectOption('removed')
    await expect(rows.locator('visible=true')).toHaveCount(json.filter((entry) => entry.status === 'removed').length)
    expect(json.filter((entry) => entry.document === 'mm/highmem').map((entry) => [entry.name, entry.since, entry.replacement])).toEqual([
      ['kmap', 'kmap-notes-v1', ['kmap_local_page']],
      ['kmap_atomic', 'kmap-notes-v1', ['kmap_local_page']],
    ])
    for (const entry of json) if (entry.statement) expect(entry.statement.sentence.length).toBeGreaterThan(0)
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
