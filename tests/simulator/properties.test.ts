import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { catalogue, createMachine, replay, step } from '../../src/simulator/engine/index.ts'
import type { Call, MachineConfigInput, MachineState, StepEvent } from '../../src/simulator/engine/index.ts'

const names = ['a', 'b', 'c', 'd']

/** A configuration small enough that random programs hit limits, full pools and wraps. */
const configArb: fc.Arbitrary<MachineConfigInput> = fc.record({
  mode: fc.constantFrom('highmem', 'highmem', 'highmem', 'no-highmem', '64bit'),
  cpus: fc.integer({ min: 1, max: 3 }),
  tasks: fc.integer({ min: 1, max: 4 }),
  pages: fc.constant(6),
  highmem: fc.subarray([0, 1, 2, 3, 4, 5]),
  kmMaxIdx: fc.integer({ min: 1, max: 4 }),
  lastPkmap: fc.integer({ min: 1, max: 4 }),
})

/** Calls within (and a little outside) a 4-task, 3-CPU, 6-page machine. */
function callArb(): fc.Arbitrary<Call> {
  const by = fc.oneof(fc.record({ task: fc.integer({ min: 0, max: 3 }) }), fc.record({ irq: fc.integer({ min: 0, max: 2 }) }))
  const page = fc.integer({ min: 0, max: 5 })
  const name = fc.constantFrom(...names)
  const cpu = fc.integer({ min: 0, max: 2 })
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constantFrom('kmap_local_page', 'kmap_atomic', 'kmap', 'page_address'), by, page, as: name }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('kunmap_local', 'kunmap_atomic'), by, ptr: name }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('kunmap'), by, page }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('access'), by, ptr: name, mode: fc.constantFrom('read', 'write') }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('preempt_disable', 'preempt_enable', 'pagefault_disable', 'pagefault_enable', 'might_sleep', 'user_access'), by }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('schedule', 'preempt'), cpu, to: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) }).map(({ to, ...rest }) => (to === undefined ? rest : { ...rest, to })) },
    { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('irq_enter', 'irq_exit'), cpu }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('exit'), task: fc.integer({ min: 0, max: 3 }) }) },
  ) as fc.Arbitrary<Call>
}

const weighted = [
  ...Array(5).fill('kmap_local_page'), ...Array(3).fill('kmap_atomic'), ...Array(4).fill('kmap'), 'page_address',
  ...Array(5).fill('kunmap_local'), ...Array(2).fill('kunmap_atomic'), ...Array(4).fill('kunmap'), ...Array(4).fill('access'),
  'preempt_disable', 'preempt_enable', 'pagefault_disable', 'pagefault_enable', 'might_sleep', 'user_access',
  'schedule', 'schedule', 'preempt', 'irq_enter', 'irq_exit', 'irq_exit',
] as const

/**
 * Turn four random numbers into a call that mostly makes sense in `state`:
 * a running task or an active interrupt calls, unmaps mostly target the top of
 * its stack, pointers are mostly ones that exist. Exit is rare.
 */
function choose(state: MachineState, [a, b, c, d]: number[]): Call {
  const op = a % 97 === 0 ? 'exit' : weighted[a % weighted.length]
  const { config } = state
  const contexts = [
    ...state.tasks.filter((task) => !task.idle && task.run === 'running' && state.cpus[task.cpu].irqs.length === 0).map((task) => ({ task: task.id })),
    ...state.cpus.filter((cpu) => cpu.irqs.length > 0).map((cpu) => ({ irq: cpu.id })),
  ]
  const by = contexts.length > 0 ? contexts[b % contexts.length] : { task: 0 }
  const page = c % config.pages
  const vars = Object.keys(state.vars)
  const anyPtr = vars.length > 0 && d % 5 !== 0 ? vars[d % vars.length] : names[d % names.length]
  const cpu = b % config.cpus
  switch (op) {
    case 'exit':
      return { op, task: b % config.tasks }
    case 'schedule':
    case 'preempt':
      return d % 3 === 0 ? { op, cpu, to: c % config.tasks } : { op, cpu }
    case 'irq_enter':
    case 'irq_exit':
      return { op, cpu }
    case 'kmap_local_page':
    case 'kmap_atomic':
    case 'kmap':
    case 'page_address':
      return { op, by, page, as: names[d % names.length] }
    case 'kunmap': {
      const held = state.mappings.filter((each) => each.api === 'kmap' && each.live)
      return { op, by, page: held.length > 0 && d % 4 !== 0 ? held[d % held.length].page : page }
    }
    case 'kunmap_local':
    case 'kunmap_atomic': {
      const owner = 'task' in by ? by.task : state.cpus[by.irq].irqs.at(-1)!.task
      const top = state.tasks[owner]?.locals.at(-1)
      const topName = top === undefined ? undefined : Object.entries(state.vars).find(([, pointer]) => pointer.mapping === top)?.[0]
      const wanted = top === undefined ? op : state.mappings[top].api === 'kmap_atomic' ? 'kunmap_atomic' : 'kunmap_local'
      return topName && d % 10 < 7 ? { op: wanted, by, ptr: topName } : { op, by, ptr: anyPtr }
    }
    case 'access':
      return { op, by, ptr: anyPtr, mode: d % 2 ? 'write' : 'read' }
    default:
      return { op, by }
  }
}

/** A configuration and a program built against the states it goes through. */
const program: fc.Arbitrary<[MachineConfigInput, Call[]]> = fc
  .tuple(configArb, fc.array(fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), { minLength: 10, maxLength: 80, size: 'medium' }))
  .map(([config, seeds]) => {
    let state = createMachine(config)
    const calls: Call[] = []
    for (const seed of seeds) {
      const call = choose(state, seed)
      calls.push(call)
      state = step(state, call).state
    }
    return [config, calls]
  })
