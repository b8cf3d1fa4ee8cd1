import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectAccessible, paths } from './helpers.ts'

/**
 * The mapping simulator island (issue 6) in Chromium: every preset run and
 * checked against what the widget shows, the document-version switch, history,
 * the URL as the scenario's store, hand-issued calls and the embed on an API page.
 */

const seedLabel = /Add notes about conversions/
const v61Label = /Linux v6\.1/
/** Version keys, the values of the "Document version" select and of `?version=`. */
const seed = 'mm~highmem@kmap-notes-v1'
const v61 = 'mm~highmem@v6.1'

/** The widget's landmarks. */
function widget(page: Page) {
  const root = page.getByRole('region', { name: 'Mapping simulator' })
  return {
    root,
    log: root.getByRole('region', { name: 'Event log' }),
    machine: root.getByRole('region', { name: 'Machine state' }),
    task: (name: string) => root.getByRole('listitem', { name: `Task ${name}` }),
    cpu: (n: number) => root.getByRole('listitem', { name: `CPU ${n}` }),
    pool: root.getByRole('list', { name: 'kmap pool entries' }),
    position: root.locator('.strata-sim__position'),
  }
}

/** Open the page, wait for the island to hydrate (the URL gets the scenario), load a preset. */
async function loadPreset(page: Page, id: string): Promise<ReturnType<typeof widget>> {
  await page.goto(paths.simulator)
  await expect(page).toHaveURL(/[?&]s=s1\./)
  await page.getByLabel('Preset scenario').selectOption(id)
  await page.getByRole('button', { name: 'Load preset' }).click()
  const w = widget(page)
  await expect(w.position).toContainText('Step 0 of')
  return w
}

async function forward(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.getByRole('button', { name: 'Step forward' }).click()
}

/** The text of the violations listed in the log (rule ids and texts). */
function violations(log: Locator): Locator {
  return log.getByRole('list', { name: 'Violations' })
}

