/**
 * The machine: the initial state from a configuration, the address layout, and
 * the scheduler primitives the calls share (switching tasks saves and restores
 * local mappings). Functions named with a verb and taking a `draft` change that
 * draft in place; `step` hands them a fresh copy, never the caller's state.
 */
import { resolveConfig } from './config.ts'
import type { MachineConfig, MachineConfigInput, MachineState, TaskState } from './types.ts'

const pageSize = 0x1000
/** i386 layout: PAGE_OFFSET, PKMAP_BASE, FIXADDR_TOP; FIX_KMAP_BEGIN is arbitrary (display only). */
const layout32 = { pageOffset: 0xc0000000, pkmapBase: 0xff800000, fixaddrTop: 0xfffff000, fixKmapBegin: 16 }
/** x86-64 direct map base. */
const pageOffset64 = 0xffff888000000000n

/**
 * Build the initial state. Throws on a bad configuration: that is a caller's
 * mistake found before any call runs (`decodeScenario` checks first and never throws).
 * @param input Configuration; missing fields take the kernel's defaults.
 */
export function createMachine(input: MachineConfigInput = {}): MachineState {
  const resolved = resolveConfig(input)
  if ('error' in resolved) throw new Error(resolved.error)
  const config = resolved.config
  const tasks: TaskState[] = []
  for (let id = 0; id < config.tasks; id++) tasks.push(task(id, `T${id}`, false, id % config.cpus, id < config.cpus ? 'running' : 'runnable'))
  for (let cpu = 0; cpu < config.cpus; cpu++) tasks.push(task(config.tasks + cpu, `idle/${cpu}`, true, cpu, cpu < config.tasks ? 'runnable' : 'running'))
  return {
    config,
    time: 0,
    pages: Array.from({ length: config.pages }, (_, pfn) => {
      const highmem = config.highmem.includes(pfn)
      return { pfn, highmem, direct: highmem ? null : directAddress(config, pfn), pkmap: null }
    }),
    cpus: Array.from({ length: config.cpus }, (_, id) => ({
      id,
      current: id < config.tasks ? id : config.tasks + id,
      irqs: [],
      fixmap: Array.from({ length: config.kmMaxIdx }, () => null),
    })),
    tasks,
    pool: {
      entries: Array.from({ length: config.mode === 'highmem' ? config.lastPkmap : 0 }, () => ({ count: 0, page: null })),
      last: 0,
      flushes: 0,
      lockTaken: 0,
      waiters: [],
    },
    mappings: [],
    vars: {},
    nextIrq: 0,
  }
}

/** A fresh task. */
function task(id: number, name: string, idle: boolean, cpu: number, run: TaskState['run']): TaskState {
  return { id, name, idle, cpu, run, preemptCount: 0, pagefaultDisabled: 0, migrationDisabled: 0, locals: [], waiting: null }
}

/** Hex address, zero-padded to the word size. */
function hex(value: bigint, bits: 32 | 64): string {
  return `0x${value.toString(16).padStart(bits / 4, '0')}`
}

/** Direct-map address of a page (lowmem on 32-bit; every page on 64-bit). */
export function directAddress(config: MachineConfig, pfn: number): string {
  if (config.mode === '64bit') return hex(pageOffset64 + BigInt(pfn * pageSize), 64)
  return hex(BigInt(layout32.pageOffset + pfn * pageSize), 32)
}

/** Address of a CPU's local-mapping slot: __fix_to_virt(FIX_KMAP_BEGIN + idx + KM_MAX_IDX * cpu). */
export function fixmapAddress(config: MachineConfig, cpu: number, idx: number): string {
  return hex(BigInt(layout32.fixaddrTop - (layout32.fixKmapBegin + idx + config.kmMaxIdx * cpu) * pageSize), 32)
}

/** Address of a persistent-kmap pool entry: PKMAP_ADDR(nr). */
export function pkmapAddress(nr: number): string {
  return hex(BigInt(layout32.pkmapBase + nr * pageSize), 32)
}

