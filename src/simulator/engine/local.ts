/**
 * kmap_local_page()/kunmap_local() and kmap_atomic()/kunmap_atomic(): both use
 * the task's stack of fixmap slots (kmap_atomic adds disabled preemption and
 * page faults). Each handler changes the draft in place and fills the event.
 */
import { addMapping, bind, ownerName, sameOwner, type Actor, type EventDraft } from './actor.ts'
import { directAddress, fixmapAddress, isHighmem, slotDepth } from './machine.ts'
import { applied, unmapBasis, violated, type RuleId } from './rules.ts'
import type { MachineState, Mapping } from './types.ts'

/** The rule that explains a direct-mapped result in this mode. */
export function directRule(state: MachineState): RuleId {
  if (state.config.mode === 'no-highmem') return 'no-highmem'
  if (state.config.mode === '64bit') return 'no-highmem-64bit'
  return 'local-direct'
}

/**
 * kmap_local_page(page) or kmap_atomic(page).
 * @param atomic `true` for kmap_atomic: preemption and page faults are disabled first.
 */
export function mapLocal(draft: MachineState, page: number, name: string, actor: Actor, event: EventDraft, atomic: boolean): void {
  const api = atomic ? 'kmap_atomic' : 'kmap_local_page'
  const task = draft.tasks[actor.task]
  const highmem = isHighmem(draft, page)
  const depth = slotDepth(draft, actor.task)
  if (highmem && depth >= draft.config.kmMaxIdx) {
    event.outcome = 'refused'
    event.summary = `${api}(page ${page}) refused: ${task.name} already holds ${depth} local mappings (KM_MAX_IDX = ${draft.config.kmMaxIdx})`
    event.violations.push(violated('nesting-limit', 'bug', `Nesting limit exceeded: the kernel would BUG() in kmap_local_idx_push() at depth ${depth + 1} > ${draft.config.kmMaxIdx}`))
    return
  }
  if (atomic) {
    task.preemptCount++
    task.pagefaultDisabled++
    event.rules.push(applied('atomic-preempt', `Preemption disabled (count ${task.preemptCount})`), applied('atomic-pagefaults', `Page faults disabled (count ${task.pagefaultDisabled})`))
  }
  let mapping: Mapping
  if (highmem) {
    mapping = addMapping(draft, api, page, actor.owner, actor.cpu, fixmapAddress(draft.config, actor.cpu, depth), { kind: 'fixmap', cpu: actor.cpu, idx: depth })
    draft.cpus[actor.cpu].fixmap[depth] = { page, mapping: mapping.id }
    task.migrationDisabled++
    event.rules.push(
      applied('local-push', `Pushed on ${task.name}’s stack at slot ${depth}`),
      applied('local-cpu-slot', `Slot ${depth} of CPU ${actor.cpu} (fixmap index ${depth + draft.config.kmMaxIdx * actor.cpu}) now maps page ${page}`),
      applied('local-pin', `${task.name} is pinned to CPU ${actor.cpu} (migration disabled, count ${task.migrationDisabled})`),
    )
  } else {
    mapping = addMapping(draft, api, page, actor.owner, actor.cpu, directAddress(draft.config, page), { kind: 'direct', page })
    event.rules.push(applied(directRule(draft), `Page ${page} is direct-mapped: no slot taken, migration stays enabled`))
  }
  task.locals.push(mapping.id)
  bind(draft, event, name, mapping)
  event.summary = `${name} = ${api}(page ${page}) → ${mapping.address}${highmem ? ` (slot ${depth}, CPU ${actor.cpu})` : ' (direct map)'}`
}

/** Clear a local mapping's slot (if any) and mark it ended. */
export function releaseLocal(draft: MachineState, mapping: Mapping, how: NonNullable<Mapping['ended']>): void {
  const task = draft.tasks[mapping.owner.task]
  task.locals = task.locals.filter((id) => id !== mapping.id)
  if (mapping.region.kind === 'fixmap') {
    const slot = draft.cpus[mapping.region.cpu].fixmap[mapping.region.idx]
    if (slot?.mapping === mapping.id) draft.cpus[mapping.region.cpu].fixmap[mapping.region.idx] = null
    task.migrationDisabled = Math.max(0, task.migrationDisabled - 1)
  }
  mapping.live = false
  mapping.ended = how
}

