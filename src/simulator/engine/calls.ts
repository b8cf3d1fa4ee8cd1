/**
 * The shape check of a call against a configuration. `step` runs it so that a
 * malformed call becomes an `invalid` event, and `decodeScenario` runs it so
 * that a shared link cannot smuggle one in.
 */
import type { Call, MachineConfig, Op } from './types.ts'

export const mapOps = ['kmap_local_page', 'kmap_atomic', 'kmap', 'page_address'] as const
export const unmapOps = ['kunmap_local', 'kunmap_atomic'] as const
export const countOps = ['preempt_disable', 'preempt_enable', 'pagefault_disable', 'pagefault_enable', 'might_sleep', 'user_access'] as const
export const cpuOps = ['schedule', 'preempt', 'irq_enter', 'irq_exit'] as const

/** Every op, in a fixed order (the scenario format numbers them by this list: append only). */
export const ops: readonly Op[] = [...mapOps, ...unmapOps, 'kunmap', 'access', ...countOps, ...cpuOps, 'exit']

/** A C identifier; `__proto__` is refused because pointers are keys of a plain object. */
const namePattern = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,15}$/

/** An integer from 0 to `below` − 1. */
function index(value: unknown, below: number): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < below
}

/**
 * Check a call's shape and ranges (not whether it makes sense now).
 * @returns `undefined` when well formed, else what is wrong.
 */
export function checkCall(call: unknown, config: MachineConfig): string | undefined {
  if (typeof call !== 'object' || call === null || Array.isArray(call)) return 'a call must be an object'
  const raw = call as Record<string, unknown>
  const op = raw.op as Op
  if (!ops.includes(op)) return `unknown op \`${String(raw.op)}\``
  const allowed = new Set(['op'])
  /** Allow `key` and report it when `ok` is false. */
  const need = (key: string, ok: boolean, what: string): string | undefined => {
    allowed.add(key)
    return ok ? undefined : `${op}: \`${key}\` must be ${what}`
  }
  const problems: (string | undefined)[] = []
  if ((cpuOps as readonly string[]).includes(op)) {
    problems.push(need('cpu', index(raw.cpu, config.cpus), `a CPU from 0 to ${config.cpus - 1}`))
    if (op === 'schedule' || op === 'preempt') problems.push(need('to', raw.to === undefined || index(raw.to, config.tasks), `a task from 0 to ${config.tasks - 1}`))
  } else if (op === 'exit') {
    problems.push(need('task', index(raw.task, config.tasks), `a task from 0 to ${config.tasks - 1}`))
  } else {
    const by = raw.by as Record<string, unknown> | undefined
    const byOk =
      typeof by === 'object' && by !== null && Object.keys(by).length === 1 &&
      (('task' in by && index(by.task, config.tasks)) || ('irq' in by && index(by.irq, config.cpus)))
    problems.push(need('by', Boolean(byOk), `{ task } or { irq: cpu } within the machine`))
    if ((mapOps as readonly string[]).includes(op) || op === 'kunmap') problems.push(need('page', index(raw.page, config.pages), `a page from 0 to ${config.pages - 1}`))
    if ((mapOps as readonly string[]).includes(op)) problems.push(need('as', typeof raw.as === 'string' && namePattern.test(raw.as), 'a C identifier of at most 16 characters'))
    if ((unmapOps as readonly string[]).includes(op) || op === 'access') problems.push(need('ptr', typeof raw.ptr === 'string' && namePattern.test(raw.ptr), 'a C identifier of at most 16 characters'))
    if (op === 'access') problems.push(need('mode', raw.mode === 'read' || raw.mode === 'write', '`read` or `write`'))
  }
  const problem = problems.find(Boolean)
  if (problem) return problem
  const extra = Object.keys(raw).find((key) => !allowed.has(key))
  return extra ? `${op}: unknown field \`${extra}\`` : undefined
}