/** Whether the page needs a temporary mapping (highmem mode and a ZONE_HIGHMEM page). */
export function isHighmem(state: MachineState, page: number): boolean {
  return state.config.mode === 'highmem' && state.pages[page].highmem
}

/** Number of fixmap slots a task holds (kmap_ctrl.idx): its local entries that are not direct. */
export function slotDepth(state: MachineState, taskId: number): number {
  return state.tasks[taskId].locals.filter((id) => state.mappings[id].region.kind === 'fixmap').length
}

/** kmap_local_sched_out(): clear the task's slots on its CPU (the entries stay saved on the task). */
export function saveLocals(draft: MachineState, taskId: number): void {
  const task = draft.tasks[taskId]
  for (const id of task.locals) {
    const region = draft.mappings[id].region
    if (region.kind === 'fixmap') draft.cpus[region.cpu].fixmap[region.idx] = null
  }
}

/** kmap_local_sched_in(): rewrite the task's slots on its CPU. */
export function restoreLocals(draft: MachineState, taskId: number): void {
  for (const id of draft.tasks[taskId].locals) {
    const mapping = draft.mappings[id]
    if (mapping.region.kind === 'fixmap') draft.cpus[mapping.region.cpu].fixmap[mapping.region.idx] = { page: mapping.page, mapping: id }
  }
}

/** Whether a task may run on a CPU: not pinned elsewhere by a local mapping, idle tasks only on their own CPU. */
export function mayRunOn(state: MachineState, taskId: number, cpu: number): boolean {
  const task = state.tasks[taskId]
  if (task.idle) return task.cpu === cpu
  return task.migrationDisabled === 0 || task.cpu === cpu
}

/** The next task for a CPU: the first runnable ordinary task after `after` (round robin) that may run there, else the CPU's idle task. */
export function pickNext(state: MachineState, cpu: number, after: number): number {
  const ordinary = state.config.tasks
  for (let offset = 1; offset <= ordinary; offset++) {
    const id = (((after + offset) % ordinary) + ordinary) % ordinary
    const task = state.tasks[id]
    if (task.run === 'runnable' && mayRunOn(state, id, cpu)) return id
  }
  return ordinary + cpu
}

/**
 * Switch a CPU to another task: save the outgoing task's local mappings,
 * restore the incoming task's. `outgoing` says what becomes of the current task.
 */
export function switchTo(draft: MachineState, cpu: number, next: number, outgoing: 'runnable' | 'sleeping' | 'exited'): void {
  const current = draft.cpus[cpu].current
  saveLocals(draft, current)
  draft.tasks[current].run = outgoing
  draft.cpus[cpu].current = next
  draft.tasks[next].cpu = cpu
  draft.tasks[next].run = 'running'
  restoreLocals(draft, next)
}

/** Whether the context is atomic: preemption disabled, or in an interrupt. */
export function inAtomic(state: MachineState, taskId: number, irq: boolean): boolean {
  return irq || state.tasks[taskId].preemptCount > 0
}

/**
 * A deep copy for `step` to change. Written out by hand because it is about
 * ten times faster than `structuredClone` on a 1024-entry pool; the config is
 * shared because nothing changes it.
 */
export function cloneState(state: MachineState): MachineState {
  return {
    config: state.config,
    time: state.time,
    pages: state.pages.map((page) => ({ ...page })),
    cpus: state.cpus.map((cpu) => ({ ...cpu, irqs: cpu.irqs.map((frame) => ({ ...frame })), fixmap: cpu.fixmap.map((pte) => (pte ? { ...pte } : null)) })),
    tasks: state.tasks.map((task) => ({ ...task, locals: [...task.locals], waiting: task.waiting ? { ...task.waiting } : null })),
    pool: { ...state.pool, entries: state.pool.entries.map((entry) => ({ ...entry })), waiters: [...state.pool.waiters] },
    mappings: state.mappings.map((mapping) => ({ ...mapping, owner: { ...mapping.owner }, region: { ...mapping.region } })),
    vars: Object.fromEntries(Object.entries(state.vars).map(([name, pointer]) => [name, { ...pointer }])),
    nextIrq: state.nextIrq,
  }
}
