/**
 * The rule catalogue: every rule the engine applies and every violation it
 * reports, each with its basis. A document basis names a fact of an API record
 * (`explain` finds the sentence for the selected version); a kernel basis names
 * the code, for behaviour the document does not state as a fact.
 */
import type { Basis, Finding, Severity, Violation } from './types.ts'

/** A basis that is a fact of an API record. */
export function doc(api: string, field: string, value?: string): Basis {
  return value === undefined ? { kind: 'document', api, field } : { kind: 'document', api, field, value }
}

/** A basis in the kernel's code. */
export function kernel(what: string): Basis {
  return { kind: 'kernel', what }
}

const stackOrdered = doc('kmap_local_page', 'effects', 'stack-ordered')
const threadLocal = doc('kmap_local_page', 'effects', 'thread-local')
const atomicPreempt = doc('kmap_atomic', 'effects', 'disables-preemption')
const atomicFaults = doc('kmap_atomic', 'effects', 'disables-pagefaults')
const atomicNoSleep = doc('kmap_atomic', 'contexts', 'interrupt')
const kmapPreemptible = doc('kmap', 'contexts', 'preemptible')
const mightSleep = kernel('might_sleep() warns "BUG: sleeping function called from invalid context" when in_atomic() (kernel/sched/core.c __might_sleep)')

/** Unmap fact of each mapping API: the function the document pairs it with. */
export const unmapBasis: Record<string, Basis> = {
  kmap_local_page: doc('kmap_local_page', 'unmap', 'kunmap_local'),
  kmap_atomic: doc('kmap_atomic', 'unmap', 'kunmap_atomic'),
  kmap: doc('kmap', 'unmap', 'kunmap'),
  page_address: kernel('page_address() maps nothing and needs no unmap (mm/highmem.c)'),
}

