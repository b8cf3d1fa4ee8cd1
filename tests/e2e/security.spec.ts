import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL, fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { formatPatch } from '../helpers/git.ts'
import { corpus } from '../helpers/paths.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))

// A patch as a hostile list subscriber might send it: every way to smuggle
// markup or script into reST.
const hostile = `
Malicious additions
===================

.. raw:: html

   <script>window.__pwned = 1</script>

Text with <script>window.__pwned = 2</script> and <img src=x onerror="window.__pwned=3">.

A \`link <javascript:window.__pwned=4>\`_, a \`data link <data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>\`_
and a \`vb link <vbscript:msgbox(1)>\`_.

\`\`<b onmouseover="window.__pwned=5">x</b>\`\`

.. note:: <iframe src="javascript:window.__pwned=6"></iframe>

.. image:: javascript:window.__pwned=7

kmap_evil() <svg onload="window.__pwned=8"></svg> does nothing.
`

test.describe('a site built from a malicious patch', () => {
  // One worker builds the hostile site once and checks every page of it.
  test.describe.configure({ mode: 'serial' })
  let site: string
  test.beforeAll(() => {
    test.setTimeout(240_000)
    const base = readFileSync(corpus.highmem, 'utf8')
    const mail = formatPatch({ 'Documentation/mm/highmem.rst': base }, { 'Documentation/mm/highmem.rst': base + hostile }, 'mm/highmem: <script>alert(1)</script> hostile')
    const dir = mkdtempSync(path.join(tmpdir(), 'strata-hostile-'))
    writeFileSync(path.join(dir, 'hostile.patch'), mail)
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        corpus: path.dirname(path.dirname(path.dirname(corpus.highmem))),
        documents: [{ id: 'mm/highmem', path: 'Documentation/mm/highmem.rst', versions: [{ id: 'base' }, { id: 'hostile', parent: 'base', patches: ['hostile.patch'] }] }],
      }),
    )
    site = path.join(dir, 'site')
    execFileSync(process.execPath, [path.join(root, 'scripts/bin/strata.mjs'), 'build', '--quiet', '--content', dir, '--out', site], { cwd: root, stdio: 'inherit' })
  })

  for (const page_ of ['docs/mm/highmem/hostile/index.html', 'compare/mm/highmem/base...hostile/index.html', 'api/mm/highmem/hostile/kmap_evil/index.html']) {
    test(`runs no script and keeps no live markup: ${page_}`, async ({ page }) => {
      const dialogs: string[] = []
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      await page.goto(pathToFileURL(path.join(site, page_)).href)
      await page.locator('a, img, b, svg').evaluateAll((elements) => elements.forEach((element) => element.dispatchEvent(new MouseEvent('mouseover'))))
      await page.waitForTimeout(200)
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
      expect(dialogs).toEqual([])
      const live = await page.evaluate(() => ({
        scripts: [...document.querySelectorAll('script')].filter((script) => !script.src && !script.type.includes('module')).map((script) => script.textContent).filter((text) => text?.includes('pwned')),
        iframes: document.querySelectorAll('iframe, object, embed').length,
        handlers: [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((attribute) => attribute.name.startsWith('on')).map((attribute) => `${element.tagName}.${attribute.name}`)),
        urls: [...document.querySelectorAll('[href], [src]')].map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? '').filter((url) => /^\s*(javascript|data|vbscript):/i.test(url)),
      }))
      expect(live).toEqual({ scripts: [], iframes: 0, handlers: [], urls: [] })
    })
  }

  test('shows the hostile text as text', async ({ page }) => {
    await page.goto(pathToFileURL(path.join(site, 'docs/mm/highmem/hostile/index.html')).href)
    await expect(page.locator('main')).toContainText('<script>window.__pwned = 2</script>')
  })
})
