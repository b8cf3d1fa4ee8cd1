import { describe, expect, it } from 'vitest'
import { catalogue, createMachine, step } from '../../src/simulator/engine/index.ts'
import type { Call } from '../../src/simulator/engine/index.ts'
import { ruleIds, run, small, t0, t1 } from './helpers.ts'

const map = (page: number, as: string, by: { task: number } | { irq: number } = t0): Call => ({ op: 'kmap_local_page', by, page, as })
const atomic = (page: number, as: string): Call => ({ op: 'kmap_atomic', by: t0, page, as })
const unmap = (ptr: string, by: { task: number } | { irq: number } = t0): Call => ({ op: 'kunmap_local', by, ptr })

describe('kmap_local_page', () => {
  it('pushes a slot on the task’s stack, maps the page in the CPU’s fixmap and pins the task (exact event)', () => {
    const { last, event } = run(small, [map(2, 'a')])
    expect(event).toEqual({
      index: 0,
      call: map(2, 'a'),
      outcome: 'done',
      summary: 'a = kmap_local_page(page 2) → 0xfffef000 (slot 0, CPU 0)',
      result: { address: '0xfffef000', page: 2, mapping: 0 },
      rules: [
        { rule: 'local-push', text: 'Pushed on T0’s stack at slot 0', basis: [...catalogue['local-push'].basis] },
        { rule: 'local-cpu-slot', text: 'Slot 0 of CPU 0 (fixmap index 0) now maps page 2', basis: [...catalogue['local-cpu-slot'].basis] },
        { rule: 'local-pin', text: 'T0 is pinned to CPU 0 (migration disabled, count 1)', basis: [...catalogue['local-pin'].basis] },
      ],
      violations: [],
    })
    expect(last.tasks[0]).toMatchObject({ locals: [0], migrationDisabled: 1, preemptCount: 0, pagefaultDisabled: 0 })
    expect(last.cpus[0].fixmap[0]).toEqual({ page: 2, mapping: 0 })
    expect(last.mappings[0]).toEqual({ id: 0, api: 'kmap_local_page', page: 2, owner: { task: 0 }, cpu: 0, address: '0xfffef000', region: { kind: 'fixmap', cpu: 0, idx: 0 }, live: true })
    expect(last.vars.a).toEqual({ address: '0xfffef000', page: 2, mapping: 0 })
  })

  it('uses the slots of the CPU the task runs on (idx + KM_MAX_IDX × cpu)', () => {
    const { last, event } = run({ cpus: 2, tasks: 2, pages: 4, highmem: [2, 3], kmMaxIdx: 4 }, [map(2, 'a', t1)])
    expect(event.summary).toBe('a = kmap_local_page(page 2) → 0xfffeb000 (slot 0, CPU 1)')
    expect(event.rules[1].text).toBe('Slot 0 of CPU 1 (fixmap index 4) now maps page 2')
    expect(last.cpus[1].fixmap[0]).toEqual({ page: 2, mapping: 0 })
    expect(last.cpus[0].fixmap.every((slot) => slot === null)).toBe(true)
  })

  it('pops in reverse order and re-enables migration', () => {
    const { last, events } = run(small, [map(2, 'a'), map(3, 'b'), unmap('b'), unmap('a')])
    expect(events[2]).toMatchObject({ outcome: 'done', summary: 'kunmap_local(b) released page 3', violations: [] })
    expect(ruleIds(events[2]).rules).toEqual(['local-pop'])
    expect(events[2].rules[0].text).toBe('Popped slot 1; T0 holds 1 slots')
    expect(last.tasks[0]).toMatchObject({ locals: [], migrationDisabled: 0 })
    expect(last.cpus[0].fixmap.every((slot) => slot === null)).toBe(true)
    expect(last.mappings.map((each) => [each.live, each.ended])).toEqual([[false, 'unmapped'], [false, 'unmapped']])
  })

  it('refuses to go past KM_MAX_IDX (the kernel would BUG)', () => {
    const { last, event, states } = run({ ...small, kmMaxIdx: 2 }, [map(2, 'a'), map(3, 'b'), map(2, 'c')])
    expect(event.outcome).toBe('refused')
    expect(event.summary).toBe('kmap_local_page(page 2) refused: T0 already holds 2 local mappings (KM_MAX_IDX = 2)')
    expect(event.violations).toEqual([{ rule: 'nesting-limit', severity: 'bug', text: 'Nesting limit exceeded: the kernel would BUG() in kmap_local_idx_push() at depth 3 > 2', basis: [...catalogue['nesting-limit'].basis] }])
    expect({ ...last, time: 0 }).toEqual({ ...states[2], time: 0 })
    expect(last.vars.c).toBeUndefined()
  })

  it('the depth limit counts slots only: lowmem entries take none', () => {
    const { event, last } = run({ ...small, kmMaxIdx: 1 }, [map(2, 'a'), map(0, 'b'), map(1, 'c')])
    expect(event.outcome).toBe('done')
    expect(last.tasks[0].locals).toHaveLength(3)
  })

  it('out of order with a slot above: warns and clears the top slot, the named mapping stays', () => {
    const { last, event } = run(small, [map(2, 'a'), map(3, 'b'), unmap('a')])
    expect(event).toMatchObject({ outcome: 'done', summary: 'kunmap_local(a) out of order: slot of b cleared, a still mapped' })
    expect(event.violations.map((each) => [each.rule, each.severity, each.text])).toEqual([
      ['unmap-out-of-order', 'bug', 'a is not on top of the stack: the kernel warns and clears the top slot instead (b, page 3); a stays mapped'],
    ])
    expect(last.tasks[0].locals).toEqual([0])
    expect(last.cpus[0].fixmap.slice(0, 2)).toEqual([{ page: 2, mapping: 0 }, null])
    expect(last.mappings[1]).toMatchObject({ live: false, ended: 'torn-down' })
    expect(last.tasks[0].migrationDisabled).toBe(1)
  })

  it('out of order over lowmem entries only is latent and removes the named entry', () => {
    const { last, event } = run(small, [map(2, 'a'), map(0, 'b'), unmap('a')])
    expect(event.violations.map((each) => [each.rule, each.severity])).toEqual([['unmap-out-of-order', 'latent']])
    expect(last.tasks[0].locals).toEqual([1])
    expect(last.cpus[0].fixmap[0]).toBeNull()
  })

  it('refuses a second unmap and an unmap from another task', () => {
    const twice = run(small, [map(2, 'a'), unmap('a'), unmap('a')]).event
    expect(twice).toMatchObject({ outcome: 'refused', summary: 'kunmap_local(a) refused: a is no longer mapped' })
    expect(twice.violations.map((each) => [each.rule, each.severity])).toEqual([['kunmap-local-not-held', 'bug']])
    const other = run({ ...small, cpus: 2 }, [map(2, 'a'), unmap('a', t1)])
    expect(other.event).toMatchObject({ outcome: 'refused', summary: 'kunmap_local(a) refused: a belongs to T0' })
    expect(other.event.violations[0].rule).toBe('kunmap-local-not-held')
    expect(other.last.tasks[0].locals).toEqual([0])
  })

  it('refuses the wrong unmap function', () => {
    const { event, last } = run(small, [atomic(2, 'a'), unmap('a')])
    expect(event).toMatchObject({ outcome: 'refused', summary: 'kunmap_local(a) refused: a came from kmap_atomic()' })
    expect(event.violations[0]).toMatchObject({ rule: 'wrong-unmap', severity: 'bug' })
    expect(event.violations[0].basis).toEqual([
      { kind: 'document', api: 'kmap_atomic', field: 'unmap', value: 'kunmap_atomic' },
      { kind: 'document', api: 'kmap_local_page', field: 'unmap', value: 'kunmap_local' },
    ])
    expect(last.tasks[0]).toMatchObject({ preemptCount: 1, locals: [0] })
    const kmapped = run(small, [{ op: 'kmap', by: t0, page: 2, as: 'k' }, { op: 'kunmap_atomic', by: t0, ptr: 'k' }]).event
    expect(kmapped.violations[0].rule).toBe('wrong-unmap')
  })
})

