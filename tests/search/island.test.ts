import { h } from 'preact'
import { describe, expect, it } from 'vitest'
import Search from '../../src/components/Search.tsx'

/**
 * The island's server-rendered markup: what e2e tests and assistive
 * technology rely on before it hydrates, rendered with
 * preact-render-to-string (a devDependency: without it the import fails the
 * file, it never skips).
 */
const { render } = await import('preact-render-to-string')

const versions = [
  { key: 'mm~highmem@v6.1', label: 'Linux v6.1', document: 'mm/highmem' },
  { key: 'mm~highmem@kmap-notes-v1', label: 'mm/highmem: Add notes about conversions from kmap{,_atomic}()', document: 'mm/highmem' },
]

describe('the search island', () => {
  it('renders one button and a closed, labelled dialog with the field, the filters and a status line', () => {
    const html = render(h(Search, { versions, defaultKey: 'mm~highmem@v6.1' }))
    const button = /<button type="button" class="strata-search__trigger"[^>]*>/.exec(html)?.[0] ?? ''
    expect(button).toContain('aria-haspopup="dialog"')
    expect(button).toContain('aria-keyshortcuts="/ Control+K Meta+K"')
    expect(html.match(/<button/g)).toHaveLength(2) // the trigger, and Close in the dialog
    const dialog = /<dialog[^>]*>/.exec(html)?.[0] ?? ''
    expect(dialog).not.toContain(' open')
    const title = /aria-labelledby="([^"]+)"/.exec(dialog)?.[1]
    const input = /<input[^>]*type="search"[^>]*>/.exec(html)?.[0] ?? ''
    const inputId = /id="([^"]+)"/.exec(input)?.[1]
    expect(inputId).toBeTruthy()
    expect(html).toContain(`<label id="${title}" class="strata-search__label" for="${inputId}">Search the API</label>`)
    expect(html).toContain('role="search"')
    expect(html).toMatch(/<div role="status" class="strata-search__status"><\/div>/)
    expect(html).toContain('<option value="all">All versions</option>')
    expect(html).toMatch(/<option selected(="")? value="mm~highmem@v6.1">Linux v6.1<\/option>/)
    expect(html).toMatch(/<input class="strata-search__hide-deprecated" type="checkbox"\/?>/)
    expect(html).toContain('Hide deprecated')
    expect(html).not.toContain('Search results')
  })

  it('falls back to every version for an unknown default', () => {
    const html = render(h(Search, { versions, defaultKey: 'mm~highmem@gone' }))
    expect(html).toMatch(/<option selected(="")? value="all">All versions<\/option>/)
  })
})
