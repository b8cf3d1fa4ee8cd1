import { describe, expect, it } from 'vitest'
import { createMachine } from '../../src/simulator/engine/index.ts'
import type { Call } from '../../src/simulator/engine/index.ts'
import { ruleIds, run, t0 } from './helpers.ts'

const program: Call[] = [
  { op: 'kmap_local_page', by: t0, page: 2, as: 'a' },
  { op: 'kmap_atomic', by: t0, page: 3, as: 'b' },
  { op: 'kmap', by: t0, page: 3, as: 'c' },
  { op: 'kunmap', by: t0, page: 3 },
  { op: 'kunmap_atomic', by: t0, ptr: 'b' },
  { op: 'kunmap_local', by: t0, ptr: 'a' },
]

describe('CONFIG_HIGHMEM=n and 64-bit', () => {
  it.each([
    ['no-highmem', 'no-highmem', '0xc0002000'],
    ['64bit', 'no-highmem-64bit', '0xffff888000002000'],
  ] as const)('%s: every page is direct-mapped, no slot or pool entry is used', (mode, rule, address) => {
    const { states, events } = run({ mode, cpus: 1, tasks: 1, pages: 4, highmem: [2, 3] }, program)
    expect(states[0].pages.every((page) => !page.highmem && page.direct !== null && page.pkmap === null)).toBe(true)
    expect(states[0].pool.entries).toEqual([])
    expect(events[0].result?.address).toBe(address)
    expect(ruleIds(events[0]).rules).toEqual([rule])
    expect(events[0].rules[0].basis[0].kind).toBe('kernel')
    // kmap_atomic still disables preemption and page faults.
    expect(ruleIds(events[1]).rules).toEqual(['atomic-preempt', 'atomic-pagefaults', rule])
    expect(states[2].tasks[0]).toMatchObject({ preemptCount: 1, pagefaultDisabled: 1, migrationDisabled: 0 })
    // kmap() still calls might_sleep(): inside the atomic section it is still a violation.
    expect(ruleIds(events[2])).toEqual({ rules: [rule], violations: ['kmap-in-atomic'] })
    expect(events.every((each) => each.outcome === 'done')).toBe(true)
    // kunmap() has no might_sleep() without CONFIG_HIGHMEM: still wrong by the document, harmless here.
    expect(events[3].violations.map((each) => [each.rule, each.severity])).toEqual([['kunmap-in-atomic', 'latent']])
    const last = states[states.length - 1]
    expect(last.tasks[0]).toMatchObject({ preemptCount: 0, pagefaultDisabled: 0, locals: [] })
    expect(last.cpus[0].fixmap.every((slot) => slot === null)).toBe(true)
    expect(last.pool.lockTaken).toBe(0)
  })

  it('mistakes that are bugs with highmem are latent without it', () => {
    const { events } = run({ mode: 'no-highmem', cpus: 1, tasks: 2, pages: 4 }, [
      { op: 'kmap_local_page', by: t0, page: 2, as: 'a' },
      { op: 'kmap_local_page', by: t0, page: 3, as: 'b' },
      { op: 'kunmap_local', by: t0, ptr: 'a' },
      { op: 'schedule', cpu: 0 },
      { op: 'access', by: { task: 1 }, ptr: 'b', mode: 'read' },
    ])
    expect(events[2].violations.map((each) => [each.rule, each.severity])).toEqual([['unmap-out-of-order', 'latent']])
    expect(events[4].violations.map((each) => [each.rule, each.severity])).toEqual([['foreign-use', 'latent']])
    expect(events[4].access).toEqual({ expected: 3, sees: 3, mode: 'read' })
  })

  it('the config ignores highmem pages outside highmem mode', () => {
    expect(createMachine({ mode: '64bit', highmem: [1] }).config.highmem).toEqual([])
  })
})