/**
 * kunmap_local(ptr) or kunmap_atomic(ptr). Out of order with a slot above, it
 * does what the kernel does: warn and clear the top slot, leaving `ptr` mapped.
 */
export function unmapLocal(draft: MachineState, name: string, actor: Actor, event: EventDraft, atomic: boolean): void {
  const api = atomic ? 'kunmap_atomic' : 'kunmap_local'
  const expected = atomic ? 'kmap_atomic' : 'kmap_local_page'
  const pointer = draft.vars[name]
  const mapping = pointer.mapping === null ? undefined : draft.mappings[pointer.mapping]
  const task = draft.tasks[actor.task]
  event.outcome = 'refused'
  if (!mapping || mapping.api !== expected) {
    const from = mapping ? `${mapping.api}()` : 'page_address()'
    const pair = mapping && mapping.api in unmapBasis ? [unmapBasis[mapping.api], unmapBasis[expected]] : [unmapBasis[expected]]
    event.summary = `${api}(${name}) refused: ${name} came from ${from}`
    event.violations.push(violated('wrong-unmap', 'bug', `${api}() releases ${expected}() mappings; ${name} came from ${from}`, pair))
    return
  }
  const severity = mapping.region.kind === 'fixmap' ? 'bug' : 'latent'
  if (!mapping.live) {
    event.summary = `${api}(${name}) refused: ${name} is no longer mapped`
    event.violations.push(violated('kunmap-local-not-held', severity, `${name} (page ${mapping.page}) was already released (${mapping.ended})`))
    return
  }
  if (!sameOwner(mapping.owner, actor.owner)) {
    event.summary = `${api}(${name}) refused: ${name} belongs to ${ownerName(draft, mapping.owner)}`
    event.violations.push(violated('kunmap-local-not-held', severity, `${ownerName(draft, actor.owner)} does not hold ${name}; it is on ${ownerName(draft, mapping.owner)}’s stack`))
    return
  }
  event.outcome = 'done'
  const stack = task.locals
  const position = stack.indexOf(mapping.id)
  const above = stack.slice(position + 1).map((id) => draft.mappings[id])
  if (above.length === 0) {
    releaseLocal(draft, mapping, 'unmapped')
    event.rules.push(applied('local-pop', mapping.region.kind === 'fixmap' ? `Popped slot ${mapping.region.idx}; ${task.name} holds ${slotDepth(draft, task.id)} slots` : `Removed the direct mapping of page ${mapping.page} (nothing to unmap)`))
    event.summary = `${api}(${name}) released page ${mapping.page}`
  } else {
    const slotted = above.filter((each) => each.region.kind === 'fixmap')
    const top = slotted.at(-1)
    if (mapping.region.kind === 'fixmap' && top) {
      releaseLocal(draft, top, 'torn-down')
      const victim = Object.entries(draft.vars).find(([, each]) => each.mapping === top.id)?.[0] ?? `mapping #${top.id}`
      event.violations.push(violated('unmap-out-of-order', 'bug', `${name} is not on top of the stack: the kernel warns and clears the top slot instead (${victim}, page ${top.page}); ${name} stays mapped`))
      event.summary = `${api}(${name}) out of order: slot of ${victim} cleared, ${name} still mapped`
    } else {
      releaseLocal(draft, mapping, 'unmapped')
      event.violations.push(violated('unmap-out-of-order', 'latent', `${name} is not on top of the stack; harmless here because ${slotted.length === 0 ? 'the mappings above are direct' : `${name} is direct`}, but on HIGHMEM pages this would clear the wrong slot`))
      event.summary = `${api}(${name}) out of order (harmless here)`
    }
  }
  if (atomic) {
    if (task.pagefaultDisabled > 0) task.pagefaultDisabled--
    else event.violations.push(violated('pagefault-underflow', 'bug', 'kunmap_atomic(): page faults were already enabled'))
    if (task.preemptCount > 0) task.preemptCount--
    else event.violations.push(violated('preempt-underflow', 'bug', 'kunmap_atomic(): preemption was already enabled'))
    event.rules.push(applied('atomic-unmap', `Page faults ${task.pagefaultDisabled ? `still disabled (count ${task.pagefaultDisabled})` : 'enabled'}, preemption ${task.preemptCount ? `still disabled (count ${task.preemptCount})` : 'enabled'}`))
  }
}
