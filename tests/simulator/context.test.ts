import { describe, expect, it } from 'vitest'
import { createMachine, step } from '../../src/simulator/engine/index.ts'
import type { Call } from '../../src/simulator/engine/index.ts'
import { ruleIds, run, small, t0, t1 } from './helpers.ts'

const local = (page: number, as: string, by: { task: number } | { irq: number } = t0): Call => ({ op: 'kmap_local_page', by, page, as })

describe('preemption and page-fault counts', () => {
  it('count up and down; enabling below zero is refused', () => {
    const { last, events } = run(small, [
      { op: 'preempt_disable', by: t0 },
      { op: 'pagefault_disable', by: t0 },
      { op: 'pagefault_enable', by: t0 },
      { op: 'preempt_enable', by: t0 },
      { op: 'preempt_enable', by: t0 },
      { op: 'pagefault_enable', by: t0 },
    ])
    expect(events.map((each) => each.rules.map((rule) => rule.text)[0] ?? each.violations[0].rule)).toEqual([
      'Preemption disabled (count 1)',
      'Page faults disabled (count 1)',
      'Page faults enabled',
      'Preemption enabled',
      'preempt-underflow',
      'pagefault-underflow',
    ])
    expect(events.slice(4).map((each) => [each.outcome, each.summary])).toEqual([
      ['refused', 'preempt_enable() refused'],
      ['refused', 'pagefault_enable() refused'],
    ])
    expect(last.tasks[0]).toMatchObject({ preemptCount: 0, pagefaultDisabled: 0 })
  })

  it('might_sleep is fine in task context and a violation when atomic', () => {
    expect(ruleIds(run(small, [{ op: 'might_sleep', by: t0 }]).event)).toEqual({ rules: ['sleep-ok'], violations: [] })
    const atomic = run(small, [{ op: 'kmap_atomic', by: t0, page: 2, as: 'a' }, { op: 'might_sleep', by: t0 }]).event
    expect(atomic.violations.map((each) => [each.rule, each.severity, each.text])).toEqual([['sleep-in-atomic', 'bug', 'A call that may sleep with preemption disabled (count 1)']])
    expect(atomic.violations[0].basis[0]).toEqual({ kind: 'document', api: 'kmap_atomic', field: 'contexts', value: 'interrupt' })
  })

  it('a faulting user access: handled when preemptible (also in a local kmap region), -EFAULT when faults are disabled or the context is atomic', () => {
    const handled = run(small, [local(2, 'a'), { op: 'user_access', by: t0 }]).event
    expect(handled).toMatchObject({ outcome: 'done', summary: 'user access faulted: handled', violations: [] })
    expect(handled.rules[0]).toMatchObject({ rule: 'fault-handled', text: 'The fault is handled; taking it inside a local kmap region is valid' })
    const disabled = run(small, [{ op: 'pagefault_disable', by: t0 }, { op: 'user_access', by: t0 }]).event
    expect(disabled).toMatchObject({ outcome: 'failed', summary: 'user access faulted: not handled, -EFAULT' })
    expect(disabled.violations.map((each) => [each.rule, each.severity])).toEqual([['fault-while-disabled', 'latent']])
    const atomic = run(small, [{ op: 'preempt_disable', by: t0 }, { op: 'user_access', by: t0 }]).event
    expect(atomic.violations.map((each) => [each.rule, each.severity])).toEqual([['fault-in-atomic', 'latent']])
    expect(atomic.violations[0].basis[0]).toEqual({ kind: 'document', api: 'kmap_atomic', field: 'notes' })
  })
})

