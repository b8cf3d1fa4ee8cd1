import { h } from 'preact'
import { describe, expect, it } from 'vitest'
import Search from '../../src/components/Search.tsx'

/**
 * The island's server-rendered markup: what e2e tests and assistive
 * technology rely on. preact-render-to-string comes with @astrojs/preact; the
 * test is skipped where it is not installed.
 */
const render = await import('preact-render-to-string').then(
  (module) => module.render,
  () => undefined,
)

const versions = [
  { key: 'mm~highmem@v6.1', label: 'Linux v6.1', document: 'mm/highmem' },
  { key: 'mm~highmem@kmap-notes-v1', label: 'mm/highmem: Add notes about conversions from kmap{,_atomic}()', document: 'mm/highmem' },
]

describe.skipIf(!render)('the search island', () => {
  it('renders a labelled search field, the filters, a status line and no results yet', () => {
    const html = render!(h(Search, { versions, defaultKey: 'mm~highmem@v6.1' }))
    const input = /<input[^>]*type="search"[^>]*>/.exec(html)?.[0] ?? ''
    const inputId = /id="([^"]+)"/.exec(input)?.[1]
    expect(inputId).toBeTruthy()
    expect(html).toContain(`<label class="strata-search__label" for="${inputId}">Search the API</label>`)
    expect(input).toContain('aria-keyshortcuts="/"')
    expect(html).toContain('role="search"')
    expect(html).toMatch(/<div role="status" class="strata-search__status"><\/div>/)
    expect(html).toContain('<option value="all">All versions</option>')
    expect(html).toMatch(/<option selected(="")? value="mm~highmem@v6.1">Linux v6.1<\/option>/)
    expect(html).toMatch(/<input class="strata-search__hide-deprecated" type="checkbox"\/?>/)
    expect(html).toContain('Hide deprecated')
    expect(html).not.toContain('Search results')
  })
})
