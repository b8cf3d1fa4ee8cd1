/**
 * One step of the machine: check the call, copy the state (`cloneState`), let the call's
 * handler change the copy, and describe what happened. The given state is
 * never changed, and no input makes `step` throw: a call that cannot run
 * yields an `invalid` event and the same state.
 */
import { access } from './access.ts'
import { resolveActor, type EventDraft } from './actor.ts'
import { checkCall } from './calls.ts'
import { countCall, exitTask, irqEnter, irqExit, reschedule } from './context.ts'
import { advise, explainFinding } from './explain.ts'
import { mapLocal, unmapLocal } from './local.ts'
import { cloneState } from './machine.ts'
import { kmap, kunmap, pageAddress } from './pkmap.ts'
import type { ApiRecord, Call, MachineState, StepEvent } from './types.ts'

/** API calls whose record a step reports (status, replacement, notes). */
const apis = new Set(['kmap_local_page', 'kunmap_local', 'kmap_atomic', 'kunmap_atomic', 'kmap', 'kunmap', 'page_address'])

/**
 * Run one call.
 * @param state The state before (not changed).
 * @param call What the program does.
 * @param records API records of the selected document version (optional): rules and violations then carry explanations, and API calls carry the record's advice.
 * @returns The state after and the event.
 */
export function step(state: MachineState, call: Call, records?: readonly ApiRecord[]): { state: MachineState; event: StepEvent } {
  const index = state.time
  const draft: EventDraft = { outcome: 'done', summary: '', rules: [], violations: [] }
  let next = state
  let problem = checkCall(call, state.config)
  if (!problem) {
    const copy = cloneState(state)
    try {
      problem = run(copy, call, draft)
    } catch (error) {
      // A bug in the engine must not take the page down: report it as an invalid step.
      problem = `internal error: ${error instanceof Error ? error.message : String(error)}`
    }
    if (!problem) next = copy
  }
  if (problem) {
    draft.outcome = 'invalid'
    draft.summary = problem
    draft.rules = []
    draft.violations = []
    delete draft.result
    delete draft.access
    delete draft.woken
  }
  next = { ...next, time: index + 1 }
  const event: StepEvent = { index, call, ...draft }
  if (records) {
    event.rules = event.rules.map((each) => explainFinding(each, records))
    event.violations = event.violations.map((each) => explainFinding(each, records))
    const advice = draft.outcome !== 'invalid' && apis.has(call.op) ? advise(call.op, records) : undefined
    if (advice) event.advice = advice
  }
  return { state: next, event }
}

/**
 * Dispatch a well-formed call on the draft.
 * @returns Why the call is invalid in this state, or `undefined` when it ran.
 */
function run(draft: MachineState, call: Call, event: EventDraft): string | undefined {
  switch (call.op) {
    case 'schedule':
    case 'preempt':
      return reschedule(draft, call.cpu, call.to, call.op === 'schedule', event)
    case 'irq_enter':
      return irqEnter(draft, call.cpu, event)
    case 'irq_exit':
      return irqExit(draft, call.cpu, event)
    case 'exit':
      return exitTask(draft, call.task, event)
  }
  const actor = resolveActor(draft, call.by)
  if (typeof actor === 'string') return actor
  switch (call.op) {
    case 'kmap_local_page':
    case 'kmap_atomic':
      mapLocal(draft, call.page, call.as, actor, event, call.op === 'kmap_atomic')
      return undefined
    case 'kmap':
      kmap(draft, call.page, call.as, actor, event)
      return undefined
    case 'page_address':
      pageAddress(draft, call.page, call.as, actor, event)
      return undefined
    case 'kunmap':
      kunmap(draft, call.page, actor, event)
      return undefined
    case 'kunmap_local':
    case 'kunmap_atomic':
      if (!Object.hasOwn(draft.vars, call.ptr)) return `no pointer named \`${call.ptr}\``
      unmapLocal(draft, call.ptr, actor, event, call.op === 'kunmap_atomic')
      return undefined
    case 'access':
      if (!Object.hasOwn(draft.vars, call.ptr)) return `no pointer named \`${call.ptr}\``
      access(draft, call.ptr, call.mode, actor, event)
      return undefined
    default:
      countCall(draft, call.op, actor, event)
      return undefined
  }
}
