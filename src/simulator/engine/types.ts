/**
 * The shapes of the mapping simulator: configuration, calls, machine state and
 * step events. Everything is a plain, JSON-serialisable object so that a state
 * can be stored, compared with `deepEqual`, sent to a Preact island as props or
 * printed as is. The engine never mutates a state it was given.
 */
import type { ApiRecord, Status } from '../../../plugins/remark-api-records/index.ts'

export type { ApiRecord, Status }

/** `highmem`: 32-bit with CONFIG_HIGHMEM=y; `no-highmem`: CONFIG_HIGHMEM=n; `64bit`: a 64-bit kernel (no highmem). */
export type Mode = 'highmem' | 'no-highmem' | '64bit'

/** What a user writes; every field has a default (see `config.ts`). */
export interface MachineConfigInput {
  mode?: Mode
  /** Number of CPUs (1–8, default 2). */
  cpus?: number
  /** Number of ordinary tasks (1–8, default 2); each CPU also gets an idle task. */
  tasks?: number
  /** Number of pages (1–64, default 4). */
  pages?: number
  /** Page numbers in ZONE_HIGHMEM (default: the upper half); ignored unless `mode` is `highmem`. */
  highmem?: readonly number[]
  /** Local-mapping depth limit per task (default 16, the kernel's KM_MAX_IDX). */
  kmMaxIdx?: number
  /** Entries in the persistent kmap pool (default 1024, the kernel's LAST_PKMAP on x86 with PAE off). */
  lastPkmap?: number
}

/** The configuration after defaults; what the engine reads. */
export interface MachineConfig {
  mode: Mode
  cpus: number
  tasks: number
  pages: number
  highmem: number[]
  kmMaxIdx: number
  lastPkmap: number
}

/** Who makes a call: an ordinary task (which must be running), or the innermost interrupt on a CPU. */
export type By = { task: number } | { irq: number }

/** APIs that map a page and name the pointer they return with `as`. */
export type MapOp = 'kmap_local_page' | 'kmap_atomic' | 'kmap' | 'page_address'
/** Calls without arguments besides the caller. */
export type CountOp = 'preempt_disable' | 'preempt_enable' | 'pagefault_disable' | 'pagefault_enable' | 'might_sleep' | 'user_access'

/**
 * One thing a program does. Pointers are named variables (`as: 'a'` stores the
 * returned address in `a`; `ptr: 'a'` reads it), like C code keeping a `void *`.
 */
export type Call =
  | { op: MapOp; by: By; page: number; as: string }
  | { op: 'kunmap_local' | 'kunmap_atomic'; by: By; ptr: string }
  | { op: 'kunmap'; by: By; page: number }
  | { op: 'access'; by: By; ptr: string; mode: 'read' | 'write' }
  | { op: CountOp; by: By }
  /** The current task on `cpu` calls schedule(); `to` picks the next task (default: the next runnable one). */
  | { op: 'schedule'; cpu: number; to?: number }
  /** The scheduler tries to preempt the current task on `cpu` (refused while preemption is disabled). */
  | { op: 'preempt'; cpu: number; to?: number }
  | { op: 'irq_enter' | 'irq_exit'; cpu: number }
  /** The task calls do_exit(). */
  | { op: 'exit'; task: number }

export type Op = Call['op']

/** Where an address points, so the engine can look up what the hardware would see. */
export type Region =
  | { kind: 'direct'; page: number }
  | { kind: 'fixmap'; cpu: number; idx: number }
  | { kind: 'pkmap'; nr: number }

/** Which context owns a mapping: a task, or one interrupt (by its serial number). */
export type Owner = { task: number } | { irq: number; task: number }

/** One mapping handed out by an API call; kept after release (with `live: false`) so stale pointers can be judged. */
export interface Mapping {
  id: number
  api: MapOp
  page: number
  owner: Owner
  /** CPU the call ran on. */
  cpu: number
  address: string
  region: Region
  live: boolean
  /** Why it ended: `unmapped`, `torn-down` (another unmap cleared its slot), `forced` (cleaned at exit). */
  ended?: 'unmapped' | 'torn-down' | 'forced'
}

/** A named pointer: an address, or `null` (page_address() of an unmapped highmem page). */
export interface Pointer {
  address: string | null
  page: number
  mapping: number | null
}