test.describe('Mapping simulator: presets', () => {
  test('nesting: the stack grows to two in slots 0 and 1 of CPU 0, then unwinds', async ({ page }) => {
    const w = await loadPreset(page, 'nesting')
    await expect(w.root.getByRole('note', { name: 'Scenario' })).toContainText('Nesting and unnesting')
    await forward(page, 2)
    await expect(w.position).toContainText('Step 2 of 6')
    await expect(w.task('T0')).toContainText('Stack depth: 2')
    await expect(w.task('T0')).toContainText('Migration: disabled: pinned to CPU 0')
    await expect(w.cpu(0)).toContainText('Fixmap slots: 2 of 16 in use')
    const slots = w.root.getByRole('list', { name: 'Fixmap slots of CPU 0' }).getByRole('listitem')
    await expect(slots.nth(0)).toHaveText(/slot 0\s*page 2 · a/)
    await expect(slots.nth(1)).toHaveText(/slot 1\s*page 3 · b/)
    await expect(w.log).toContainText('local-push')
    await page.getByRole('button', { name: 'Run to end' }).click()
    await expect(w.position).toContainText('Step 6 of 6')
    await expect(w.task('T0')).toContainText('Stack depth: 0')
    await expect(w.cpu(0)).toContainText('Fixmap slots: 0 of 16 in use')
    await expect(violations(w.log)).toHaveCount(0)
  })

  test('out-of-order: the kernel clears the top slot, b faults, b cannot be unmapped', async ({ page }) => {
    const w = await loadPreset(page, 'out-of-order')
    await page.getByRole('button', { name: 'Run to end' }).click()
    const found = violations(w.log)
    await expect(found.filter({ hasText: 'unmap-out-of-order' })).toHaveCount(1)
    await expect(found.filter({ hasText: 'use-after-unmap' })).toHaveCount(1)
    await expect(found.filter({ hasText: 'kunmap-local-not-held' })).toHaveCount(1)
    await expect(w.log).toContainText('nothing mapped there, page fault in kernel space (oops)')
    await expect(w.task('T0')).toContainText('Stack depth: 1')
  })

  test('kmap-in-atomic: sleeping calls inside kmap_atomic() are reported, preemption is refused', async ({ page }) => {
    const w = await loadPreset(page, 'kmap-in-atomic')
    await forward(page, 1)
    await expect(w.task('T0')).toContainText('Preemption: disabled (count 1)')
    await expect(w.task('T0')).toContainText('Page faults: disabled (count 1)')
    await page.getByRole('button', { name: 'Run to end' }).click()
    for (const rule of ['kmap-in-atomic', 'schedule-while-atomic', 'kunmap-in-atomic']) {
      await expect(violations(w.log).filter({ hasText: rule }), rule).toHaveCount(1)
    }
    await expect(w.log).toContainText('preempt-blocked')
    await expect(w.log.getByText('Bug', { exact: true }).first()).toBeVisible()
  })

  test('pool-exhaustion: the pool wraps and flushes, T1 sleeps on the full pool, a kunmap wakes it', async ({ page }) => {
    const w = await loadPreset(page, 'pool-exhaustion')
    await expect(w.pool.getByRole('listitem')).toHaveCount(4)
    await forward(page, 5)
    await expect(w.log).toContainText('Pool wrapped: entries 1 freed, TLB flushed (flush #1)')
    await expect(w.machine).toContainText('TLB flushes: 1')
    await forward(page, 2)
    await expect(w.position).toContainText('Step 7 of 10')
    await expect(w.task('T1')).toContainText('sleeping')
    await expect(w.task('T1')).toContainText('Waits for a pool entry: kmap(page 7)')
    await expect(w.machine).toContainText('Sleeping on pkmap_map_wait: T1')
    await expect(w.pool.getByRole('listitem').filter({ hasText: 'last_pkmap_nr' })).toHaveCount(1)
    await expect(w.log.locator('li[aria-current="step"]')).toContainText('pool full, T1 sleeps')
    await page.getByRole('button', { name: 'Run to end' }).click()
    await expect(w.log).toContainText('Woke T1; kmap() completed for T1')
    await expect(w.task('T1')).toContainText('running on CPU 1')
    await expect(w.machine).toContainText('TLB flushes: 2')
    await expect(w.pool.getByRole('listitem').filter({ hasText: 'page 7' })).toContainText('count 2: 1 user')
    await expect(violations(w.log).filter({ hasText: 'use-after-unmap' })).toHaveCount(1)
  })

  test('atomic-to-local: the converted code calls preempt_disable() and pagefault_disable() explicitly', async ({ page }) => {
    const w = await loadPreset(page, 'atomic-to-local')
    await forward(page, 1)
    const advice = w.log.getByRole('note', { name: 'kmap_atomic() is deprecated' })
    await expect(advice).toContainText('Deprecated')
    await expect(advice).toContainText('use kmap_local_page() instead')
    await expect(advice).toContainText('a = kmap_local_page(page 2)')
    await expect(advice).toContainText('NOTE: Conversions to kmap_local_page()')
    await forward(page, 6)
    await expect(w.log).toContainText('T0: preempt_disable()')
    await expect(w.log).toContainText('T0: pagefault_disable()')
    await expect(w.log.locator('li[aria-current="step"]')).toContainText('b = kmap_local_page(page 2)')
    await expect(w.task('T0')).toContainText('Preemption: disabled (count 1)')
    await expect(w.task('T0')).toContainText('Page faults: disabled (count 1)')
    await page.getByRole('button', { name: 'Run to end' }).click()
    await expect(violations(w.log).filter({ hasText: 'fault-while-disabled' })).toHaveCount(2)
    await expect(w.task('T0')).toContainText('Preemption: enabled')
    await expect(w.task('T0')).toContainText('Page faults: enabled')
  })

  test('lowmem: a direct-mapped page takes no slot and no pool entry; mistakes are latent', async ({ page }) => {
    const w = await loadPreset(page, 'lowmem')
    await forward(page, 2)
    await expect(w.log).toContainText('a = kmap_local_page(page 0) → 0xc0000000 (direct map)')
    await expect(w.log).toContainText('d = page_address(page 0) → 0xc0000000')
    await expect(w.log).toContainText('local-direct')
    await expect(w.cpu(0)).toContainText('Fixmap slots: 0 of 16 in use')
    await expect(w.task('T0')).toContainText('direct map, no slot')
    await expect(w.task('T0')).toContainText('Migration: enabled')
    await expect(w.machine).toContainText('kmap_lock taken 0 times')
    await page.getByRole('button', { name: 'Run to end' }).click()
    await expect(violations(w.log).getByText('Latent bug')).toHaveCount(2)
    await expect(w.log).toContainText('h = page_address(page 2) → NULL')
  })

  test('other-task: T1 reaches nothing, then its own page, through T0’s address', async ({ page }) => {
    const w = await loadPreset(page, 'other-task')
    await page.getByRole('button', { name: 'Run to end' }).click()
    await expect(violations(w.log).filter({ hasText: 'switched-away' })).toHaveCount(2)
    await expect(w.log).toContainText('reaches page 3, not page 2: memory corruption')
    await expect(w.log).toContainText('switch-save-restore')
    await expect(w.task('T0')).toContainText('running on CPU 0')
  })
})

