/**
 * Scenarios as links: a configuration and a program packed into a short,
 * URL-safe string (`s1.` + base64url of compact JSON). The prefix carries the
 * format version; op numbers follow `ops` in calls.ts, which only grows.
 * Decoding never throws: junk yields `{ error }`.
 */
import { checkCall, ops } from './calls.ts'
import { modes, resolveConfig } from './config.ts'
import type { By, Call, MachineConfig, MachineConfigInput } from './types.ts'

const prefix = 's1.'
const maxLength = 32_000
const maxCalls = 2_000

/** `{task: t}` → t, `{irq: c}` → −(c + 1). */
function packBy(by: By): number {
  return 'task' in by ? by.task : -(by.irq + 1)
}

/** The inverse of `packBy`; `undefined` when not an integer. */
function unpackBy(value: unknown): By | undefined {
  if (!Number.isInteger(value)) return undefined
  const number = value as number
  return number >= 0 ? { task: number } : { irq: -number - 1 }
}

/** One call as a compact array. */
function packCall(call: Call): unknown[] {
  const op = ops.indexOf(call.op)
  switch (call.op) {
    case 'kmap_local_page':
    case 'kmap_atomic':
    case 'kmap':
    case 'page_address':
      return [op, packBy(call.by), call.page, call.as]
    case 'kunmap_local':
    case 'kunmap_atomic':
      return [op, packBy(call.by), call.ptr]
    case 'kunmap':
      return [op, packBy(call.by), call.page]
    case 'access':
      return [op, packBy(call.by), call.ptr, call.mode === 'write' ? 1 : 0]
    case 'schedule':
    case 'preempt':
      return call.to === undefined ? [op, call.cpu] : [op, call.cpu, call.to]
    case 'irq_enter':
    case 'irq_exit':
      return [op, call.cpu]
    case 'exit':
      return [op, call.task]
    default:
      return [op, packBy(call.by)]
  }
}

/** A compact array back to a call (shape only; `checkCall` judges it). */
function unpackCall(raw: unknown): unknown {
  if (!Array.isArray(raw) || !Number.isInteger(raw[0])) return undefined
  const op = ops[raw[0] as number]
  if (!op) return undefined
  if (op === 'schedule' || op === 'preempt') return raw.length > 2 ? { op, cpu: raw[1], to: raw[2] } : { op, cpu: raw[1] }
  if (op === 'irq_enter' || op === 'irq_exit') return { op, cpu: raw[1] }
  if (op === 'exit') return { op, task: raw[1] }
  const by = unpackBy(raw[1])
  if (op === 'kmap_local_page' || op === 'kmap_atomic' || op === 'kmap' || op === 'page_address') return { op, by, page: raw[2], as: raw[3] }
  if (op === 'kunmap_local' || op === 'kunmap_atomic') return { op, by, ptr: raw[2] }
  if (op === 'kunmap') return { op, by, page: raw[2] }
  if (op === 'access') return { op, by, ptr: raw[2], mode: raw[3] === 1 ? 'write' : raw[3] === 0 ? 'read' : undefined }
  return { op, by }
}

/** ASCII text to base64url without padding (names are C identifiers, so the JSON is ASCII). */
function toBase64Url(text: string): string {
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

/** base64url back to text; `atob` throws on bad input, which `decodeScenario` catches. */
function fromBase64Url(text: string): string {
  return atob(text.replaceAll('-', '+').replaceAll('_', '/'))
}

/**
 * Pack a scenario. Throws only for an invalid configuration or call (a
 * programming error: the UI builds calls, it does not parse them).
 */
export function encodeScenario(config: MachineConfigInput, calls: readonly Call[]): string {
  const resolved = resolveConfig(config)
  if ('error' in resolved) throw new Error(resolved.error)
  const c = resolved.config
  for (const call of calls) {
    const problem = checkCall(call, c)
    if (problem) throw new Error(problem)
  }
  const payload = [[modes.indexOf(c.mode), c.cpus, c.tasks, c.pages, c.highmem, c.kmMaxIdx, c.lastPkmap], calls.map(packCall)]
  return prefix + toBase64Url(JSON.stringify(payload))
}

/**
 * Unpack a scenario.
 * @returns The resolved configuration and the calls, or what is wrong with the string.
 */
export function decodeScenario(text: unknown): { config: MachineConfig; calls: Call[] } | { error: string } {
  try {
    if (typeof text !== 'string') return { error: 'scenario: expected a string' }
    if (text.length > maxLength) return { error: `scenario: longer than ${maxLength} characters` }
    if (!text.startsWith(prefix)) return { error: `scenario: unknown format (expected a string starting with \`${prefix}\`)` }
    const body = text.slice(prefix.length)
    if (!/^[A-Za-z0-9_-]*$/.test(body)) return { error: 'scenario: not base64url' }
    let payload: unknown
    try {
      payload = JSON.parse(fromBase64Url(body))
    } catch {
      return { error: 'scenario: the payload is not valid JSON' }
    }
    if (!Array.isArray(payload) || payload.length !== 2 || !Array.isArray(payload[0]) || !Array.isArray(payload[1])) return { error: 'scenario: expected [config, calls]' }
    const [mode, cpus, tasks, pages, highmem, kmMaxIdx, lastPkmap] = payload[0] as unknown[]
    const resolved = resolveConfig({ mode: modes[mode as number] ?? String(mode), cpus, tasks, pages, highmem, kmMaxIdx, lastPkmap } as MachineConfigInput)
    if ('error' in resolved) return { error: `scenario: ${resolved.error}` }
    const rawCalls = payload[1] as unknown[]
    if (rawCalls.length > maxCalls) return { error: `scenario: more than ${maxCalls} calls` }
    const calls: Call[] = []
    for (const [index, raw] of rawCalls.entries()) {
      const call = unpackCall(raw)
      const problem = call === undefined ? 'not a call' : checkCall(call, resolved.config)
      if (problem) return { error: `scenario: call ${index + 1}: ${problem}` }
      calls.push(call as Call)
    }
    return { config: resolved.config, calls }
  } catch (error) {
    return { error: `scenario: ${error instanceof Error ? error.message : String(error)}` }
  }
}
