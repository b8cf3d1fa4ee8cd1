import { describe, expect, it } from 'vitest'
import type { Call } from '../../src/simulator/engine/index.ts'
import { ruleIds, run, small, t0, t1 } from './helpers.ts'

const kmap = (page: number, as: string, by: { task: number } | { irq: number } = t0): Call => ({ op: 'kmap', by, page, as })
const kunmap = (page: number, by: { task: number } | { irq: number } = t0): Call => ({ op: 'kunmap', by, page })
const pool = { cpus: 2, tasks: 2, pages: 8, highmem: [2, 3, 4, 5, 6, 7], lastPkmap: 4 }

describe('kmap and the persistent pool', () => {
  it('takes the lock and the entry after last_pkmap_nr (entry 1 first), count 2 for one user', () => {
    const { last, event } = run(pool, [kmap(2, 'a')])
    expect(event).toMatchObject({ outcome: 'done', summary: 'a = kmap(page 2) → 0xff801000 (pool entry 1)', result: { address: '0xff801000', page: 2, mapping: 0 }, violations: [] })
    expect(ruleIds(event).rules).toEqual(['kmap-lock', 'kmap-new'])
    expect(event.rules[0].basis[0]).toEqual({ kind: 'document', api: 'kmap', field: 'effects', value: 'takes-global-lock' })
    expect(last.pool).toEqual({ entries: [{ count: 0, page: null }, { count: 2, page: 2 }, { count: 0, page: null }, { count: 0, page: null }], last: 1, flushes: 0, lockTaken: 1, waiters: [] })
    expect(last.pages[2].pkmap).toBe(1)
  })

  it('the same page mapped twice shares its entry', () => {
    const { last, event } = run(pool, [kmap(2, 'a'), kmap(2, 'b', t1)])
    expect(ruleIds(event).rules).toEqual(['kmap-lock', 'kmap-shared'])
    expect(event.rules[1].text).toBe('Page 2 already has entry 1: count 3 (2 users)')
    expect(last.pool.entries[1]).toEqual({ count: 3, page: 2 })
    expect(last.vars.a.address).toBe(last.vars.b.address)
  })

  it('kunmap drops a user; the entry stays mapped with count 1 until the next wrap', () => {
    const { last, event } = run(pool, [kmap(2, 'a'), kunmap(2)])
    expect(event).toMatchObject({ outcome: 'done', summary: 'kunmap(page 2) released entry 1', violations: [] })
    expect(event.rules.map((each) => each.text)).toEqual(['Entry 1: count 1 (unused, stays mapped until the next wrap)'])
    expect(last.pool.entries[1]).toEqual({ count: 1, page: 2 })
    expect(last.pages[2].pkmap).toBe(1)
    expect(last.mappings[0]).toMatchObject({ live: false, ended: 'unmapped' })
  })

  it('wrapping to entry 0 frees count-1 entries and flushes the TLB', () => {
    const { last, events } = run(pool, [kmap(2, 'a'), kmap(3, 'b'), kmap(4, 'c'), kunmap(2), kmap(5, 'd')])
    const event = events[4]
    expect(ruleIds(event).rules).toEqual(['kmap-lock', 'pool-flush', 'kmap-new'])
    expect(event.rules[1].text).toBe('Pool wrapped: entries 1 freed, TLB flushed (flush #1)')
    expect(event.rules[1].basis[0]).toEqual({ kind: 'document', api: 'kmap', field: 'effects', value: 'flushes-tlb' })
    expect(last.pool.entries).toEqual([{ count: 2, page: 5 }, { count: 0, page: null }, { count: 2, page: 3 }, { count: 2, page: 4 }])
    expect(last.pool).toMatchObject({ last: 0, flushes: 1 })
    expect(last.pages[2].pkmap).toBeNull()
  })

  it('a full pool puts the task to sleep; a kunmap wakes it and its kmap completes', () => {
    const calls = [kmap(2, 'a'), kmap(3, 'b'), kmap(4, 'c'), kmap(5, 'd'), kmap(6, 'e', t1)]
    const asleep = run(pool, calls)
    expect(asleep.event).toMatchObject({ outcome: 'sleeping', summary: 'kmap(page 6): pool full, T1 sleeps' })
    expect(ruleIds(asleep.event).rules).toEqual(['kmap-lock', 'pool-flush', 'pool-sleep'])
    expect(asleep.event.rules[2].basis[0]).toEqual({ kind: 'document', api: 'kmap', field: 'effects', value: 'may-sleep' })
    expect(asleep.last.tasks[1]).toMatchObject({ run: 'sleeping', waiting: { page: 6, as: 'e' } })
    expect(asleep.last.cpus[1].current).toBe(3) // idle/1
    expect(asleep.last.pool.waiters).toEqual([1])
    expect(asleep.last.vars.e).toBeUndefined()
    const woken = run(pool, [...calls, { op: 'kunmap_local', by: t1, ptr: 'x' }, kunmap(3)])
    expect(woken.events[5].outcome).toBe('invalid') // T1 is asleep: it cannot call anything
    expect(woken.event.woken).toEqual([{ task: 1, completed: true }])
    expect(ruleIds(woken.event).rules).toEqual(['kunmap-release', 'pool-flush', 'kmap-new', 'kunmap-wake'])
    expect(woken.last.tasks[1]).toMatchObject({ run: 'running', waiting: null, cpu: 1 })
    expect(woken.last.cpus[1].current).toBe(1)
    expect(woken.last.vars.e).toEqual({ address: '0xff802000', page: 6, mapping: 4 })
    expect(woken.last.pool.waiters).toEqual([])
  })

  it('a woken task whose page someone else mapped meanwhile shares that entry', () => {
    const config = { ...pool, tasks: 3, cpus: 3 }
    const calls = [kmap(2, 'a'), kmap(3, 'b'), kmap(4, 'c'), kmap(5, 'd'), kmap(6, 'e', t1), kmap(5, 'f', { task: 2 }), kunmap(2)]
    const { last, event } = run(config, calls)
    expect(event.woken).toEqual([{ task: 1, completed: true }])
    expect(last.pool.entries.filter((each) => each.page === 6)).toHaveLength(1)
    expect(last.vars.f.address).toBe(last.vars.d.address)
  })

  it('kunmap of a highmem page that is not kmapped is refused (the kernel would BUG)', () => {
    const never = run(pool, [kunmap(2)]).event
    expect(never).toMatchObject({ outcome: 'refused', summary: 'kunmap(page 2) refused: page 2 is not kmapped' })
    expect(never.violations.map((each) => [each.rule, each.severity, each.text])).toEqual([['kunmap-not-mapped', 'bug', 'Page 2 has no pool entry: the kernel would BUG_ON(!vaddr)']])
    const twice = run(pool, [kmap(2, 'a'), kunmap(2), kunmap(2)])
    expect(twice.event.violations[0].text).toBe('Entry 1 has no user left (count 1): the kernel would BUG()')
    expect(twice.last.pool.entries[1]).toEqual({ count: 1, page: 2 })
  })

  it('kunmap of a lowmem page that is not kmapped is latent', () => {
    const { event } = run(pool, [kunmap(0)])
    expect(event.outcome).toBe('refused')
    expect(event.violations.map((each) => [each.rule, each.severity])).toEqual([['kunmap-not-mapped', 'latent']])
  })

  it('kmap of a lowmem page returns the direct address and leaves the pool alone', () => {
    const { last, events } = run(pool, [kmap(1, 'a'), kunmap(1)])
    expect(events[0]).toMatchObject({ summary: 'a = kmap(page 1) → 0xc0001000 (direct map)', violations: [] })
    expect(ruleIds(events[0]).rules).toEqual(['kmap-direct'])
    expect(ruleIds(events[1]).rules).toEqual(['kmap-direct'])
    expect(last.pool.lockTaken).toBe(0)
  })

  it('kmap in atomic context is a violation; it still maps when the pool has room', () => {
    const { last, event } = run(pool, [{ op: 'preempt_disable', by: t0 }, kmap(2, 'a')])
    expect(event.outcome).toBe('done')
    expect(event.violations.map((each) => [each.rule, each.severity, each.text])).toEqual([['kmap-in-atomic', 'bug', 'kmap() called with preemption disabled (count 1)']])
    expect(event.violations[0].basis.slice(0, 2)).toEqual([
      { kind: 'document', api: 'kmap', field: 'contexts', value: 'preemptible' },
      { kind: 'document', api: 'kmap', field: 'effects', value: 'may-sleep' },
    ])
    expect(last.pool.entries[1]).toEqual({ count: 2, page: 2 })
  })

  it('kmap on a full pool in atomic context or an interrupt is refused: it cannot sleep', () => {
    const full = [kmap(2, 'a'), kmap(3, 'b'), kmap(4, 'c'), kmap(5, 'd')]
    const atomic = run(pool, [...full, { op: 'preempt_disable', by: t1 }, kmap(6, 'e', t1)])
    expect(atomic.event.outcome).toBe('refused')
    expect(ruleIds(atomic.event).violations).toEqual(['kmap-in-atomic', 'sleep-in-atomic'])
    expect(atomic.last.tasks[1].run).toBe('running')
    const irq = run(pool, [...full, { op: 'irq_enter', cpu: 1 }, kmap(6, 'e', { irq: 1 })])
    expect(irq.event.violations[0].text).toBe('kmap() called in an interrupt')
    expect(ruleIds(irq.event).violations).toEqual(['kmap-in-atomic', 'sleep-in-atomic'])
  })

  it('kunmap in atomic context is a violation (it may sleep) but releases', () => {
    const { last, event } = run(pool, [kmap(2, 'a'), { op: 'preempt_disable', by: t0 }, kunmap(2)])
    expect(ruleIds(event)).toEqual({ rules: ['kunmap-release'], violations: ['kunmap-in-atomic'] })
    expect(last.pool.entries[1].count).toBe(1)
  })
})