test.describe('Mapping simulator: explanations, history and links', () => {
  test('rules quote the selected version, with a link to the source line', async ({ page }) => {
    const w = await loadPreset(page, 'nesting')
    await forward(page, 1)
    const rule = w.log.locator('[data-rule="local-push"]').first()
    const sentence = rule.locator('.strata-sim__basis--document')
    await expect(sentence.locator('q')).not.toBeEmpty()
    const link = sentence.getByRole('link', { name: /^line \d+$/ })
    const line = (await link.textContent())!.replace('line ', '')
    await expect(link).toHaveAttribute('href', `/source/mm/highmem/kmap-notes-v1/#L${line}`)
    await expect(rule.locator('.strata-sim__basis--kernel')).toContainText('kmap_local_idx_push()')
    await link.click()
    await expect(page.locator(`[id="L${line}"]`)).toBeVisible()
  })

  test('the document version changes kmap_atomic’s badge and the advice', async ({ page }) => {
    const w = await loadPreset(page, 'atomic-to-local')
    const legend = w.root.getByRole('list', { name: 'Status of each API in the selected version' })
    const atomic = legend.getByRole('listitem').filter({ hasText: 'kmap_atomic()' })
    await expect(page.getByLabel('Document version', { exact: true }).locator('option:checked')).toHaveText(seedLabel)
    await expect(atomic.locator('.badge')).toHaveText('Deprecated')
    await expect(legend.getByRole('listitem').filter({ hasText: /^kmap\(\)/ }).locator('.badge')).toHaveText('Deprecated')
    await forward(page, 1)
    await expect(w.log.getByRole('note', { name: 'kmap_atomic() is deprecated' })).toContainText('NOTE: Conversions to kmap_local_page()')

    await page.getByLabel('Document version', { exact: true }).selectOption(v61)
    await expect(atomic.locator('.badge')).toHaveText('Discouraged')
    await expect(page).toHaveURL(/version=mm%7Ehighmem%40v6\.1/)
    const advice = w.log.getByRole('note', { name: 'kmap_atomic() is discouraged' })
    await expect(advice).toContainText('use kmap_local_page() instead')
    await expect(advice).not.toContainText('NOTE: Conversions')
    const source = w.log.locator('[data-rule="atomic-preempt"] a').first()
    await expect(source).toHaveAttribute('href', /^\/source\/mm\/highmem\/v6\.1\/#L\d+$/)

    await page.getByLabel('Document version', { exact: true }).selectOption(seed)
    await expect(atomic.locator('.badge')).toHaveText('Deprecated')
    await expect(w.log.getByRole('note', { name: 'kmap_atomic() is deprecated' })).toContainText('NOTE: Conversions to kmap_local_page()')
  })

  test('step back and forward, start and end', async ({ page }) => {
    const w = await loadPreset(page, 'nesting')
    const back = page.getByRole('button', { name: 'Step back' })
    await expect(back).toBeDisabled()
    await forward(page, 3)
    await expect(w.position).toContainText('Step 3 of 6')
    await expect(w.log.getByRole('listitem').filter({ has: page.locator('.strata-sim__event-head') })).toHaveCount(3)
    await back.click()
    await back.click()
    await expect(w.position).toContainText('Step 1 of 6')
    await expect(w.position).toContainText('next: T0: b = kmap_local_page(page 3)')
    await expect(w.root.getByRole('form', { name: 'Issue a call' })).toContainText('You are 5 steps back')
    await expect(w.task('T0')).toContainText('Stack depth: 1')
    await page.getByRole('button', { name: 'Run to end' }).click()
    await expect(page.getByRole('button', { name: 'Step forward' })).toBeDisabled()
    await page.getByRole('button', { name: 'Start', exact: true }).click()
    await expect(w.position).toContainText('Step 0 of 6')
    await expect(w.log).toContainText('Nothing has run yet')
    await page.getByRole('button', { name: 'Reset', exact: true }).click()
    await expect(w.position).toContainText('Step 0 of 0')
    await expect(w.root.getByRole('note', { name: 'Scenario' })).toHaveCount(0)
  })

  test('calls issued from the form, with the keyboard; one that cannot run is refused with a message', async ({ page }) => {
    await page.goto(paths.simulator)
    await expect(page).toHaveURL(/[?&]s=s1\./)
    const w = widget(page)
    await page.getByLabel('Call', { exact: true }).selectOption('kmap_local_page')
    await page.getByLabel('Caller').selectOption('t0')
    await page.getByLabel('Page').selectOption('2')
    await page.getByLabel('Store the pointer in').fill('x')
    await page.getByLabel('Store the pointer in').press('Enter')
    await expect(w.position).toContainText('Step 1 of 1')
    await expect(w.log).toContainText('T0: x = kmap_local_page(page 2)')
    await expect(w.task('T0')).toContainText('Stack depth: 1')

    await page.getByLabel('Call', { exact: true }).selectOption('write')
    await expect(page.getByLabel('Pointer', { exact: true })).toHaveValue('x')
    await page.getByRole('button', { name: 'Run call' }).focus()
    await page.keyboard.press('Enter')
    await expect(w.log).toContainText('write through x')

    // An interrupt that was never entered cannot call anything: the engine refuses, nothing is added.
    await page.getByLabel('Call', { exact: true }).selectOption('preempt_disable')
    await page.getByLabel('Caller').selectOption('i1')
    await page.getByRole('button', { name: 'Run call' }).click()
    await expect(w.root.getByRole('alert')).toContainText('Not run')
    await expect(w.position).toContainText('Step 2 of 2')

    await page.getByLabel('Call', { exact: true }).selectOption('irq_enter')
    await page.getByLabel('CPU', { exact: true }).selectOption('1')
    await page.getByRole('button', { name: 'Run call' }).click()
    await expect(w.cpu(1)).toContainText('in interrupt')
    await expect(page.getByLabel('Call', { exact: true }).locator('option[value="kmap_atomic"]')).toHaveText('kmap_atomic() — Deprecated')
  })

  test('the URL holds the scenario: a reload restores program, step and version', async ({ page }) => {
    const w = await loadPreset(page, 'pool-exhaustion')
    await forward(page, 7)
    await page.getByLabel('Document version', { exact: true }).selectOption(v61)
    await expect(page).toHaveURL(/step=7/)
    await expect(page).toHaveURL(/version=mm%7Ehighmem%40v6\.1/)
    const url = page.url()
    expect(new URL(url).searchParams.get('version')).toBe('mm~highmem@v6.1')
    await page.reload()
    await expect(w.position).toContainText('Step 7 of 10')
    await expect(page.getByLabel('Document version', { exact: true }).locator('option:checked')).toHaveText(v61Label)
    await expect(w.task('T1')).toContainText('sleeping')
    await expect(w.root.getByRole('note', { name: 'Scenario' })).toContainText('Pool exhaustion')
    await expect(page).toHaveURL(url)

    // The same link in a fresh page.
    const other = await page.context().newPage()
    await other.goto(url)
    await expect(widget(other).position).toContainText('Step 7 of 10')
    await expect(widget(other).task('T1')).toContainText('sleeping')
    await other.close()
  })

  test('a bad scenario in the link shows a message and a fresh machine', async ({ page }) => {
    await page.goto(`${paths.simulator}?s=s1.not-a-scenario&version=nope`)
    const w = widget(page)
    const alert = w.root.getByRole('alert')
    await expect(alert).toContainText('The scenario in this link could not be read')
    await expect(alert).toContainText('There is no document version “nope” here')
    await expect(page.getByLabel('Document version', { exact: true }).locator('option:checked')).toHaveText(seedLabel)
    await expect(w.position).toContainText('Step 0 of 0')
    await expect(w.task('T0')).toContainText('Stack depth: 0')
  })

  test('no axe violations, with a scenario run to the end', async ({ page }) => {
    await loadPreset(page, 'pool-exhaustion')
    await page.getByRole('button', { name: 'Run to end' }).click()
    await expectAccessible(page)
  })
})

test.describe('Mapping simulator: embedded on an API page', () => {
  test('kmap_atomic in the seed version embeds the conversion preset and links to the full page', async ({ page }) => {
    await page.goto(paths.api('kmap-notes-v1', 'kmap_atomic'))
    const region = page.getByRole('region', { name: 'Try it in the mapping simulator' })
    await region.scrollIntoViewIfNeeded()
    await expect(region.getByRole('note', { name: 'Scenario' })).toContainText('Converting kmap_atomic() to kmap_local_page()')
    await expect(region.getByLabel('Document version', { exact: true }).locator('option:checked')).toHaveText(seedLabel)
    // Wait for hydration (client:visible): the history buttons only work once the island runs.
    const position = region.locator('.strata-sim__position')
    await expect(async () => {
      await region.getByRole('button', { name: 'Step forward' }).click()
      await expect(position).toContainText('Step 1 of 13', { timeout: 500 })
    }).toPass()
    await expect(region.getByRole('note', { name: 'kmap_atomic() is deprecated' })).toContainText('NOTE: Conversions to kmap_local_page()')
    const full = region.getByRole('link', { name: 'Open this scenario in the full mapping simulator' })
    await expect(full).toHaveAttribute('href', /^\/simulator\/\?s=s1\.[\w-]+&version=mm%7Ehighmem%40kmap-notes-v1&step=1$/)
    expect(page.url()).not.toContain('?s=')
    await full.click()
    await expect(widget(page).position).toContainText('Step 1 of 13')
    await expect(widget(page).root.getByRole('note', { name: 'Scenario' })).toContainText('Converting kmap_atomic()')
  })

  test('the v6.1 kmap page embeds the pool preset with v6.1 selected; kunmap keeps a link', async ({ page }) => {
    await page.goto(paths.api('v6.1', 'kmap'))
    const region = page.getByRole('region', { name: 'Try it in the mapping simulator' })
    await expect(region.getByRole('note', { name: 'Scenario' })).toContainText('Pool exhaustion')
    await expect(region.getByLabel('Document version', { exact: true }).locator('option:checked')).toHaveText(v61Label)
    await expectAccessible(page)
    await page.goto(paths.api('v6.1', 'kunmap'))
    await expect(page.getByRole('link', { name: 'Try kunmap() in the mapping simulator' })).toHaveAttribute('href', /^\/simulator\/\?version=/)
    await page.getByRole('link', { name: 'Try kunmap() in the mapping simulator' }).click()
    await expect(page.getByLabel('Document version', { exact: true }).locator('option:checked')).toHaveText(v61Label)
    await expect(widget(page).position).toContainText('Step 0 of 0')
  })
})
