/**
 * Who is calling, and the record a handler fills in while it runs. Kept apart
 * from the handlers so each call module only imports what it uses.
 */
import type { Finding, MachineState, Mapping, MapOp, Outcome, Owner, Pointer, Region, StepEvent, Violation } from './types.ts'

/** The calling context, resolved against the state. */
export interface Actor {
  /** The task whose stack and counts the call uses (`current`, also for an interrupt). */
  task: number
  cpu: number
  /** In an interrupt (the innermost one on `cpu`). */
  irq: boolean
  owner: Owner
}

/** What a handler reports; `step` turns it into a `StepEvent`. */
export interface EventDraft {
  outcome: Outcome
  summary: string
  rules: Finding[]
  violations: Violation[]
  result?: Pointer
  access?: StepEvent['access']
  woken?: StepEvent['woken']
}

/**
 * Resolve `by` against the state.
 * @returns The actor, or why the call cannot be made now.
 */
export function resolveActor(state: MachineState, by: { task: number } | { irq: number }): Actor | string {
  if ('task' in by) {
    const task = state.tasks[by.task]
    if (!task || task.idle) return `there is no task ${by.task}`
    if (task.run !== 'running') return `${task.name} is ${task.run}, not running on a CPU`
    if (state.cpus[task.cpu].irqs.length > 0) return `CPU ${task.cpu} is in an interrupt; ${task.name} is not executing (call as the interrupt)`
    return { task: task.id, cpu: task.cpu, irq: false, owner: { task: task.id } }
  }
  const cpu = state.cpus[by.irq]
  if (!cpu) return `there is no CPU ${by.irq}`
  const frame = cpu.irqs.at(-1)
  if (!frame) return `CPU ${cpu.id} is not in an interrupt`
  return { task: frame.task, cpu: cpu.id, irq: true, owner: { irq: frame.id, task: frame.task } }
}

/** Whether two owners are the same context. */
export function sameOwner(a: Owner, b: Owner): boolean {
  return 'irq' in a ? 'irq' in b && a.irq === b.irq : !('irq' in b) && a.task === b.task
}

/** Human name of an owner. */
export function ownerName(state: MachineState, owner: Owner): string {
  return 'irq' in owner ? `interrupt #${owner.irq}` : state.tasks[owner.task].name
}

/** Record a new mapping in the draft and return it (live). */
export function addMapping(draft: MachineState, api: MapOp, page: number, owner: Owner, cpu: number, address: string, region: Region): Mapping {
  const mapping: Mapping = { id: draft.mappings.length, api, page, owner, cpu, address, region, live: true }
  draft.mappings.push(mapping)
  return mapping
}

/** Store a mapping's address in a named pointer and as the step's result. */
export function bind(draft: MachineState, event: EventDraft, name: string, mapping: Mapping): void {
  const pointer: Pointer = { address: mapping.address, page: mapping.page, mapping: mapping.id }
  draft.vars[name] = pointer
  event.result = pointer
}
