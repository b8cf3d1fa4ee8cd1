/**
 * kmap()/kunmap() and page_address(): the persistent kmap pool, as in
 * mm/highmem.c (kmap_high, map_new_virtual, flush_all_zero_pkmaps, kunmap_high).
 * Each handler changes the draft in place and fills the event.
 */
import { addMapping, bind, type Actor, type EventDraft } from './actor.ts'
import { directRule } from './local.ts'
import { directAddress, inAtomic, isHighmem, pickNext, pkmapAddress, switchTo } from './machine.ts'
import { applied, violated } from './rules.ts'
import type { MachineState, Mapping, Owner } from './types.ts'

/** flush_all_zero_pkmaps(): entries with count 1 become free; one TLB flush if any was freed. */
function flush(draft: MachineState, event: EventDraft): void {
  const freed: number[] = []
  for (const [nr, entry] of draft.pool.entries.entries()) {
    if (entry.count !== 1) continue
    if (entry.page !== null) draft.pages[entry.page].pkmap = null
    draft.pool.entries[nr] = { count: 0, page: null }
    freed.push(nr)
  }
  if (freed.length > 0) draft.pool.flushes++
  event.rules.push(applied('pool-flush', freed.length > 0 ? `Pool wrapped: entries ${freed.join(', ')} freed, TLB flushed (flush #${draft.pool.flushes})` : 'Pool wrapped: no unused entry to free, no TLB flush'))
}

/** map_new_virtual()'s search: the next free entry after last_pkmap_nr, or `null` when the pool is full. */
function search(draft: MachineState, event: EventDraft): number | null {
  const size = draft.pool.entries.length
  let count = size
  // The kernel's loop always ends: after a wrap resets `count`, at most `size` entries are looked at.
  for (let guard = 0; guard < 2 * size + 2; guard++) {
    const nr = (draft.pool.last + 1) % size
    draft.pool.last = nr
    if (nr === 0) {
      flush(draft, event)
      count = size
    }
    if (draft.pool.entries[nr].count === 0) return nr
    if (--count === 0) return null
  }
  return null
}

/** kmap_high() without sleeping: share the page's entry or take a new one; `null` when the pool is full. */
function mapHigh(draft: MachineState, page: number, owner: Owner, cpu: number, event: EventDraft): Mapping | null {
  let nr = draft.pages[page].pkmap
  if (nr !== null) {
    draft.pool.entries[nr].count++
    event.rules.push(applied('kmap-shared', `Page ${page} already has entry ${nr}: count ${draft.pool.entries[nr].count} (${draft.pool.entries[nr].count - 1} users)`))
  } else {
    nr = search(draft, event)
    if (nr === null) return null
    draft.pool.entries[nr] = { count: 2, page }
    draft.pages[page].pkmap = nr
    event.rules.push(applied('kmap-new', `Entry ${nr} now maps page ${page} (count 2: one user)`))
  }
  return addMapping(draft, 'kmap', page, owner, cpu, pkmapAddress(nr), { kind: 'pkmap', nr })
}

/** kmap(page). On a full pool the task sleeps until a kunmap() wakes it. */
export function kmap(draft: MachineState, page: number, name: string, actor: Actor, event: EventDraft): void {
  const atomic = inAtomic(draft, actor.task, actor.irq)
  if (atomic) event.violations.push(violated('kmap-in-atomic', 'bug', `kmap() called ${actor.irq ? 'in an interrupt' : `with preemption disabled (count ${draft.tasks[actor.task].preemptCount})`}`))
  if (!isHighmem(draft, page)) {
    const mapping = addMapping(draft, 'kmap', page, actor.owner, actor.cpu, directAddress(draft.config, page), { kind: 'direct', page })
    bind(draft, event, name, mapping)
    event.rules.push(applied(draft.config.mode === 'highmem' ? 'kmap-direct' : directRule(draft), `Page ${page} is direct-mapped: the pool is not touched`))
    event.summary = `${name} = kmap(page ${page}) → ${mapping.address} (direct map)`
    return
  }
  draft.pool.lockTaken++
  event.rules.push(applied('kmap-lock'))
  const mapping = mapHigh(draft, page, actor.owner, actor.cpu, event)
  if (mapping) {
    bind(draft, event, name, mapping)
    event.summary = `${name} = kmap(page ${page}) → ${mapping.address} (pool entry ${mapping.region.kind === 'pkmap' ? mapping.region.nr : '?'})`
    return
  }
  if (atomic) {
    event.outcome = 'refused'
    event.summary = `kmap(page ${page}) refused: the pool is full and the caller cannot sleep`
    event.violations.push(violated('sleep-in-atomic', 'bug', 'The pool is full: kmap() would sleep in atomic context ("scheduling while atomic")'))
    return
  }
  const task = draft.tasks[actor.task]
  task.waiting = { page, as: name }
  draft.pool.waiters.push(task.id)
  switchTo(draft, actor.cpu, pickNext(draft, actor.cpu, task.id), 'sleeping')
  event.outcome = 'sleeping'
  event.rules.push(applied('pool-sleep', `The pool is full: ${task.name} sleeps on pkmap_map_wait; CPU ${actor.cpu} runs ${draft.tasks[draft.cpus[actor.cpu].current].name}`))
  event.summary = `kmap(page ${page}): pool full, ${task.name} sleeps`
}