describe('kmap_atomic', () => {
  it('disables preemption and page faults, then maps like kmap_local_page', () => {
    const { last, event } = run(small, [atomic(2, 'a')])
    expect(ruleIds(event)).toEqual({ rules: ['atomic-preempt', 'atomic-pagefaults', 'local-push', 'local-cpu-slot', 'local-pin'], violations: [] })
    expect(event.rules[0].basis[0]).toEqual({ kind: 'document', api: 'kmap_atomic', field: 'effects', value: 'disables-preemption' })
    expect(event.rules[1].basis[0]).toEqual({ kind: 'document', api: 'kmap_atomic', field: 'effects', value: 'disables-pagefaults' })
    expect(last.tasks[0]).toMatchObject({ preemptCount: 1, pagefaultDisabled: 1, migrationDisabled: 1, locals: [0] })
  })

  it('kunmap_atomic unmaps and re-enables both', () => {
    const { last, event } = run(small, [atomic(2, 'a'), { op: 'kunmap_atomic', by: t0, ptr: 'a' }])
    expect(ruleIds(event)).toEqual({ rules: ['local-pop', 'atomic-unmap'], violations: [] })
    expect(event.rules[1].text).toBe('Page faults enabled, preemption enabled')
    expect(last.tasks[0]).toMatchObject({ preemptCount: 0, pagefaultDisabled: 0, migrationDisabled: 0, locals: [] })
  })

  it('kunmap_atomic after an unbalanced preempt_enable reports the underflow and keeps counts at zero', () => {
    const { last, event } = run(small, [atomic(2, 'a'), { op: 'preempt_enable', by: t0 }, { op: 'kunmap_atomic', by: t0, ptr: 'a' }])
    expect(ruleIds(event).violations).toEqual(['preempt-underflow'])
    expect(last.tasks[0]).toMatchObject({ preemptCount: 0, pagefaultDisabled: 0 })
  })

  it('a lowmem page still disables preemption and page faults but takes no slot', () => {
    const { last, event } = run(small, [atomic(0, 'a')])
    expect(ruleIds(event).rules).toEqual(['atomic-preempt', 'atomic-pagefaults', 'local-direct'])
    expect(last.tasks[0]).toMatchObject({ preemptCount: 1, pagefaultDisabled: 1, migrationDisabled: 0, locals: [0] })
    expect(event.result?.address).toBe('0xc0000000')
  })

  it('does not change the state it was given', () => {
    const before = createMachine(small)
    const copy = structuredClone(before)
    step(before, atomic(2, 'a'))
    expect(before).toEqual(copy)
  })
})
