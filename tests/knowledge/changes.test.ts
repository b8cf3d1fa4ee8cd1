import { describe, expect, it } from 'vitest'
import type { FieldChange } from '../../src/knowledge/changes.ts'
import { runCli } from '../helpers/cli.ts'

describe('strata changes --from v6.1 --to kmap-notes-v1', () => {
  it('reports the deprecations, the new notes and the changed sentence of kmap_local_page', async () => {
    const { code, stdout } = await runCli(['changes', '--from', 'v6.1', '--to', 'kmap-notes-v1', '--quiet'])
    expect(code).toBe(0)
    const changes = JSON.parse(stdout)
    expect(changes).toMatchObject({ document: 'mm/highmem', from: 'v6.1', to: 'kmap-notes-v1' })
    const byName = Object.fromEntries(changes.records.map((change: { name: string }) => [change.name, change]))
    const field = (name: string, which: string) => byName[name].fields.find((each: FieldChange) => each.field === which)
    for (const name of ['kmap_atomic', 'kmap']) {
      expect(byName[name].change).toBe('changed')
      expect(field(name, 'status')).toEqual({ field: 'status', before: 'discouraged', after: 'deprecated' })
      expect(byName[name].after.replacement).toEqual(['kmap_local_page'])
      expect(field(name, 'notes').added).toHaveLength(1)
      expect(field(name, 'notes').added[0]).toMatch(/^NOTE: Conversions to kmap_local_page\(\)/)
      expect(field(name, 'notes').removed).toEqual([])
    }
    const text = field('kmap_local_page', 'text')
    expect(text.sentences.removed).toEqual(['This function should be preferred, where feasible, over all the others.'])
    expect(text.sentences.added).toEqual(['This function should always be used.', 'kmap_atomic() and kmap() have been deprecated.'])
    expect(text.diff.filter((run: { removed?: boolean }) => run.removed).map((run: { value: string }) => run.value).join('')).toContain('preferred')
    expect(field('kmap_local_page', 'status')).toBeUndefined()
    expect(byName.vmap).toBeUndefined()
    expect(changes.sections.map((section: { title: string; change: string }) => [section.title, section.change])).toEqual([['Temporary Virtual Mappings', 'changed']])
  })

  it('names the versions it knows when one is unknown', async () => {
    const { code, stderr } = await runCli(['changes', '--from', 'v6.0', '--to', 'kmap-notes-v1', '--quiet'])
    expect(code).toBe(1)
    expect(stderr).toMatch(/unknown version `v6\.0` \(known: [^)]*mm\/highmem@v6\.1, mm\/highmem@kmap-notes-v1[,)]/)
  })
})