/** Wake the tasks sleeping on the pool; each retries its kmap() in arrival order. */
function wake(draft: MachineState, event: EventDraft): void {
  const waiters = draft.pool.waiters
  draft.pool.waiters = []
  event.woken = []
  for (const id of waiters) {
    const task = draft.tasks[id]
    const waiting = task.waiting
    if (!waiting) continue
    const mapping = mapHigh(draft, waiting.page, { task: id }, task.cpu, event)
    if (!mapping) {
      draft.pool.waiters.push(id)
      event.woken.push({ task: id, completed: false })
      continue
    }
    draft.vars[waiting.as] = { address: mapping.address, page: mapping.page, mapping: mapping.id }
    task.waiting = null
    task.run = 'runnable'
    const cpu = draft.cpus[task.cpu]
    if (draft.tasks[cpu.current].idle && cpu.irqs.length === 0) switchTo(draft, cpu.id, id, 'runnable')
    event.woken.push({ task: id, completed: true })
  }
  const done = event.woken.filter((each) => each.completed).map((each) => draft.tasks[each.task].name)
  event.rules.push(applied('kunmap-wake', `Woke ${waiters.map((id) => draft.tasks[id].name).join(', ')}; ${done.length > 0 ? `kmap() completed for ${done.join(', ')}` : 'the pool is still full'}`))
}

/** The live kmap() mapping of a page that a kunmap() releases: the caller's own first, else the oldest. */
function holder(draft: MachineState, page: number, actor: Actor): Mapping | undefined {
  const live = draft.mappings.filter((each) => each.api === 'kmap' && each.live && each.page === page)
  return live.find((each) => !('irq' in each.owner) && each.owner.task === actor.task && !actor.irq) ?? live[0]
}

/** kunmap(page). */
export function kunmap(draft: MachineState, page: number, actor: Actor, event: EventDraft): void {
  if (inAtomic(draft, actor.task, actor.irq)) event.violations.push(violated('kunmap-in-atomic', draft.config.mode === 'highmem' ? 'bug' : 'latent', `kunmap() called ${actor.irq ? 'in an interrupt' : 'with preemption disabled'}`))
  const mapping = holder(draft, page, actor)
  if (!isHighmem(draft, page)) {
    if (!mapping) {
      event.outcome = 'refused'
      event.summary = `kunmap(page ${page}): page ${page} is not kmapped (a no-op here)`
      event.violations.push(violated('kunmap-not-mapped', 'latent', `Page ${page} was not kmapped; harmless for a direct-mapped page, a BUG() for a highmem one`))
      return
    }
    mapping.live = false
    mapping.ended = 'unmapped'
    event.rules.push(applied(draft.config.mode === 'highmem' ? 'kmap-direct' : directRule(draft), `Page ${page} is direct-mapped: nothing to unmap`))
    event.summary = `kunmap(page ${page}) (direct map, no-op)`
    return
  }
  draft.pool.lockTaken++
  const nr = draft.pages[page].pkmap
  if (nr === null || draft.pool.entries[nr].count < 2 || !mapping) {
    event.outcome = 'refused'
    event.summary = `kunmap(page ${page}) refused: page ${page} is not kmapped`
    event.violations.push(violated('kunmap-not-mapped', 'bug', nr === null ? `Page ${page} has no pool entry: the kernel would BUG_ON(!vaddr)` : `Entry ${nr} has no user left (count ${draft.pool.entries[nr].count}): the kernel would BUG()`))
    return
  }
  const entry = draft.pool.entries[nr]
  entry.count--
  mapping.live = false
  mapping.ended = 'unmapped'
  event.rules.push(applied('kunmap-release', `Entry ${nr}: count ${entry.count} (${entry.count === 1 ? 'unused, stays mapped until the next wrap' : `${entry.count - 1} users`})`))
  event.summary = `kunmap(page ${page}) released entry ${nr}`
  if (entry.count === 1 && draft.pool.waiters.length > 0) wake(draft, event)
}

/** page_address(page): direct address, pool address of a kmapped highmem page, or NULL. */
export function pageAddress(draft: MachineState, page: number, name: string, actor: Actor, event: EventDraft): void {
  const state = draft.pages[page]
  if (!isHighmem(draft, page)) {
    bind(draft, event, name, addMapping(draft, 'page_address', page, actor.owner, actor.cpu, directAddress(draft.config, page), { kind: 'direct', page }))
  } else if (state.pkmap !== null) {
    bind(draft, event, name, addMapping(draft, 'page_address', page, actor.owner, actor.cpu, pkmapAddress(state.pkmap), { kind: 'pkmap', nr: state.pkmap }))
  } else {
    draft.vars[name] = { address: null, page, mapping: null }
    event.result = draft.vars[name]
  }
  event.rules.push(applied('page-address'))
  event.summary = `${name} = page_address(page ${page}) → ${event.result?.address ?? 'NULL'}`
}