const runs = { numRuns: 300 }

/** The task whose stack a call uses, in the state before it. */
function stackOwner(state: MachineState, call: Call): number | undefined {
  if (!('by' in call)) return undefined
  return 'task' in call.by ? call.by.task : state.cpus[call.by.irq]?.irqs.at(-1)?.task
}

describe('properties over random programs', () => {
  it('counts are never negative and derived counts agree with the stacks', () => {
    fc.assert(
      fc.property(program, ([config, calls]) => {
        for (const state of replay(config, calls).states) {
          for (const task of state.tasks) {
            expect(task.preemptCount).toBeGreaterThanOrEqual(0)
            expect(task.pagefaultDisabled).toBeGreaterThanOrEqual(0)
            const slots = task.locals.filter((id) => state.mappings[id].region.kind === 'fixmap')
            expect(task.migrationDisabled).toBe(slots.length)
            expect(slots.length).toBeLessThanOrEqual(state.config.kmMaxIdx)
            if (task.run === 'running') expect(state.cpus[task.cpu].current).toBe(task.id)
            // A running task's slots are in its CPU's fixmap; a switched-out task's are not.
            for (const id of slots) {
              const region = state.mappings[id].region
              if (region.kind !== 'fixmap') continue
              expect(region.cpu).toBe(task.cpu)
              expect(state.cpus[region.cpu].fixmap[region.idx]?.mapping === id).toBe(task.run === 'running')
            }
          }
          for (const entry of state.pool.entries) expect(entry.count).toBeGreaterThanOrEqual(0)
        }
      }),
      runs,
    )
  })

  it('stack depth per task equals maps minus unmaps minus what interrupt or task exit cleaned up', () => {
    fc.assert(
      fc.property(program, ([config, calls]) => {
        const { states, events } = replay(config, calls)
        const depth = new Map<number, number>()
        const add = (task: number, by: number) => depth.set(task, (depth.get(task) ?? 0) + by)
        for (const [index, event] of events.entries()) {
          const before = states[index]
          const call = event.call
          if (event.outcome !== 'done') continue
          const owner = stackOwner(before, call)
          if ((call.op === 'kmap_local_page' || call.op === 'kmap_atomic') && owner !== undefined) add(owner, 1)
          if ((call.op === 'kunmap_local' || call.op === 'kunmap_atomic') && owner !== undefined) add(owner, -1)
          if (call.op === 'irq_exit') {
            const frame = before.cpus[call.cpu].irqs.at(-1)!
            add(frame.task, -(before.tasks[frame.task].locals.length - frame.depthAtEntry))
          }
          if (call.op === 'exit') add(call.task, -before.tasks[call.task].locals.length)
        }
        const last = states[states.length - 1]
        for (const task of last.tasks) expect(task.locals.length).toBe(depth.get(task.id) ?? 0)
      }),
      runs,
    )
  })

  it('the pool never holds more users than kmaps, and its users are exactly the live kmaps', () => {
    fc.assert(
      fc.property(program, ([config, calls]) => {
        const { states, events } = replay(config, calls)
        let maps = 0
        for (const [index, event] of events.entries()) {
          if (event.call.op === 'kmap' && event.outcome === 'done' && event.result && states[index + 1].mappings[event.result.mapping!].region.kind === 'pkmap') maps++
          maps += event.woken?.filter((each) => each.completed).length ?? 0
          const state = states[index + 1]
          const users = state.pool.entries.reduce((sum, entry) => sum + Math.max(0, entry.count - 1), 0)
          const live = state.mappings.filter((each) => each.api === 'kmap' && each.live && each.region.kind === 'pkmap').length
          expect(users).toBe(live)
          expect(users).toBeLessThanOrEqual(maps)
          for (const [nr, entry] of state.pool.entries.entries()) {
            if (entry.count === 0) expect(entry.page).toBeNull()
            else expect(state.pages[entry.page!].pkmap).toBe(nr)
          }
        }
      }),
      runs,
    )
  })

  it('every rule and violation names a catalogued rule with a basis', () => {
    fc.assert(
      fc.property(program, ([config, calls]) => {
        for (const event of replay(config, calls).events) {
          for (const finding of [...event.rules, ...event.violations]) {
            expect(Object.keys(catalogue)).toContain(finding.rule)
            expect(finding.basis.length).toBeGreaterThan(0)
            expect(finding.text).not.toBe('')
          }
          for (const violation of event.violations) expect(['bug', 'latent']).toContain(violation.severity)
          if (event.outcome === 'invalid') expect(event.rules.length + event.violations.length).toBe(0)
        }
      }),
      runs,
    )
  })

  it('replaying the same program gives deep-equal states and events', () => {
    fc.assert(
      fc.property(program, ([config, calls]) => {
        const first = replay(config, calls)
        const second = replay(structuredClone(config), structuredClone(calls))
        expect(second).toEqual(first)
        expect(JSON.parse(JSON.stringify(first.states.at(-1)))).toEqual(first.states.at(-1))
      }),
      { numRuns: 100 },
    )
  })

  it('never throws and never changes the state it is given, whatever the call', () => {
    fc.assert(
      fc.property(configArb, fc.array(fc.oneof(callArb(), fc.anything() as fc.Arbitrary<Call>), { maxLength: 30 }), (config, calls) => {
        let state = createMachine(config)
        for (const call of calls) {
          const before = structuredClone(state)
          const result: { state: MachineState; event: StepEvent } = step(state, call)
          expect(state).toEqual(before)
          expect(result.event.summary).not.toContain('internal error')
          state = result.state
        }
      }),
      { numRuns: 200 },
    )
  })
})
