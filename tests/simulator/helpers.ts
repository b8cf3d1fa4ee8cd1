import { replay } from '../../src/simulator/engine/index.ts'
import type { ApiRecord, Call, MachineConfigInput, MachineState, StepEvent } from '../../src/simulator/engine/index.ts'
import { runCli } from '../helpers/cli.ts'

/** Run a program; `last` is the final state, `event` the last event. */
export function run(config: MachineConfigInput, calls: Call[], records?: ApiRecord[]): { states: MachineState[]; events: StepEvent[]; last: MachineState; event: StepEvent } {
  const { states, events } = replay(config, calls, records)
  return { states, events, last: states[states.length - 1], event: events[events.length - 1] }
}

/** The rule ids of an event: applied first, then violated. */
export function ruleIds(event: StepEvent): { rules: string[]; violations: string[] } {
  return { rules: event.rules.map((each) => each.rule), violations: event.violations.map((each) => each.rule) }
}

const cache = new Map<string, Promise<ApiRecord[]>>()

/** The real records of a version, from the CLI (built once per test file). */
export function records(version: string): Promise<ApiRecord[]> {
  let value = cache.get(version)
  if (!value) {
    value = runCli(['records', '--version', version, '--quiet']).then((result) => {
      if (result.code !== 0) throw new Error(result.stderr)
      return JSON.parse(result.stdout) as ApiRecord[]
    })
    cache.set(version, value)
  }
  return value
}

export const t0 = { task: 0 } as const
export const t1 = { task: 1 } as const
/** One CPU, two tasks, pages 0–1 lowmem and 2–3 highmem. */
export const small = { cpus: 1, tasks: 2, pages: 4, highmem: [2, 3] } as const
