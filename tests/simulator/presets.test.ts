import { describe, expect, it } from 'vitest'
import { decodeScenario, encodeScenario, presets, replay } from '../../src/simulator/engine/index.ts'
import type { MachineState, StepEvent } from '../../src/simulator/engine/index.ts'

function play(id: string): { states: MachineState[]; events: StepEvent[]; last: MachineState } {
  const preset = presets.find((each) => each.id === id)
  if (!preset) throw new Error(id)
  const { states, events } = replay(preset.config, preset.calls)
  return { states, events, last: states[states.length - 1] }
}

const violations = (events: StepEvent[]) => events.flatMap((each) => each.violations.map((violation) => `${each.index}:${violation.rule}:${violation.severity}`))

describe('presets', () => {
  it('are the seven of the issue, each with a unique id', () => {
    expect(presets.map((each) => each.id)).toEqual(['nesting', 'out-of-order', 'kmap-in-atomic', 'pool-exhaustion', 'atomic-to-local', 'lowmem', 'other-task'])
  })

  it.each(presets.map((each) => [each.id, each]))('%s shows what it claims, with no invalid step, and survives a link', (_, preset) => {
    const { events } = replay(preset.config, preset.calls)
    expect(events.filter((each) => each.outcome === 'invalid')).toEqual([])
    const seen = new Set(events.flatMap((each) => [...each.rules, ...each.violations].map((finding) => finding.rule)))
    for (const rule of preset.shows) expect(seen, rule).toContain(rule)
    expect(events.every((each) => each.violations.length === 0)).toBe(preset.clean)
    const decoded = decodeScenario(encodeScenario(preset.config, preset.calls))
    expect('error' in decoded).toBe(false)
    if (!('error' in decoded)) expect(replay(decoded.config, decoded.calls).states.at(-1)).toEqual(replay(preset.config, preset.calls).states.at(-1))
  })

  it('nesting: everything mapped is unmapped, the task is free to migrate again', () => {
    const { last } = play('nesting')
    expect(last.tasks[0]).toMatchObject({ locals: [], migrationDisabled: 0 })
    expect(last.mappings.every((each) => !each.live)).toBe(true)
  })

  it('out-of-order: a stays mapped, b’s slot was torn down', () => {
    const { events, last } = play('out-of-order')
    expect(violations(events)).toEqual(['2:unmap-out-of-order:bug', '3:use-after-unmap:bug', '5:kunmap-local-not-held:bug'])
    expect(events[3].outcome).toBe('failed')
    expect(events[4].access).toEqual({ expected: 2, sees: 2, mode: 'read' })
    expect(last.tasks[0].locals).toEqual([0])
  })

  it('kmap-in-atomic: four violations, and the section ends balanced', () => {
    const { events, last } = play('kmap-in-atomic')
    expect(violations(events)).toEqual(['1:kmap-in-atomic:bug', '3:schedule-while-atomic:bug', '4:kunmap-in-atomic:bug'])
    expect(events[2]).toMatchObject({ outcome: 'refused', violations: [] })
    expect(last.tasks[0]).toMatchObject({ preemptCount: 0, pagefaultDisabled: 0, locals: [] })
  })

  it('pool-exhaustion: one flush frees entry 1, T1 sleeps, T0’s kunmap wakes it, a stale pointer reaches another page', () => {
    const { events, states, last } = play('pool-exhaustion')
    expect(events.map((each) => each.outcome)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'sleeping', 'done', 'done', 'done'])
    expect(states[7].tasks[1].run).toBe('sleeping')
    expect(events[7].woken).toEqual([{ task: 1, completed: true }])
    expect(last.pool.flushes).toBe(2)
    expect(last.pool.entries).toEqual([{ count: 2, page: 5 }, { count: 2, page: 6 }, { count: 2, page: 7 }, { count: 2, page: 4 }])
    expect(events[8].access).toEqual({ expected: 7, sees: 7, mode: 'read' })
    expect(events[9].access).toEqual({ expected: 2, sees: 6, mode: 'read' })
  })

  it('atomic-to-local: the converted section keeps the same preemption and page-fault behaviour', () => {
    const { events, states } = play('atomic-to-local')
    expect(events[1].outcome).toBe('failed')
    expect(events[7].outcome).toBe('failed')
    expect(events[2]).toMatchObject({ outcome: 'refused', rules: [{ rule: 'preempt-blocked' }] })
    expect(events[8]).toMatchObject({ outcome: 'refused', rules: [{ rule: 'preempt-blocked' }] })
    const inside = (state: MachineState) => ({ preempt: state.tasks[0].preemptCount, faults: state.tasks[0].pagefaultDisabled, slot: state.cpus[0].fixmap[0]?.page })
    expect(inside(states[1])).toEqual(inside(states[7]))
    expect(violations(events)).toEqual(['1:fault-while-disabled:latent', '7:fault-while-disabled:latent'])
    expect(states.at(-1)?.tasks[0]).toMatchObject({ preemptCount: 0, pagefaultDisabled: 0, locals: [] })
  })

  it('lowmem: direct addresses, latent mistakes only, NULL for an unmapped highmem page', () => {
    const { events, last } = play('lowmem')
    expect(events[0].result?.address).toBe(events[1].result?.address)
    expect(violations(events)).toEqual(['3:unmap-out-of-order:latent', '4:use-after-unmap:latent'])
    expect(last.vars.h.address).toBeNull()
  })

  it('other-task: a fault, then the wrong page, then the owner is fine again', () => {
    const { events } = play('other-task')
    expect(violations(events)).toEqual(['2:switched-away:bug', '4:switched-away:bug'])
    expect(events.map((each) => (each.access ? each.access.sees : '-'))).toEqual(['-', '-', null, '-', 3, '-', '-', 2, '-'])
  })
})
