/**
 * The rendering stage on the real corpus: highmem.rst at v6.1 and the seed
 * patch's version, through the knowledge base the site builds.
 */
import type { Element } from 'hast'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KnownVersion } from '../../src/knowledge/build.ts'
import { urls } from '../../src/lib/urls.ts'
import type { RenderedVersion } from '../../src/render/render.ts'
import { defaultKnowledgeBase } from '../helpers/knowledge.ts'
import { classes, elements, parse, renderKnown, text, withAncestors } from './helpers.ts'

let versions: KnownVersion[]
let base: KnownVersion
let seed: KnownVersion
let rendered: Map<string, RenderedVersion>

beforeAll(async () => {
  versions = (await defaultKnowledgeBase()).versions
  base = versions.find((version) => version.id === 'v6.1')!
  seed = versions.find((version) => version.id === 'kmap-notes-v1')!
  rendered = new Map(versions.map((version) => [version.id, renderKnown(versions, version)]))
})

const tree = (version: KnownVersion) => parse(rendered.get(version.id)!.html)
// `aside[role=note]`: the parser renders other directives (kernel-doc) as `aside` too.
const banners = (version: KnownVersion) => elements(tree(version)).filter((node) => node.tagName === 'aside' && node.properties.role === 'note')
const apiLinks = (version: KnownVersion, name: string) =>
  elements(tree(version)).filter((node) => node.tagName === 'a' && node.properties.href === urls.api(version.document, version.id, name) && classes(node).includes('api'))

describe('deprecation banners', () => {
  it('v6.1 has none: nothing is deprecated there yet', () => {
    expect(banners(base)).toEqual([])
  })

  it('the seed version has exactly two, at kmap_atomic and kmap, each after its lead paragraph', () => {
    const found = banners(seed)
    expect(found.map((node) => node.properties.dataApi)).toEqual(['kmap_atomic', 'kmap'])
    for (const banner of found) {
      expect(banner.properties.role).toBe('note')
      expect(classes(banner)).toEqual(['deprecation-banner'])
      expect(banner.properties.ariaLabel).toBe(`Deprecation of ${String(banner.properties.dataApi)}()`)
    }
    const items = withAncestors(tree(seed)).filter(({ node }) => node.tagName === 'aside' && node.properties.role === 'note')
    for (const { node, ancestors } of items) {
      const item = ancestors[ancestors.length - 1]
      expect(item.tagName).toBe('li')
      const blocks = item.children.filter((child): child is Element => child.type === 'element')
      expect(blocks.indexOf(node)).toBe(1)
      expect(text(blocks[0])).toMatch(new RegExp(`^${String(node.properties.dataApi)}\\(\\)\\. This function has been deprecated`))
    }
  })

  it('says since which version and by which patch, and links the replacement and the conversion note', () => {
    const page = tree(seed)
    const ids = new Set(elements(page).flatMap((node) => (typeof node.properties.id === 'string' ? [node.properties.id] : [])))
    for (const banner of banners(seed)) {
      const name = String(banner.properties.dataApi)
      expect(text(banner).replace(/\s+/g, ' ').trim()).toBe(
        `Deprecated in ${seed.label} by ${seed.patches[0].subject}: use kmap_local_page(). See the conversion note.`,
      )
      const links = elements(banner).filter((node) => node.tagName === 'a')
      const use = links.find((node) => text(node) === 'kmap_local_page()')!
      expect(use.properties.href).toBe(urls.api('mm/highmem', seed.id, 'kmap_local_page'))
      expect(classes(use)).toEqual(['api', 'api-preferred'])
      expect(links.find((node) => text(node) === seed.label)!.properties.href).toBe(urls.document('mm/highmem', seed.id))
      const note = links.find((node) => text(node) === 'conversion note')!
      expect(note.properties.href).toBe(`#note-${name}`)
      expect(ids.has(`note-${name}`)).toBe(true)
      const target = elements(page).find((node) => node.properties.id === `note-${name}`)!
      expect(text(target)).toMatch(/^NOTE: Conversions to kmap_local_page\(\)/)
    }
  })
})

