import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export const paths = {
  v61: '/docs/mm/highmem/v6.1/',
  seed: '/docs/mm/highmem/kmap-notes-v1/',
  api: (version: string, name: string) => `/api/mm/highmem/${version}/${name}/`,
  compare: '/compare/mm/highmem/v6.1...kmap-notes-v1/',
  deprecations: '/deprecations/',
  simulator: '/simulator/',
}

/** No axe violations on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
}
