import { describe, expect, it } from 'vitest'
import { decodeScenario, encodeScenario } from '../../src/simulator/engine/index.ts'
import type { Call } from '../../src/simulator/engine/index.ts'

const calls: Call[] = [
  { op: 'kmap_local_page', by: { task: 0 }, page: 2, as: 'a' },
  { op: 'irq_enter', cpu: 1 },
  { op: 'kmap_atomic', by: { irq: 1 }, page: 3, as: 'b' },
  { op: 'access', by: { task: 1 }, ptr: 'a', mode: 'write' },
  { op: 'kunmap', by: { irq: 1 }, page: 3 },
  { op: 'schedule', cpu: 0, to: 1 },
  { op: 'preempt', cpu: 1 },
  { op: 'exit', task: 1 },
  { op: 'user_access', by: { task: 0 } },
  { op: 'kunmap_local', by: { task: 0 }, ptr: 'a' },
]
const config = { mode: 'highmem' as const, cpus: 2, tasks: 3, pages: 6, highmem: [2, 3, 5], kmMaxIdx: 8, lastPkmap: 16 }

describe('scenario links', () => {
  it('round-trip config and calls through a URL-safe string with a version prefix', () => {
    const text = encodeScenario(config, calls)
    expect(text).toMatch(/^s1\.[A-Za-z0-9_-]+$/)
    expect(encodeURIComponent(text)).toBe(text)
    expect(decodeScenario(text)).toEqual({ config, calls })
  })

  it('encode the resolved config, so defaults survive a change of defaults', () => {
    const decoded = decodeScenario(encodeScenario({}, []))
    expect(decoded).toEqual({ config: { mode: 'highmem', cpus: 2, tasks: 2, pages: 4, highmem: [2, 3], kmMaxIdx: 16, lastPkmap: 1024 }, calls: [] })
  })

  it.each([
    [42, 'scenario: expected a string'],
    ['', 'scenario: unknown format (expected a string starting with `s1.`)'],
    ['s2.abc', 'scenario: unknown format (expected a string starting with `s1.`)'],
    ['s1.!!', 'scenario: not base64url'],
    ['s1.' + btoa('{nope').replaceAll('=', ''), 'scenario: the payload is not valid JSON'],
    ['s1.' + btoa('[1,2]').replaceAll('=', ''), 'scenario: expected [config, calls]'],
    ['s1.' + btoa('[[0,99,2,4,[],16,1024],[]]').replaceAll('=', ''), 'scenario: config.cpus must be an integer from 1 to 8'],
    ['s1.' + btoa('[[7,1,1,4,[],16,1024],[]]').replaceAll('=', ''), 'scenario: config.mode must be one of highmem, no-highmem, 64bit'],
    ['s1.' + btoa('[[0,1,1,4,[],16,1024],[[99,0]]]').replaceAll('=', ''), 'scenario: call 1: not a call'],
    ['s1.' + btoa('[[0,1,1,4,[],16,1024],[[0,0,9,"a"]]]').replaceAll('=', ''), 'scenario: call 1: kmap_local_page: `page` must be a page from 0 to 3'],
    ['s1.' + btoa('[[0,1,1,4,[],16,1024],[[0,5,1,"a"]]]').replaceAll('=', ''), 'scenario: call 1: kmap_local_page: `by` must be { task } or { irq: cpu } within the machine'],
    ['s1.' + btoa('[[0,1,1,4,[],16,1024],[[7,0,"a",2]]]').replaceAll('=', ''), 'scenario: call 1: access: `mode` must be `read` or `write`'],
    ['s1.' + 'A'.repeat(40_000), 'scenario: longer than 32000 characters'],
  ])('decoding %j gives an error value', (text, error) => {
    expect(decodeScenario(text)).toEqual({ error })
  })

  it('encoding refuses calls that do not fit the machine', () => {
    expect(() => encodeScenario({ cpus: 1 }, [{ op: 'irq_enter', cpu: 3 }])).toThrow('irq_enter: `cpu` must be a CPU from 0 to 0')
  })
})