describe('context switches', () => {
  it('schedule() saves the outgoing task’s slots and restores the incoming task’s', () => {
    const { states, events } = run(small, [local(2, 'a'), { op: 'schedule', cpu: 0 }, local(3, 'b', t1), { op: 'schedule', cpu: 0 }])
    expect(events[1]).toMatchObject({ outcome: 'done', summary: 'schedule() on CPU 0: T0 → T1' })
    expect(events[1].rules.map((each) => [each.rule, each.text])).toEqual([['switch-save-restore', 'Saved 1 local mapping(s) of T0, restored 0 of T1']])
    expect(states[2].cpus[0].fixmap[0]).toBeNull()
    expect(states[2].tasks.map((each) => each.run)).toEqual(['runnable', 'running', 'runnable'])
    expect(states[3].cpus[0].fixmap[0]).toEqual({ page: 3, mapping: 1 })
    expect(events[3].rules[0].text).toBe('Saved 1 local mapping(s) of T1, restored 1 of T0')
    expect(states[4].cpus[0].fixmap[0]).toEqual({ page: 2, mapping: 0 })
    expect(states[4].tasks[1].locals).toEqual([1])
  })

  it('a task holding local mappings cannot migrate; one holding none can', () => {
    const config = { cpus: 2, tasks: 3, pages: 4, highmem: [2, 3] }
    // T2 starts runnable on CPU 0; it takes a mapping there, then CPU 1 tries to run it.
    const pinned = run(config, [{ op: 'schedule', cpu: 0, to: 2 }, local(2, 'a', { task: 2 }), { op: 'schedule', cpu: 0, to: 0 }, { op: 'schedule', cpu: 1, to: 2 }])
    expect(pinned.event).toMatchObject({ outcome: 'refused', summary: 'schedule(): T2 cannot run on CPU 1', violations: [] })
    expect(pinned.event.rules.map((each) => [each.rule, each.text])).toEqual([['pinned', 'T2 holds local mappings on CPU 0 and cannot migrate to CPU 1']])
    expect(pinned.event.rules[0].basis[0]).toEqual({ kind: 'document', api: 'kmap_local_page', field: 'effects', value: 'disables-migration' })
    const free = run(config, [{ op: 'schedule', cpu: 1, to: 2 }])
    expect(free.event.summary).toBe('schedule() on CPU 1: T1 → T2')
    expect(free.event.rules[0].text).toBe('Saved 0 local mapping(s) of T1, restored 0 of T2 (migrated from CPU 0)')
    expect(free.last.tasks[2].cpu).toBe(1)
  })

  it('schedule() with preemption disabled is "scheduling while atomic" and is refused', () => {
    const { last, event } = run(small, [{ op: 'kmap_atomic', by: t0, page: 2, as: 'a' }, { op: 'schedule', cpu: 0 }])
    expect(event).toMatchObject({ outcome: 'refused', summary: 'schedule() on CPU 0 refused' })
    expect(event.violations.map((each) => [each.rule, each.severity, each.text])).toEqual([['schedule-while-atomic', 'bug', 'T0 calls schedule() with preemption disabled (count 1): "BUG: scheduling while atomic"']])
    expect(last.cpus[0].current).toBe(0)
  })

  it('preemption is blocked (not a violation) while preemption is disabled, and happens otherwise', () => {
    const blocked = run(small, [{ op: 'kmap_atomic', by: t0, page: 2, as: 'a' }, { op: 'preempt', cpu: 0 }]).event
    expect(blocked).toMatchObject({ outcome: 'refused', violations: [] })
    expect(blocked.rules.map((each) => [each.rule, each.text])).toEqual([['preempt-blocked', 'T0 has preemption disabled (count 1): it cannot be switched out']])
    const local0 = run(small, [local(2, 'a'), { op: 'preempt', cpu: 0 }]).event
    expect(local0.summary).toBe('preemption on CPU 0: T0 → T1')
  })

  it('schedule() with nothing else runnable keeps the task; schedule() in an interrupt is a violation', () => {
    expect(run({ ...small, tasks: 1 }, [{ op: 'schedule', cpu: 0 }]).event.summary).toBe('schedule() on CPU 0: nothing else to run, T0 continues')
    const irq = run(small, [{ op: 'irq_enter', cpu: 0 }, { op: 'schedule', cpu: 0 }]).event
    expect(irq.outcome).toBe('refused')
    expect(ruleIds(irq).violations).toEqual(['schedule-in-irq'])
  })
})

