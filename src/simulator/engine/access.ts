/**
 * An access through a pointer: what the hardware reaches (the page tables as
 * they are now) and whether the documented contract allows it. A broken access
 * is reported, never thrown: reading the wrong page is exactly what the
 * simulator exists to show.
 */
import { ownerName, sameOwner, type Actor, type EventDraft } from './actor.ts'
import { catalogue, unmapBasis, violated } from './rules.ts'
import type { MachineState, Region } from './types.ts'

/** The page a region reaches now, or `null` when nothing is mapped there (a fault). */
export function reach(state: MachineState, region: Region): number | null {
  if (region.kind === 'direct') return region.page
  if (region.kind === 'fixmap') return state.cpus[region.cpu].fixmap[region.idx]?.page ?? null
  const entry = state.pool.entries[region.nr]
  return entry && entry.count > 0 ? entry.page : null
}

/** Read or write through the pointer named `name`. */
export function access(draft: MachineState, name: string, mode: 'read' | 'write', actor: Actor, event: EventDraft): void {
  const pointer = draft.vars[name]
  if (pointer.address === null || pointer.mapping === null) {
    event.outcome = 'failed'
    event.access = { expected: pointer.page, sees: null, mode }
    event.summary = `${mode} through ${name}: NULL pointer dereference (oops)`
    event.violations.push(violated('null-deref', 'bug', `${name} is NULL: page ${pointer.page} is a highmem page with no pool entry`))
    return
  }
  const mapping = draft.mappings[pointer.mapping]
  const sees = reach(draft, mapping.region)
  event.access = { expected: mapping.page, sees, mode }
  const direct = mapping.region.kind === 'direct'
  if (mapping.api === 'kmap_local_page' || mapping.api === 'kmap_atomic') {
    if (!mapping.live) {
      event.violations.push(violated('use-after-unmap', direct ? 'latent' : 'bug', `${name} was released (${mapping.ended})${direct ? '; the direct map still reaches the page, a highmem page would be gone' : ''}`, [unmapBasis[mapping.api]]))
    } else if (!sameOwner(mapping.owner, actor.owner)) {
      const ownerTask = draft.tasks[mapping.owner.task]
      const sameStack = mapping.owner.task === actor.task
      const away = !direct && !sameStack && ownerTask.run !== 'running' && actor.cpu === mapping.cpu
      const text = `${name} was mapped by ${ownerName(draft, mapping.owner)}; ${ownerName(draft, actor.owner)} uses it`
      event.violations.push(
        away
          ? violated('switched-away', 'bug', `${text} after ${ownerTask.name} was switched out: slot ${mapping.region.kind === 'fixmap' ? mapping.region.idx : ''} of CPU ${mapping.cpu} now ${sees === null ? 'maps nothing' : `maps page ${sees}`}`)
          : violated('foreign-use', direct || sameStack ? 'latent' : 'bug', direct ? `${text} (works for a direct-mapped page, not for a highmem one)` : text),
      )
    }
  } else if (!mapping.live) {
    event.violations.push(violated('use-after-unmap', direct ? 'latent' : 'bug', `${name} was released by kunmap()${direct ? '; the direct map still reaches the page' : ''}`, [unmapBasis.kmap]))
  } else if (sees !== mapping.page) {
    event.violations.push(violated('use-after-unmap', 'bug', `${name} came from page_address() while page ${mapping.page} was kmapped; the pool entry no longer holds it`, [...catalogue['null-deref'].basis]))
  }
  if (sees === null) {
    event.outcome = 'failed'
    event.summary = `${mode} through ${name} (${mapping.address}): nothing mapped there, page fault in kernel space (oops)`
  } else if (sees !== mapping.page) {
    event.summary = `${mode} through ${name} (${mapping.address}) reaches page ${sees}, not page ${mapping.page}${mode === 'write' ? ': memory corruption' : ''}`
  } else {
    event.summary = `${mode} through ${name} (${mapping.address}): page ${sees}`
  }
}
