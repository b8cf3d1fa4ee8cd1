/**
 * Execution context: preemption and page-fault counts, sleeping, page faults,
 * context switches, interrupts and task exit. Each handler changes the draft in
 * place and fills the event.
 */
import type { Actor, EventDraft } from './actor.ts'
import { releaseLocal } from './local.ts'
import { inAtomic, mayRunOn, pickNext, switchTo } from './machine.ts'
import { applied, unmapBasis, violated } from './rules.ts'
import type { CountOp, MachineState } from './types.ts'

/** preempt_*, pagefault_*, might_sleep() and a faulting user access. */
export function countCall(draft: MachineState, op: CountOp, actor: Actor, event: EventDraft): void {
  const task = draft.tasks[actor.task]
  const atomic = inAtomic(draft, actor.task, actor.irq)
  event.summary = `${op}()`
  if (op === 'preempt_disable') {
    task.preemptCount++
    event.rules.push(applied('preempt-count', `Preemption disabled (count ${task.preemptCount})`))
  } else if (op === 'pagefault_disable') {
    task.pagefaultDisabled++
    event.rules.push(applied('pagefault-count', `Page faults disabled (count ${task.pagefaultDisabled})`))
  } else if (op === 'preempt_enable') {
    if (task.preemptCount === 0) return refuse(event, violated('preempt-underflow', 'bug', 'preempt_enable() with preemption already enabled'))
    task.preemptCount--
    event.rules.push(applied('preempt-count', task.preemptCount ? `Preemption still disabled (count ${task.preemptCount})` : 'Preemption enabled'))
  } else if (op === 'pagefault_enable') {
    if (task.pagefaultDisabled === 0) return refuse(event, violated('pagefault-underflow', 'bug', 'pagefault_enable() with page faults already enabled'))
    task.pagefaultDisabled--
    event.rules.push(applied('pagefault-count', task.pagefaultDisabled ? `Page faults still disabled (count ${task.pagefaultDisabled})` : 'Page faults enabled'))
  } else if (op === 'might_sleep') {
    if (atomic) event.violations.push(violated('sleep-in-atomic', 'bug', `A call that may sleep ${actor.irq ? 'in an interrupt' : `with preemption disabled (count ${task.preemptCount})`}`))
    else event.rules.push(applied('sleep-ok'))
  } else if (task.pagefaultDisabled > 0) {
    event.outcome = 'failed'
    event.summary = 'user access faulted: not handled, -EFAULT'
    event.violations.push(violated('fault-while-disabled', 'latent', 'The page fault is not handled while page faults are disabled: the access returns -EFAULT and the caller must retry outside the section'))
  } else if (atomic) {
    event.outcome = 'failed'
    event.summary = 'user access faulted in atomic context: -EFAULT'
    event.violations.push(violated('fault-in-atomic', 'latent', 'Page faults are enabled but the context is atomic: the fault handler refuses (in_atomic()); call pagefault_disable() explicitly and handle -EFAULT'))
  } else {
    event.summary = 'user access faulted: handled'
    event.rules.push(applied('fault-handled', task.locals.length > 0 ? 'The fault is handled; taking it inside a local kmap region is valid' : 'The fault is handled (it may sleep)'))
  }
}

/** Mark a refusal with its violation. */
function refuse(event: EventDraft, violation: EventDraft['violations'][number]): undefined {
  event.outcome = 'refused'
  event.summary += ' refused'
  event.violations.push(violation)
  return undefined
}

/**
 * schedule() by the current task on `cpu` (`voluntary`), or the scheduler
 * preempting it: switch to `to` or the next runnable task.
 * @returns An error text when the call is invalid.
 */
export function reschedule(draft: MachineState, cpu: number, to: number | undefined, voluntary: boolean, event: EventDraft): string | undefined {
  const name = voluntary ? 'schedule()' : 'preemption'
  const current = draft.tasks[draft.cpus[cpu].current]
  event.summary = `${name} on CPU ${cpu}`
  if (draft.cpus[cpu].irqs.length > 0) {
    if (voluntary) return refuse(event, violated('schedule-in-irq', 'bug', `schedule() called from an interrupt on CPU ${cpu}`))
    event.outcome = 'refused'
    event.rules.push(applied('preempt-blocked', `CPU ${cpu} is in an interrupt: no preemption until it returns`))
    return
  }
  if (current.preemptCount > 0) {
    if (voluntary) return refuse(event, violated('schedule-while-atomic', 'bug', `${current.name} calls schedule() with preemption disabled (count ${current.preemptCount}): "BUG: scheduling while atomic"`))
    event.outcome = 'refused'
    event.rules.push(applied('preempt-blocked', `${current.name} has preemption disabled (count ${current.preemptCount}): it cannot be switched out`))
    return
  }
  let next: number
  if (to !== undefined) {
    const target = draft.tasks[to]
    if (!target || target.idle || to >= draft.config.tasks) return `there is no task ${to}`
    if (target.run !== 'runnable') return `${target.name} is ${target.run}, not runnable`
    if (!mayRunOn(draft, to, cpu)) {
      event.outcome = 'refused'
      event.summary = `${name}: ${target.name} cannot run on CPU ${cpu}`
      event.rules.push(applied('pinned', `${target.name} holds local mappings on CPU ${target.cpu} and cannot migrate to CPU ${cpu}`))
      return
    }
    next = to
  } else {
    next = pickNext(draft, cpu, current.id)
    if (draft.tasks[next].idle && !current.idle) {
      event.summary = `${name} on CPU ${cpu}: nothing else to run, ${current.name} continues`
      return
    }
    if (next === current.id) {
      event.summary = `${name} on CPU ${cpu}: nothing to run`
      return
    }
  }
  const from = draft.tasks[next].cpu
  const saved = current.locals.length
  switchTo(draft, cpu, next, 'runnable')
  const incoming = draft.tasks[next]
  event.rules.push(applied('switch-save-restore', `Saved ${saved} local mapping(s) of ${current.name}, restored ${incoming.locals.length} of ${incoming.name}${from !== cpu ? ` (migrated from CPU ${from})` : ''}`))
  event.summary = `${name} on CPU ${cpu}: ${current.name} → ${incoming.name}`
}