export interface PageState {
  pfn: number
  highmem: boolean
  /** Direct-map address (lowmem pages only). */
  direct: string | null
  /** Pool entry holding the page (`set_page_address`), highmem only. */
  pkmap: number | null
}

/** One fixmap PTE: which page it maps and for which mapping. */
export interface Pte {
  page: number
  mapping: number
}

export interface IrqFrame {
  /** Serial number of the interrupt (owner of its mappings). */
  id: number
  /** The interrupted task (`current`), whose kmap_ctrl stack the interrupt uses. */
  task: number
  depthAtEntry: number
  preemptAtEntry: number
  pagefaultAtEntry: number
}

export interface CpuState {
  id: number
  /** The task running on it (an idle task when nothing else runs). */
  current: number
  /** Interrupt frames, innermost last. */
  irqs: IrqFrame[]
  /** This CPU's KM_MAX_IDX fixmap slots; slot `i` has global index `i + KM_MAX_IDX * cpu`. */
  fixmap: (Pte | null)[]
}

export type TaskRun = 'running' | 'runnable' | 'sleeping' | 'exited'

export interface TaskState {
  id: number
  name: string
  idle: boolean
  /** CPU it runs on, or last ran on. */
  cpu: number
  run: TaskRun
  preemptCount: number
  pagefaultDisabled: number
  migrationDisabled: number
  /** The local-mapping stack (mapping ids, bottom first): kmap_local_page and kmap_atomic, lowmem ones included. */
  locals: number[]
  /** Pending kmap() while sleeping on a full pool. */
  waiting: { page: number; as: string } | null
}

export interface PoolEntry {
  /** pkmap_count: 0 free, 1 unused but not yet flushed, n means n − 1 users. */
  count: number
  page: number | null
}

export interface PoolState {
  entries: PoolEntry[]
  /** last_pkmap_nr: the entry the last search stopped at; the next search starts after it. */
  last: number
  /** How many times the pool wrapped and flushed the TLB. */
  flushes: number
  /** How many times the global kmap_lock was taken. */
  lockTaken: number
  /** Tasks sleeping on pkmap_map_wait, first come first. */
  waiters: number[]
}

export interface MachineState {
  config: MachineConfig
  /** Steps taken so far. */
  time: number
  pages: PageState[]
  cpus: CpuState[]
  tasks: TaskState[]
  pool: PoolState
  mappings: Mapping[]
  vars: Record<string, Pointer>
  nextIrq: number
}

/** The basis of a rule: a fact of an API record, or the kernel's code. */
export type Basis =
  | { kind: 'document'; api: string; field: string; value?: string }
  | { kind: 'kernel'; what: string }

/** A rule resolved against a version's records (see `explain.ts`). */
export type Explanation =
  | { kind: 'document'; found: true; api: string; field: string; value?: string; sentence: string; line: number; version: string; status: Status }
  | { kind: 'document'; found: false; api: string; field: string; value?: string; text: string; version: string | null; status: Status | null }
  | { kind: 'kernel'; found: true; text: string }

/** A rule the step applied or broke. */
export interface Finding {
  rule: string
  text: string
  basis: Basis[]
  /** Filled by `step` when records are given. */
  explanations?: Explanation[]
}

/** `bug`: wrong on this machine; `latent`: works here (lowmem page, no highmem) but breaks the documented contract. */
export type Severity = 'bug' | 'latent'

export interface Violation extends Finding {
  severity: Severity
}

/** `invalid`: the call makes no sense for this state (unknown pointer, task not running); nothing happened. */
export type Outcome = 'done' | 'refused' | 'sleeping' | 'failed' | 'invalid'

/** What the selected version's record says about the API a step used. */
export interface ApiAdvice {
  api: string
  version: string
  status: Status
  replacement: string[]
  notes: string[]
}

export interface StepEvent {
  /** 0-based step number. */
  index: number
  call: Call
  outcome: Outcome
  summary: string
  /** The returned pointer of a mapping call. */
  result?: Pointer
  /** For `access`: the page the program meant and the page the hardware reached (`null`: fault). */
  access?: { expected: number; sees: number | null; mode: 'read' | 'write' }
  rules: Finding[]
  violations: Violation[]
  /** Tasks woken by a kunmap and whether their kmap completed. */
  woken?: { task: number; completed: boolean }[]
  advice?: ApiAdvice
}