describe('page_address', () => {
  it('gives the direct address, the pool address of a kmapped highmem page, or NULL', () => {
    const { events } = run(pool, [
      { op: 'page_address', by: t0, page: 1, as: 'low' },
      { op: 'page_address', by: t0, page: 2, as: 'none' },
      kmap(2, 'k'),
      { op: 'page_address', by: t0, page: 2, as: 'high' },
    ])
    expect(events.map((each) => each.summary)).toEqual([
      'low = page_address(page 1) → 0xc0001000',
      'none = page_address(page 2) → NULL',
      'k = kmap(page 2) → 0xff801000 (pool entry 1)',
      'high = page_address(page 2) → 0xff801000',
    ])
    expect(events[1].result).toEqual({ address: null, page: 2, mapping: null })
    expect(ruleIds(events[3]).rules).toEqual(['page-address'])
  })
})

describe('small pools', () => {
  it('a one-entry pool flushes on every search', () => {
    const { events } = run({ ...small, lastPkmap: 1 }, [kmap(2, 'a'), kunmap(2), kmap(3, 'b')])
    expect(events[0].rules.map((each) => each.rule)).toEqual(['kmap-lock', 'pool-flush', 'kmap-new'])
    expect(events[2].rules[1].text).toBe('Pool wrapped: entries 0 freed, TLB flushed (flush #1)')
  })
})