/** An interrupt arrives on `cpu`. */
export function irqEnter(draft: MachineState, cpu: number, event: EventDraft): string | undefined {
  const state = draft.cpus[cpu]
  if (state.irqs.length >= 4) return `CPU ${cpu} already nests 4 interrupts`
  const task = draft.tasks[state.current]
  const frame = { id: draft.nextIrq++, task: task.id, depthAtEntry: task.locals.length, preemptAtEntry: task.preemptCount, pagefaultAtEntry: task.pagefaultDisabled }
  state.irqs.push(frame)
  event.rules.push(applied('irq-context', `Interrupt #${frame.id} on CPU ${cpu} interrupts ${task.name} and uses its mapping stack (depth ${frame.depthAtEntry})`))
  event.summary = `interrupt #${frame.id} enters on CPU ${cpu}`
}

/** The innermost interrupt on `cpu` returns: mappings and counts it left behind are reported and cleaned up. */
export function irqExit(draft: MachineState, cpu: number, event: EventDraft): string | undefined {
  const frame = draft.cpus[cpu].irqs.pop()
  if (!frame) return `CPU ${cpu} is not in an interrupt`
  const task = draft.tasks[frame.task]
  const left = task.locals.slice(frame.depthAtEntry).map((id) => draft.mappings[id])
  for (const mapping of [...left].reverse()) releaseLocal(draft, mapping, 'forced')
  if (left.length > 0) {
    const severity = left.some((each) => each.region.kind === 'fixmap') ? 'bug' : 'latent'
    event.violations.push(violated('irq-exit-leak', severity, `Interrupt #${frame.id} returns holding ${left.length} local mapping(s) (pages ${left.map((each) => each.page).join(', ')}); cleaned up so ${task.name} finds its stack as it left it`))
  }
  if (task.preemptCount !== frame.preemptAtEntry || task.pagefaultDisabled !== frame.pagefaultAtEntry) {
    event.violations.push(violated('irq-exit-count', 'bug', `Interrupt #${frame.id} changed preemption ${frame.preemptAtEntry} → ${task.preemptCount} and page faults ${frame.pagefaultAtEntry} → ${task.pagefaultDisabled}; restored`))
    task.preemptCount = frame.preemptAtEntry
    task.pagefaultDisabled = frame.pagefaultAtEntry
  }
  event.rules.push(applied('irq-context', `Interrupt #${frame.id} returns to ${task.name}`))
  event.summary = `interrupt #${frame.id} exits on CPU ${cpu}`
}

/** do_exit() of a running task. */
export function exitTask(draft: MachineState, taskId: number, event: EventDraft): string | undefined {
  const task = draft.tasks[taskId]
  if (!task || task.idle) return `there is no task ${taskId}`
  if (task.run !== 'running') return `${task.name} is ${task.run}, not running`
  if (draft.cpus[task.cpu].irqs.length > 0) return `CPU ${task.cpu} is in an interrupt`
  const locals = task.locals.map((id) => draft.mappings[id])
  for (const mapping of [...locals].reverse()) releaseLocal(draft, mapping, 'forced')
  if (locals.length > 0) {
    const severity = locals.some((each) => each.region.kind === 'fixmap') ? 'bug' : 'latent'
    event.violations.push(violated('exit-leak', severity, `${task.name} exits holding ${locals.length} local mapping(s) (pages ${locals.map((each) => each.page).join(', ')}); cleaned up`, [unmapBasis.kmap_local_page]))
  }
  const kmaps = draft.mappings.filter((each) => each.api === 'kmap' && each.live && 'task' in each.owner && !('irq' in each.owner) && each.owner.task === taskId)
  if (kmaps.length > 0) {
    event.violations.push(violated('exit-leak', 'latent', `${task.name} exits with ${kmaps.length} kmap() mapping(s) (pages ${kmaps.map((each) => each.page).join(', ')}); their pool entries stay in use until someone kunmap()s the pages`, [unmapBasis.kmap]))
  }
  if (task.preemptCount > 0 || task.pagefaultDisabled > 0) {
    event.violations.push(violated('exit-atomic', 'bug', `${task.name} exits with preemption count ${task.preemptCount}, page-fault-disable count ${task.pagefaultDisabled}`))
    task.preemptCount = 0
    task.pagefaultDisabled = 0
  }
  const cpu = task.cpu
  switchTo(draft, cpu, pickNext(draft, cpu, taskId), 'exited')
  event.rules.push(applied('exit', `${task.name} exits; CPU ${cpu} runs ${draft.tasks[draft.cpus[cpu].current].name}`))
  event.summary = `${task.name} exits`
}