describe('API links', () => {
  it('link names that have a record to their API page, with the status as a class and a title', () => {
    const [kmap] = apiLinks(seed, 'kmap')
    expect(classes(kmap)).toEqual(['api', 'api-deprecated'])
    expect(kmap.properties.title).toBe('kmap() — deprecated: use kmap_local_page()')
    const [local] = apiLinks(seed, 'kmap_local_page')
    expect(classes(local)).toEqual(['api', 'api-preferred'])
    expect(local.properties.title).toBe('kmap_local_page() — preferred')
    expect(classes(apiLinks(seed, 'CONFIG_HIGHMEM')[0])).toEqual(['api', 'api-available'])
  })

  it('strike kmap in the seed version, not in v6.1 (where it is discouraged)', () => {
    expect(apiLinks(seed, 'kmap').length).toBeGreaterThan(5)
    for (const link of apiLinks(seed, 'kmap')) expect(classes(link)).toContain('api-deprecated')
    expect(apiLinks(base, 'kmap').length).toBeGreaterThan(5)
    for (const link of apiLinks(base, 'kmap')) {
      expect(classes(link)).toEqual(['api', 'api-discouraged'])
      expect(link.properties.title).toBe('kmap() — discouraged: use kmap_local_page()')
    }
    const all = elements(tree(base)).filter((node) => classes(node).includes('api-deprecated'))
    expect(all).toEqual([])
  })

  it('never strike with <del> (reserved for diffs) and never link inside headings or other links', () => {
    for (const version of [base, seed]) {
      const nodes = withAncestors(tree(version))
      expect(nodes.filter(({ node }) => node.tagName === 'del' || node.tagName === 'ins')).toEqual([])
      for (const { node, ancestors } of nodes) {
        if (node.tagName !== 'a') continue
        expect(ancestors.map((each) => each.tagName)).not.toContain('a')
        expect(ancestors.map((each) => each.tagName).filter((tag) => /^h[1-6]$/.test(tag))).toEqual([])
      }
    }
  })

  it('keep the prose as written: the text of the page does not change', () => {
    const plain = (version: KnownVersion) => text(tree(version)).replace(/\s+/g, ' ')
    expect(plain(base)).toContain('It is assumed that k[un]map_atomic() won\'t fail.')
    expect(plain(base)).toContain('On CONFIG_HIGHMEM=n kernels')
  })
})

describe('legacy documentation', () => {
  it('is folded into a collapsed <details class="legacy"> in each deprecated block', () => {
    const details = elements(tree(seed)).filter((node) => node.tagName === 'details')
    expect(details).toHaveLength(2)
    for (const node of details) {
      expect(classes(node)).toEqual(['legacy'])
      expect(node.properties.dataLegacy).toBe('')
      expect(node.properties.open).toBeUndefined()
      const summary = node.children.find((child): child is Element => child.type === 'element')!
      expect(summary.tagName).toBe('summary')
      expect(text(summary)).toBe('Legacy documentation')
    }
    expect(text(details[0])).toContain('This permits a very short duration mapping of a single page.')
    expect(text(details[0])).toContain("It is assumed that k[un]map_atomic() won't fail.")
    expect(text(details[1])).toContain('This should be used to make short duration mapping of a single page')
    expect(text(details[1])).toContain('On 64-bit systems, calls to kmap_local_page()')
    // The marker itself is gone from the prose.
    expect(elements(tree(seed)).filter((node) => node.tagName === 'p' && text(node).includes('[Legacy documentation]'))).toEqual([])
  })

  it('v6.1 has no legacy marker and no <details>', () => {
    expect(elements(tree(base)).filter((node) => node.tagName === 'details')).toEqual([])
  })
})

describe('table of contents', () => {
  it('lists every section heading with a working anchor', () => {
    for (const version of [base, seed]) {
      const page = tree(version)
      const navs = elements(page).filter((node) => node.tagName === 'nav')
      expect(navs).toHaveLength(1)
      expect(navs[0].properties.ariaLabel).toBe('Contents')
      const links = elements(navs[0]).filter((node) => node.tagName === 'a')
      const sections = elements(page).filter((node) => node.tagName === 'h2')
      expect(links.map(text)).toEqual(['What Is High Memory?', 'Temporary Virtual Mappings', 'Cost of Temporary Mappings', 'i386 PAE', 'Functions'])
      expect(links.map((node) => node.properties.href)).toEqual(sections.map((node) => `#${String(node.properties.id)}`))
      const ids = elements(page).map((node) => node.properties.id)
      for (const link of links) expect(ids).toContain(String(link.properties.href).slice(1))
      expect(rendered.get(version.id)!.headings.filter((heading) => heading.depth === 2).map((heading) => `#${heading.id}`)).toEqual(
        links.map((node) => node.properties.href),
      )
    }
  })

  it('stands where the directive stands: after the title, before the first section', () => {
    const top = tree(seed).children.filter((child): child is Element => child.type === 'element').map((node) => node.tagName)
    expect(top.indexOf('nav')).toBeGreaterThan(top.indexOf('h1'))
    expect(top.indexOf('nav')).toBeLessThan(top.indexOf('h2'))
  })
})

describe('literal blocks', () => {
  it('keep the ASCII diagram verbatim in <pre>', () => {
    const diagram = [
      '+--------+ 0xffffffff',
      '| Kernel |',
      '+--------+ 0xc0000000',
      '|        |',
      '| User   |',
      '|        |',
      '+--------+ 0x00000000',
    ].join('\n')
    for (const version of [base, seed]) {
      const pres = elements(tree(version)).filter((node) => node.tagName === 'pre')
      expect(pres.map((node) => text(node).replace(/\n$/, ''))).toContain(diagram)
    }
  })
})

describe('determinism and purity', () => {
  it('renders the same bytes twice and leaves the input tree alone', () => {
    const before = JSON.stringify(seed.tree)
    const again = renderKnown(versions, seed)
    expect(again.html).toBe(rendered.get(seed.id)!.html)
    expect(again.headings).toEqual(rendered.get(seed.id)!.headings)
    expect(JSON.stringify(seed.tree)).toBe(before)
  })

  it('does not depend on the order of the records', () => {
    const reversed = renderKnown(versions, { ...seed, records: [...seed.records].reverse() })
    expect(reversed.html).toBe(rendered.get(seed.id)!.html)
  })
})
