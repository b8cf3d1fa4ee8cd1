import { describe, expect, it } from 'vitest'
import * as engine from '../../src/simulator/engine/index.ts'
import { createMachine, fixmapAddress, pkmapAddress, resolveConfig } from '../../src/simulator/engine/index.ts'

describe('engine exports', () => {
  it('are pinned', () => {
    expect(Object.keys(engine).sort()).toEqual([
      'advise', 'catalogue', 'checkCall', 'createMachine', 'decodeScenario', 'defaults', 'directAddress', 'encodeScenario',
      'explain', 'explainFinding', 'fixmapAddress', 'limits', 'modes', 'ops', 'pkmapAddress', 'presets', 'reach', 'replay', 'resolveConfig', 'step',
    ])
  })
})

describe('createMachine', () => {
  it('builds the initial state: tasks on CPUs, idle tasks, lowmem and highmem pages, an empty pool', () => {
    const state = createMachine({ cpus: 2, tasks: 3, pages: 4, highmem: [3, 2], lastPkmap: 4, kmMaxIdx: 2 })
    expect(state.config).toEqual({ mode: 'highmem', cpus: 2, tasks: 3, pages: 4, highmem: [2, 3], kmMaxIdx: 2, lastPkmap: 4 })
    expect(state.tasks.map((task) => [task.name, task.cpu, task.run, task.idle])).toEqual([
      ['T0', 0, 'running', false],
      ['T1', 1, 'running', false],
      ['T2', 0, 'runnable', false],
      ['idle/0', 0, 'runnable', true],
      ['idle/1', 1, 'runnable', true],
    ])
    expect(state.cpus).toEqual([
      { id: 0, current: 0, irqs: [], fixmap: [null, null] },
      { id: 1, current: 1, irqs: [], fixmap: [null, null] },
    ])
    expect(state.pages).toEqual([
      { pfn: 0, highmem: false, direct: '0xc0000000', pkmap: null },
      { pfn: 1, highmem: false, direct: '0xc0001000', pkmap: null },
      { pfn: 2, highmem: true, direct: null, pkmap: null },
      { pfn: 3, highmem: true, direct: null, pkmap: null },
    ])
    expect(state.pool).toEqual({ entries: Array(4).fill({ count: 0, page: null }), last: 0, flushes: 0, lockTaken: 0, waiters: [] })
    expect(state).toMatchObject({ time: 0, mappings: [], vars: {}, nextIrq: 0 })
  })

  it('defaults to the kernel’s KM_MAX_IDX 16 and LAST_PKMAP 1024, upper half highmem', () => {
    const state = createMachine()
    expect(state.config).toEqual({ mode: 'highmem', cpus: 2, tasks: 2, pages: 4, highmem: [2, 3], kmMaxIdx: 16, lastPkmap: 1024 })
    expect(state.pool.entries).toHaveLength(1024)
    expect(state.cpus[0].fixmap).toHaveLength(16)
  })

  it('a CPU without a task runs its idle task', () => {
    const state = createMachine({ cpus: 2, tasks: 1 })
    expect(state.cpus.map((cpu) => state.tasks[cpu.current].name)).toEqual(['T0', 'idle/1'])
  })

  it('throws early on a bad configuration; resolveConfig reports it as a value', () => {
    expect(() => createMachine({ cpus: 0 })).toThrow('config.cpus must be an integer from 1 to 8')
    expect(resolveConfig({ highmem: [7] })).toEqual({ error: 'config.highmem must list page numbers from 0 to 3' })
    expect(resolveConfig({ colour: 1 })).toEqual({ error: 'config: unknown field `colour`' })
    expect(resolveConfig('x')).toEqual({ error: 'config must be an object' })
  })

  it('lays addresses out like i386: fixmap slots per CPU below FIXADDR_TOP, the pool at PKMAP_BASE', () => {
    const { config } = createMachine({ kmMaxIdx: 16 })
    expect(fixmapAddress(config, 0, 0)).toBe('0xfffef000')
    expect(fixmapAddress(config, 1, 0)).toBe('0xfffdf000')
    expect(pkmapAddress(0)).toBe('0xff800000')
    expect(pkmapAddress(1023)).toBe('0xffbff000')
  })
})