/** Every rule id with a title and its default basis. */
export const catalogue = {
  // Local mappings (kmap_local_page and the slot part of kmap_atomic).
  'local-push': { title: 'A local mapping takes the next slot of the task’s stack', basis: [stackOrdered, kernel('kmap_local_idx_push() in mm/highmem.c: current->kmap_ctrl.idx += KM_INCR')] },
  'local-cpu-slot': { title: 'The slot is a fixmap entry of the CPU the task runs on', basis: [doc('kmap_local_page', 'effects', 'cpu-local'), kernel('arch_kmap_local_map_idx(): idx + KM_MAX_IDX * smp_processor_id() (mm/highmem.c)')] },
  'local-pin': { title: 'Migration is disabled while a local mapping is held', basis: [doc('kmap_local_page', 'effects', 'disables-migration'), kernel('migrate_disable() in __kmap_local_pfn_prot(), migrate_enable() in kunmap_local_indexed() (mm/highmem.c)')] },
  'local-direct': { title: 'A lowmem page (or any page without CONFIG_HIGHMEM) is returned at its direct-map address, no slot used', basis: [kernel('__kmap_local_page_prot() returns page_address() when !PageHighMem(page); the !CONFIG_HIGHMEM kmap_local_page() is page_address() (include/linux/highmem-internal.h)')] },
  'local-pop': { title: 'kunmap_local() releases the top slot of the stack', basis: [stackOrdered, unmapBasis.kmap_local_page, kernel('kunmap_local_indexed() clears the PTE at kmap_local_idx() and pops (mm/highmem.c)')] },
  'atomic-preempt': { title: 'kmap_atomic() disables preemption until kunmap_atomic()', basis: [atomicPreempt, kernel('kmap_atomic_prot(): preempt_disable() (include/linux/highmem-internal.h; migrate_disable() on PREEMPT_RT, not modelled)')] },
  'atomic-pagefaults': { title: 'kmap_atomic() disables page faults until kunmap_atomic()', basis: [atomicFaults, kernel('kmap_atomic_prot(): pagefault_disable() (include/linux/highmem-internal.h)')] },
  'atomic-unmap': { title: 'kunmap_atomic() unmaps, then enables page faults and preemption', basis: [unmapBasis.kmap_atomic, kernel('__kunmap_atomic(): kunmap_local_indexed(); pagefault_enable(); preempt_enable() (include/linux/highmem-internal.h)')] },
  'no-highmem': { title: 'Without CONFIG_HIGHMEM every page is direct-mapped and the calls do no mapping work', basis: [kernel('!CONFIG_HIGHMEM branch of include/linux/highmem-internal.h: kmap_local_page(), kmap() and kmap_atomic() return page_address(); kmap_atomic() still disables preemption and page faults, kmap() still calls might_sleep()')] },
  'no-highmem-64bit': { title: 'A 64-bit kernel has no highmem: every page is direct-mapped', basis: [kernel('64-bit architectures do not select CONFIG_HIGHMEM (arch/*/Kconfig), so the !CONFIG_HIGHMEM inlines of include/linux/highmem-internal.h apply')] },
  // Persistent kmap pool.
  'kmap-lock': { title: 'kmap() takes the global kmap_lock', basis: [doc('kmap', 'effects', 'takes-global-lock'), kernel('kmap_high(): lock_kmap() = spin_lock(&kmap_lock) (mm/highmem.c)')] },
  'kmap-shared': { title: 'A page already in the pool shares its entry (pkmap_count + 1)', basis: [kernel('kmap_high(): page_address(page) is set, so pkmap_count[PKMAP_NR(vaddr)]++ (mm/highmem.c)')] },
  'kmap-new': { title: 'kmap() takes the next free pool entry after last_pkmap_nr', basis: [kernel('map_new_virtual(): last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK; a free entry has pkmap_count 0 (mm/highmem.c)')] },
  'pool-flush': { title: 'When the search wraps to entry 0, unused entries (count 1) are freed and the TLB flushed', basis: [doc('kmap', 'effects', 'flushes-tlb'), kernel('flush_all_zero_pkmaps(): pkmap_count 1 → 0, pte_clear, flush_tlb_kernel_range() (mm/highmem.c)')] },
  'pool-sleep': { title: 'kmap() on a full pool sleeps until a kunmap() frees an entry', basis: [doc('kmap', 'effects', 'may-sleep'), kernel('map_new_virtual(): TASK_UNINTERRUPTIBLE on pkmap_map_wait, schedule() (mm/highmem.c)')] },
  'kmap-direct': { title: 'kmap() of a lowmem page returns its direct-map address', basis: [kernel('kmap(): if (!PageHighMem(page)) addr = page_address(page) (include/linux/highmem-internal.h)')] },
  'kunmap-release': { title: 'kunmap() drops one user of the page’s pool entry', basis: [unmapBasis.kmap, kernel('kunmap_high(): --pkmap_count[nr] (mm/highmem.c)')] },
  'kunmap-wake': { title: 'A kunmap() that leaves an entry unused wakes the tasks sleeping on the pool', basis: [kernel('kunmap_high(): case 1 → wake_up(pkmap_map_wait) (mm/highmem.c)')] },
  'page-address': { title: 'page_address() gives the direct address of a lowmem page, the pool address of a kmapped highmem page, else NULL', basis: [kernel('page_address() / set_page_address() (mm/highmem.c)')] },
  // Context.
  'switch-save-restore': { title: 'A context switch saves the outgoing task’s local mappings and restores the incoming task’s', basis: [kernel('prepare_task_switch() → kmap_local_sched_out() clears the slots, finish_task_switch() → kmap_local_sched_in() rewrites them from current->kmap_ctrl.pteval (kernel/sched/core.c, mm/highmem.c)')] },
  'pinned': { title: 'A task holding local mappings can only run on its CPU', basis: [doc('kmap_local_page', 'effects', 'disables-migration'), kernel('migrate_disable() (kernel/sched/core.c)')] },
  'preempt-blocked': { title: 'No preemption while preemption is disabled', basis: [atomicPreempt, kernel('preempt_count() > 0 blocks preemption (include/linux/preempt.h)')] },
  'preempt-count': { title: 'preempt_disable()/preempt_enable() change the preemption count', basis: [kernel('preempt_count_inc()/preempt_count_dec() (include/linux/preempt.h)')] },
  'pagefault-count': { title: 'pagefault_disable()/pagefault_enable() change the task’s page-fault-disable count', basis: [kernel('current->pagefault_disabled (include/linux/uaccess.h)')] },
  'fault-handled': { title: 'A page fault in preemptible context is handled (and may sleep), also inside a local kmap region', basis: [kernel('do_user_addr_fault() handles the fault when !faulthandler_disabled() (arch/x86/mm/fault.c)')] },
  'irq-context': { title: 'An interrupt runs on the interrupted task’s mapping stack and must leave it as it found it', basis: [doc('kmap_local_page', 'contexts', 'interrupt'), kernel('the interrupt uses current->kmap_ctrl (mm/highmem.c)')] },
  'exit': { title: 'do_exit() ends the task and its CPU runs the next task', basis: [kernel('do_exit() (kernel/exit.c)')] },
  'sleep-ok': { title: 'Sleeping is allowed in preemptible task context', basis: [kmapPreemptible, kernel('__might_sleep() (kernel/sched/core.c)')] },
  // Violations.
  'unmap-out-of-order': { title: 'Local mappings must be unmapped in reverse order', basis: [stackOrdered, kernel('kunmap_local_indexed(): WARN_ON_ONCE(addr != __fix_to_virt(FIX_KMAP_BEGIN + idx)), then clears the top slot anyway (mm/highmem.c)')] },
  'nesting-limit': { title: 'At most KM_MAX_IDX local mappings per task', basis: [stackOrdered, kernel('kmap_local_idx_push(): BUG_ON(idx >= KM_MAX_IDX); KM_MAX_IDX defaults to 16 (include/asm-generic/kmap_size.h)')] },
  'foreign-use': { title: 'A local or atomic address is only valid in the context that mapped it', basis: [threadLocal, doc('kmap_local_page', 'effects', 'cpu-local')] },
  'switched-away': { title: 'After a context switch the slot holds the incoming task’s mapping (or nothing)', basis: [doc('kmap_atomic', 'effects', 'cpu-local'), kernel('kmap_local_sched_out() clears the outgoing task’s slots (mm/highmem.c)')] },
  'use-after-unmap': { title: 'An address must not be used after it is unmapped', basis: [unmapBasis.kmap_local_page] },
  'wrong-unmap': { title: 'Each mapping is released by its own unmap function', basis: [unmapBasis.kmap_local_page, unmapBasis.kmap_atomic] },
  'kunmap-local-not-held': { title: 'kunmap_local()/kunmap_atomic() of an address the context does not hold', basis: [unmapBasis.kmap_local_page, kernel('kunmap_local_indexed() pops whatever is on top, or BUG_ON(idx < 0) on an empty stack (mm/highmem.c)')] },
  'kunmap-not-mapped': { title: 'kunmap() of a page that is not kmapped', basis: [unmapBasis.kmap, kernel('kunmap_high(): BUG_ON(!vaddr); pkmap_count reaching 0 is BUG() (mm/highmem.c)')] },
  'kmap-in-atomic': { title: 'kmap() may sleep and is only callable from preemptible context', basis: [kmapPreemptible, doc('kmap', 'effects', 'may-sleep'), mightSleep] },
  'kunmap-in-atomic': { title: 'kunmap() may sleep too', basis: [kmapPreemptible, kernel('kunmap(): might_sleep() with CONFIG_HIGHMEM (include/linux/highmem-internal.h); the !CONFIG_HIGHMEM kunmap() does not check')] },
  'sleep-in-atomic': { title: 'No sleeping in atomic context (preemption disabled, or in an interrupt)', basis: [atomicNoSleep, mightSleep] },
  'schedule-while-atomic': { title: 'schedule() with preemption disabled', basis: [atomicPreempt, kernel('schedule_debug(): "BUG: scheduling while atomic" (kernel/sched/core.c)')] },
  'schedule-in-irq': { title: 'schedule() from an interrupt', basis: [atomicNoSleep, kernel('schedule_debug(): in_atomic_preempt_off() (kernel/sched/core.c)')] },
  'irq-exit-leak': { title: 'An interrupt must unmap what it mapped before it returns', basis: [doc('kmap_local_page', 'contexts', 'any'), stackOrdered, kernel('the interrupted task’s kmap_ctrl stack would keep the interrupt’s entries (mm/highmem.c)')] },
  'irq-exit-count': { title: 'An interrupt must leave preemption and page-fault state as it found it', basis: [kernel('"preempt leak" checks in call_timer_fn()/handle_softirqs() restore the count (kernel/time/timer.c, kernel/softirq.c)')] },
  'exit-leak': { title: 'Mappings left behind at task exit', basis: [unmapBasis.kmap_local_page, unmapBasis.kmap] },
  'exit-atomic': { title: 'Task exit with preemption or page faults still disabled', basis: [kernel('do_exit(): "note: %s[%d] exited with preempt_count %d", count reset (kernel/exit.c)')] },
  'preempt-underflow': { title: 'preempt_enable() without preempt_disable()', basis: [kernel('preempt_count_sub(): DEBUG_LOCKS_WARN_ON(val > preempt_count()) (kernel/sched/core.c)')] },
  'pagefault-underflow': { title: 'pagefault_enable() without pagefault_disable()', basis: [kernel('pagefault_enable() decrements current->pagefault_disabled (include/linux/uaccess.h)')] },
  'null-deref': { title: 'Dereferencing NULL', basis: [kernel('page_address() of a highmem page that has no pool entry is NULL (mm/highmem.c)')] },
  'fault-while-disabled': { title: 'A page fault with page faults disabled is not handled: the access fails', basis: [atomicFaults, kernel('faulthandler_disabled() → the uaccess returns -EFAULT (arch/x86/mm/fault.c)')] },
  'fault-in-atomic': { title: 'A page fault in atomic context must not sleep; disable page faults explicitly', basis: [doc('kmap_atomic', 'notes'), atomicNoSleep, kernel('faulthandler_disabled() is also true when in_atomic(); without CONFIG_PREEMPT_COUNT the fault would sleep (arch/x86/mm/fault.c)')] },
} as const satisfies Record<string, { title: string; basis: Basis[] }>

export type RuleId = keyof typeof catalogue

/**
 * A rule the step applied.
 * @param rule Catalogue id.
 * @param text What happened, in this step's words (defaults to the title).
 * @param basis Overrides the catalogue's basis (for an API-specific fact).
 */
export function applied(rule: RuleId, text?: string, basis?: Basis[]): Finding {
  return { rule, text: text ?? catalogue[rule].title, basis: basis ?? [...catalogue[rule].basis] }
}

/** A violation the step detected (see `applied` for the parameters). */
export function violated(rule: RuleId, severity: Severity, text: string, basis?: Basis[]): Violation {
  return { rule, severity, text, basis: basis ?? [...catalogue[rule].basis] }
}
