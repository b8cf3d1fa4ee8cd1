/**
 * Words for the simulator's views: how a call, a caller, a pool count or a
 * status reads. Pure functions of engine values, kept apart from the markup
 * so the log, the form and the state panels name things the same way.
 */
import type { ApiRecord, By, Call, MachineState, Status } from '../../simulator/engine/index.ts'

/**
 * Status labels as the rest of the site prints them. A copy of `statusLabel`
 * in src/site/lib/site-data.ts, because that module reads Astro's content
 * collections and must not be bundled into an island.
 */
export const statusLabel: Record<Status, string> = {
  preferred: 'Preferred',
  available: 'Available',
  discouraged: 'Discouraged',
  deprecated: 'Deprecated',
  removed: 'Removed',
}

/** The APIs whose records the widget reads (`step` advises on these); pages pass only these records. */
export const simulatedApis = ['kmap_local_page', 'kunmap_local', 'kmap_atomic', 'kunmap_atomic', 'kmap', 'kunmap', 'page_address'] as const

/** Who makes a call, in the log's words: `T0`, or `IRQ on CPU 1`. */
export function callerName(state: MachineState, by: By): string {
  return 'task' in by ? (state.tasks[by.task]?.name ?? `T${by.task}`) : `IRQ on CPU ${by.irq}`
}

/**
 * A call as a line of C-like code, prefixed by who makes it:
 * `T0: a = kmap_local_page(page 2)`, `CPU 0: schedule()`.
 */
export function describeCall(state: MachineState, call: Call): string {
  switch (call.op) {
    case 'schedule':
      return `CPU ${call.cpu}: schedule()${call.to === undefined ? '' : ` → ${state.tasks[call.to]?.name ?? `T${call.to}`}`}`
    case 'preempt':
      return `CPU ${call.cpu}: preemption tick${call.to === undefined ? '' : ` → ${state.tasks[call.to]?.name ?? `T${call.to}`}`}`
    case 'irq_enter':
      return `CPU ${call.cpu}: interrupt enters`
    case 'irq_exit':
      return `CPU ${call.cpu}: interrupt returns`
    case 'exit':
      return `${state.tasks[call.task]?.name ?? `T${call.task}`}: do_exit()`
  }
  const who = callerName(state, call.by)
  switch (call.op) {
    case 'kmap_local_page':
    case 'kmap_atomic':
    case 'kmap':
    case 'page_address':
      return `${who}: ${call.as} = ${call.op}(page ${call.page})`
    case 'kunmap_local':
    case 'kunmap_atomic':
      return `${who}: ${call.op}(${call.ptr})`
    case 'kunmap':
      return `${who}: kunmap(page ${call.page})`
    case 'access':
      return `${who}: ${call.mode} *${call.ptr}`
    default:
      return `${who}: ${call.op}()`
  }
}

/**
 * What the recommended replacement of a call looks like, for the advice under
 * a deprecated or discouraged call: `a = kmap_local_page(page 2)`.
 */
export function equivalentCall(call: Call, replacement: string): string | undefined {
  if ((call.op === 'kmap_atomic' || call.op === 'kmap') && replacement === 'kmap_local_page') {
    return `${call.as} = kmap_local_page(page ${call.page}); … kunmap_local(${call.as});`
  }
  return undefined
}

/** A pool entry's pkmap_count in words (0 free, 1 unused until the next flush, n → n − 1 users). */
export function poolCount(count: number): string {
  if (count === 0) return 'free'
  if (count === 1) return 'unused, flushed at the next wrap'
  return count === 2 ? '1 user' : `${count - 1} users`
}

/** The first free C identifier among a, b, …, z, then p0, p1, … (not yet used by the program). */
export function freshName(calls: readonly Call[]): string {
  const used = new Set(calls.flatMap((call) => ('as' in call ? [call.as] : [])))
  for (const letter of 'abcdefghijklmnopqrstuvwxyz') if (!used.has(letter)) return letter
  let n = 0
  while (used.has(`p${n}`)) n++
  return `p${n}`
}
