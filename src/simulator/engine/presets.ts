/**
 * Preset scenarios: small programs that each show one lesson of highmem.rst.
 * `shows` lists the rules (and violations) the scenario is there to show; the
 * tests hold every preset to it.
 */
import type { RuleId } from './rules.ts'
import type { Call, MachineConfigInput } from './types.ts'

export interface Preset {
  id: string
  title: string
  description: string
  config: MachineConfigInput
  calls: Call[]
  /** Rule ids that must appear among the events (applied or violated). */
  shows: RuleId[]
  /** Whether any violation is expected at all. */
  clean: boolean
}

const t0 = { task: 0 }
const t1 = { task: 1 }

export const presets: readonly Preset[] = [
  {
    id: 'nesting',
    title: 'Nesting and unnesting local mappings',
    description: 'Two kmap_local_page() mappings stack up in the task’s slots and come off in reverse order.',
    config: { cpus: 1, tasks: 1, pages: 4, highmem: [2, 3] },
    calls: [
      { op: 'kmap_local_page', by: t0, page: 2, as: 'a' },
      { op: 'kmap_local_page', by: t0, page: 3, as: 'b' },
      { op: 'access', by: t0, ptr: 'a', mode: 'read' },
      { op: 'access', by: t0, ptr: 'b', mode: 'write' },
      { op: 'kunmap_local', by: t0, ptr: 'b' },
      { op: 'kunmap_local', by: t0, ptr: 'a' },
    ],
    shows: ['local-push', 'local-cpu-slot', 'local-pin', 'local-pop'],
    clean: true,
  },
  {
    id: 'out-of-order',
    title: 'Unmapping out of order',
    description: 'kunmap_local(a) while b sits on top: the kernel warns and clears the top slot, so b’s address now faults and a stays mapped.',
    config: { cpus: 1, tasks: 1, pages: 4, highmem: [2, 3] },
    calls: [
      { op: 'kmap_local_page', by: t0, page: 2, as: 'a' },
      { op: 'kmap_local_page', by: t0, page: 3, as: 'b' },
      { op: 'kunmap_local', by: t0, ptr: 'a' },
      { op: 'access', by: t0, ptr: 'b', mode: 'read' },
      { op: 'access', by: t0, ptr: 'a', mode: 'read' },
      { op: 'kunmap_local', by: t0, ptr: 'b' },
    ],
    shows: ['unmap-out-of-order', 'use-after-unmap', 'kunmap-local-not-held'],
    clean: false,
  },
  {
    id: 'kmap-in-atomic',
    title: 'kmap() while an atomic mapping is held',
    description: 'kmap_atomic() disables preemption; kmap() may sleep, so calling it (or kunmap(), or schedule()) inside the section is a bug.',
    config: { cpus: 1, tasks: 2, pages: 4, highmem: [2, 3] },
    calls: [
      { op: 'kmap_atomic', by: t0, page: 2, as: 'a' },
      { op: 'kmap', by: t0, page: 3, as: 'b' },
      { op: 'preempt', cpu: 0 },
      { op: 'schedule', cpu: 0 },
      { op: 'kunmap', by: t0, page: 3 },
      { op: 'kunmap_atomic', by: t0, ptr: 'a' },
    ],
    shows: ['atomic-preempt', 'atomic-pagefaults', 'kmap-in-atomic', 'preempt-blocked', 'schedule-while-atomic', 'kunmap-in-atomic', 'atomic-unmap'],
    clean: false,
  },
  {
    id: 'pool-exhaustion',
    title: 'Pool exhaustion: wrap, flush and a sleeping task',
    description: 'A four-entry pool: a kunmap() leaves an entry unused (count 1), the next search wraps and flushes it; when the pool is full T1 sleeps until T0 kunmap()s, then T1’s kmap() completes.',
    config: { cpus: 2, tasks: 2, pages: 8, highmem: [2, 3, 4, 5, 6, 7], lastPkmap: 4 },
    calls: [
      { op: 'kmap', by: t0, page: 2, as: 'p2' },
      { op: 'kmap', by: t0, page: 3, as: 'p3' },
      { op: 'kmap', by: t0, page: 4, as: 'p4' },
      { op: 'kunmap', by: t0, page: 2 },
      { op: 'kmap', by: t0, page: 5, as: 'p5' },
      { op: 'kmap', by: t0, page: 6, as: 'p6' },
      { op: 'kmap', by: t1, page: 7, as: 'p7' },
      { op: 'kunmap', by: t0, page: 3 },
      { op: 'access', by: t1, ptr: 'p7', mode: 'read' },
      { op: 'access', by: t0, ptr: 'p2', mode: 'read' },
    ],
    shows: ['kmap-lock', 'kmap-new', 'kunmap-release', 'pool-flush', 'pool-sleep', 'kunmap-wake', 'use-after-unmap'],
    clean: false,
  },
  {
    id: 'atomic-to-local',
    title: 'Converting kmap_atomic() to kmap_local_page()',
    description: 'The conversion note: code that relied on kmap_atomic() disabling page faults and preemption calls pagefault_disable() and preempt_disable() explicitly around kmap_local_page().',
    config: { cpus: 1, tasks: 2, pages: 4, highmem: [2, 3] },
    calls: [
      { op: 'kmap_atomic', by: t0, page: 2, as: 'a' },
      { op: 'user_access', by: t0 },
      { op: 'preempt', cpu: 0 },
      { op: 'kunmap_atomic', by: t0, ptr: 'a' },
      { op: 'preempt_disable', by: t0 },
      { op: 'pagefault_disable', by: t0 },
      { op: 'kmap_local_page', by: t0, page: 2, as: 'b' },
      { op: 'user_access', by: t0 },
      { op: 'preempt', cpu: 0 },
      { op: 'access', by: t0, ptr: 'b', mode: 'write' },
      { op: 'kunmap_local', by: t0, ptr: 'b' },
      { op: 'pagefault_enable', by: t0 },
      { op: 'preempt_enable', by: t0 },
    ],
    shows: ['atomic-preempt', 'atomic-pagefaults', 'fault-while-disabled', 'preempt-blocked', 'preempt-count', 'pagefault-count', 'local-push'],
    clean: false,
  },
  {
    id: 'lowmem',
    title: 'A lowmem page',
    description: 'kmap_local_page() of a lowmem page returns its direct-map address and takes no slot; page_address() gives the same address, and mistakes are latent (harmless here, bugs for highmem pages).',
    config: { cpus: 1, tasks: 1, pages: 4, highmem: [2, 3] },
    calls: [
      { op: 'kmap_local_page', by: t0, page: 0, as: 'a' },
      { op: 'page_address', by: t0, page: 0, as: 'd' },
      { op: 'kmap_local_page', by: t0, page: 2, as: 'b' },
      { op: 'kunmap_local', by: t0, ptr: 'a' },
      { op: 'access', by: t0, ptr: 'a', mode: 'read' },
      { op: 'kunmap_local', by: t0, ptr: 'b' },
      { op: 'page_address', by: t0, page: 2, as: 'h' },
    ],
    shows: ['local-direct', 'page-address', 'unmap-out-of-order', 'use-after-unmap'],
    clean: false,
  },
  {
    id: 'other-task',
    title: 'A mapping used from another task',
    description: 'T0 maps a page and is switched out; T1 uses T0’s address: first nothing is mapped there, then T1’s own mapping sits in the same slot and T1 reaches the wrong page. Back on T0 the address works again.',
    config: { cpus: 1, tasks: 2, pages: 4, highmem: [2, 3] },
    calls: [
      { op: 'kmap_local_page', by: t0, page: 2, as: 'a' },
      { op: 'schedule', cpu: 0 },
      { op: 'access', by: t1, ptr: 'a', mode: 'read' },
      { op: 'kmap_local_page', by: t1, page: 3, as: 'b' },
      { op: 'access', by: t1, ptr: 'a', mode: 'write' },
      { op: 'kunmap_local', by: t1, ptr: 'b' },
      { op: 'schedule', cpu: 0 },
      { op: 'access', by: t0, ptr: 'a', mode: 'read' },
      { op: 'kunmap_local', by: t0, ptr: 'a' },
    ],
    shows: ['switch-save-restore', 'switched-away'],
    clean: false,
  },
]
