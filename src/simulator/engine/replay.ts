/**
 * Replay a program from the initial state. Every intermediate state is kept so
 * a UI can step back and forth without recomputing.
 */
import { createMachine } from './machine.ts'
import { step } from './step.ts'
import type { ApiRecord, Call, MachineConfigInput, MachineState, StepEvent } from './types.ts'

/**
 * Run `calls` in order.
 * @param config Machine configuration (throws only when it is invalid).
 * @param calls The program.
 * @param records API records of the selected version (optional; see `step`).
 * @returns `states[0]` is the initial state, `states[i + 1]` the state after `events[i]`.
 */
export function replay(config: MachineConfigInput, calls: readonly Call[], records?: readonly ApiRecord[]): { states: MachineState[]; events: StepEvent[] } {
  const states = [createMachine(config)]
  const events: StepEvent[] = []
  for (const call of calls) {
    const result = step(states[states.length - 1], call, records)
    states.push(result.state)
    events.push(result.event)
  }
  return { states, events }
}