describe('interrupts', () => {
  it('run on the interrupted task’s stack and must leave it as they found it', () => {
    const { states, events } = run(small, [local(2, 'a'), { op: 'irq_enter', cpu: 0 }, local(3, 'b', { irq: 0 }), { op: 'kunmap_local', by: { irq: 0 }, ptr: 'b' }, { op: 'irq_exit', cpu: 0 }])
    expect(events[1].rules[0].text).toBe('Interrupt #0 on CPU 0 interrupts T0 and uses its mapping stack (depth 1)')
    expect(states[3].tasks[0].locals).toEqual([0, 1])
    expect(states[3].mappings[1].owner).toEqual({ irq: 0, task: 0 })
    expect(states[3].cpus[0].fixmap[1]).toEqual({ page: 3, mapping: 1 })
    expect(events.every((each) => each.violations.length === 0)).toBe(true)
    expect(states[5].tasks[0].locals).toEqual([0])
    expect(states[5].cpus[0].irqs).toEqual([])
  })

  it('mappings and counts left behind at interrupt exit are reported and cleaned up', () => {
    const { last, event } = run(small, [{ op: 'irq_enter', cpu: 0 }, { op: 'kmap_atomic', by: { irq: 0 }, page: 2, as: 'b' }, { op: 'irq_exit', cpu: 0 }])
    expect(event.violations.map((each) => [each.rule, each.severity, each.text])).toEqual([
      ['irq-exit-leak', 'bug', 'Interrupt #0 returns holding 1 local mapping(s) (pages 2); cleaned up so T0 finds its stack as it left it'],
      ['irq-exit-count', 'bug', 'Interrupt #0 changed preemption 0 → 1 and page faults 0 → 1; restored'],
    ])
    expect(last.tasks[0]).toMatchObject({ locals: [], preemptCount: 0, pagefaultDisabled: 0, migrationDisabled: 0 })
    expect(last.cpus[0].fixmap[0]).toBeNull()
    expect(last.mappings[0]).toMatchObject({ live: false, ended: 'forced' })
  })

  it('a task cannot call while its CPU is in an interrupt; irq calls need an interrupt', () => {
    expect(run(small, [{ op: 'irq_enter', cpu: 0 }, local(2, 'a')]).event).toMatchObject({ outcome: 'invalid', summary: 'CPU 0 is in an interrupt; T0 is not executing (call as the interrupt)' })
    expect(run(small, [local(2, 'a', { irq: 0 })]).event).toMatchObject({ outcome: 'invalid', summary: 'CPU 0 is not in an interrupt' })
    expect(run(small, [{ op: 'irq_exit', cpu: 0 }]).event.outcome).toBe('invalid')
  })
})

describe('task exit', () => {
  it('reports local mappings, kmaps and counts left behind; cleans the locals, leaves kmaps in the pool', () => {
    const { last, event } = run({ ...small, cpus: 1 }, [local(2, 'a'), { op: 'kmap', by: t0, page: 3, as: 'k' }, { op: 'preempt_disable', by: t0 }, { op: 'exit', task: 0 }])
    expect(event.summary).toBe('T0 exits')
    expect(event.violations.map((each) => [each.rule, each.severity, each.text])).toEqual([
      ['exit-leak', 'bug', 'T0 exits holding 1 local mapping(s) (pages 2); cleaned up'],
      ['exit-leak', 'latent', 'T0 exits with 1 kmap() mapping(s) (pages 3); their pool entries stay in use until someone kunmap()s the pages'],
      ['exit-atomic', 'bug', 'T0 exits with preemption count 1, page-fault-disable count 0'],
    ])
    expect(event.rules.map((each) => each.text)).toEqual(['T0 exits; CPU 0 runs T1'])
    expect(last.tasks[0]).toMatchObject({ run: 'exited', locals: [], preemptCount: 0, migrationDisabled: 0 })
    expect(last.pool.entries[1]).toEqual({ count: 2, page: 3 })
    expect(last.cpus[0]).toMatchObject({ current: 1, fixmap: Array(16).fill(null) })
    expect(run(small, [{ op: 'exit', task: 0 }, { op: 'exit', task: 0 }]).event.outcome).toBe('invalid')
  })

  it('a clean exit has no violation and the idle task takes over', () => {
    const { last, event } = run({ ...small, tasks: 1 }, [{ op: 'exit', task: 0 }])
    expect(event.violations).toEqual([])
    expect(last.cpus[0].current).toBe(1)
    expect(last.tasks[1]).toMatchObject({ name: 'idle/0', run: 'running' })
  })
})

describe('invalid calls', () => {
  it('leave the state unchanged except the clock, and never throw', () => {
    const state = createMachine(small)
    for (const call of [
      { op: 'kmap', by: t0, page: 9, as: 'a' },
      { op: 'nope' },
      { op: 'access', by: t0, ptr: 'missing', mode: 'read' },
      { op: 'kmap_local_page', by: t0, page: 2, as: '__proto__' },
      { op: 'kmap_local_page', by: { task: 0, irq: 0 }, page: 2, as: 'a' },
      null,
      { op: 'schedule', cpu: 0, to: 5 },
      { op: 'kunmap_local', by: t0, ptr: 'toString' },
    ] as unknown as Call[]) {
      const { state: next, event } = step(state, call)
      expect(event.outcome).toBe('invalid')
      expect(event.summary).not.toBe('')
      expect({ ...next, time: 0 }).toEqual(state)
    }
  })
})
