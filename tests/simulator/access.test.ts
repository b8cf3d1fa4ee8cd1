import { describe, expect, it } from 'vitest'
import type { Call } from '../../src/simulator/engine/index.ts'
import { ruleIds, run, small, t0, t1 } from './helpers.ts'

const local = (page: number, as: string, by: { task: number } | { irq: number } = t0): Call => ({ op: 'kmap_local_page', by, page, as })
const read = (ptr: string, by: { task: number } | { irq: number } = t0): Call => ({ op: 'access', by, ptr, mode: 'read' })
const two = { cpus: 2, tasks: 2, pages: 4, highmem: [2, 3] }

describe('access through a pointer', () => {
  it('the owner reaches its page', () => {
    const { event } = run(small, [local(2, 'a'), { op: 'access', by: t0, ptr: 'a', mode: 'write' }])
    expect(event).toEqual({ index: 1, call: { op: 'access', by: t0, ptr: 'a', mode: 'write' }, outcome: 'done', summary: 'write through a (0xfffef000): page 2', access: { expected: 2, sees: 2, mode: 'write' }, rules: [], violations: [] })
  })

  it('another task on another CPU: a bug even though the page tables still reach the page', () => {
    const { event } = run(two, [local(2, 'a'), read('a', t1)])
    expect(event.access).toEqual({ expected: 2, sees: 2, mode: 'read' })
    expect(event.violations.map((each) => [each.rule, each.severity, each.text])).toEqual([['foreign-use', 'bug', 'a was mapped by T0; T1 uses it']])
    expect(event.violations[0].basis[0]).toEqual({ kind: 'document', api: 'kmap_local_page', field: 'effects', value: 'thread-local' })
  })

  it('after a switch took the mapping away: a fault, then the wrong page', () => {
    const { events } = run(small, [local(2, 'a'), { op: 'schedule', cpu: 0 }, read('a', t1), local(3, 'b', t1), read('a', t1)])
    expect(events[2]).toMatchObject({ outcome: 'failed', access: { expected: 2, sees: null } })
    expect(events[2].violations.map((each) => [each.rule, each.text])).toEqual([['switched-away', 'a was mapped by T0; T1 uses it after T0 was switched out: slot 0 of CPU 0 now maps nothing']])
    expect(events[4]).toMatchObject({ outcome: 'done', summary: 'read through a (0xfffef000) reaches page 3, not page 2', access: { expected: 2, sees: 3 } })
    expect(ruleIds(events[4]).violations).toEqual(['switched-away'])
  })

  it('after unmapping: a fault for a highmem slot, latent for a direct mapping', () => {
    const high = run(small, [local(2, 'a'), { op: 'kunmap_local', by: t0, ptr: 'a' }, read('a')]).event
    expect(high).toMatchObject({ outcome: 'failed', access: { expected: 2, sees: null } })
    expect(high.violations.map((each) => [each.rule, each.severity, each.text])).toEqual([['use-after-unmap', 'bug', 'a was released (unmapped)']])
    expect(high.violations[0].basis).toEqual([{ kind: 'document', api: 'kmap_local_page', field: 'unmap', value: 'kunmap_local' }])
    const low = run(small, [local(0, 'a'), { op: 'kunmap_local', by: t0, ptr: 'a' }, read('a')]).event
    expect(low.outcome).toBe('done')
    expect(low.violations.map((each) => [each.rule, each.severity])).toEqual([['use-after-unmap', 'latent']])
  })

  it('a kmap address is usable from any task until kunmap; after the pool reuses the entry it reaches another page', () => {
    const pool = { ...two, pages: 8, highmem: [2, 3, 4, 5, 6, 7], lastPkmap: 2 }
    const { events } = run(pool, [
      { op: 'kmap', by: t0, page: 2, as: 'k' },
      read('k', t1),
      { op: 'kunmap', by: t0, page: 2 },
      read('k', t1),
      { op: 'kmap', by: t0, page: 3, as: 'm' },
      { op: 'kmap', by: t0, page: 4, as: 'n' },
      read('k', t1),
    ])
    expect(events[1]).toMatchObject({ outcome: 'done', violations: [] })
    expect(events[3].access).toEqual({ expected: 2, sees: 2, mode: 'read' })
    expect(ruleIds(events[3]).violations).toEqual(['use-after-unmap'])
    expect(events[6].access).toEqual({ expected: 2, sees: 4, mode: 'read' })
  })

  it('an interrupt using the interrupted task’s mapping is latent; the task using the interrupt’s mapping is not possible after it returns', () => {
    const { events } = run(small, [local(2, 'a'), { op: 'irq_enter', cpu: 0 }, read('a', { irq: 0 }), local(3, 'b', { irq: 0 }), { op: 'irq_exit', cpu: 0 }, read('b')])
    expect(events[2].violations.map((each) => [each.rule, each.severity])).toEqual([['foreign-use', 'latent']])
    expect(events[5]).toMatchObject({ outcome: 'failed' })
    expect(ruleIds(events[5]).violations).toEqual(['use-after-unmap'])
  })

  it('NULL from page_address() of an unmapped highmem page', () => {
    const { event } = run(small, [{ op: 'page_address', by: t0, page: 2, as: 'p' }, read('p')])
    expect(event).toMatchObject({ outcome: 'failed', summary: 'read through p: NULL pointer dereference (oops)', access: { expected: 2, sees: null } })
    expect(ruleIds(event).violations).toEqual(['null-deref'])
  })
})
