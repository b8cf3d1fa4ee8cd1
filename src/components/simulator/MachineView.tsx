import type { MachineState, Mapping } from '../../simulator/engine/index.ts'
import { poolCount } from './format.ts'

/**
 * The machine at the shown step: CPUs with their fixmap slots, tasks with
 * their local stacks and context counts, the kmap pool and the program's
 * pointers. Everything is text (a slot says "free" or names its page), so
 * nothing depends on colour; colour only repeats what the words say.
 */

export interface MachineViewProps {
  state: MachineState
  Heading: 'h2' | 'h3'
}

/** Pools larger than this show their used entries only (the kernel's 1024 would drown the view). */
const poolShownWhole = 32

/** The pointer names that hold a mapping, for labelling slots and pool entries. */
function namesOf(state: MachineState): Map<number, string[]> {
  const names = new Map<number, string[]>()
  for (const [name, pointer] of Object.entries(state.vars)) {
    if (pointer.mapping !== null) names.set(pointer.mapping, [...(names.get(pointer.mapping) ?? []), name])
  }
  return names
}

/** Who owns a mapping, in words. */
function ownerName(state: MachineState, mapping: Mapping): string {
  const task = state.tasks[mapping.owner.task]?.name ?? `T${mapping.owner.task}`
  return 'irq' in mapping.owner ? `interrupt #${mapping.owner.irq} over ${task}` : task
}

export function MachineView({ state, Heading }: MachineViewProps) {
  const Sub = Heading === 'h2' ? 'h3' : 'h4'
  const names = namesOf(state)
  const label = (id: number) => (names.get(id) ?? []).join(', ') || `mapping ${id}`
  const highmemMode = state.config.mode === 'highmem'
  const lowmem = state.pages.filter((page) => !page.highmem).map((page) => page.pfn)
  const highmem = state.pages.filter((page) => page.highmem).map((page) => page.pfn)
  const { pool } = state
  const used = pool.entries.flatMap((entry, nr) => (entry.count > 0 ? [nr] : []))
  const shownEntries = pool.entries.length <= poolShownWhole ? pool.entries.map((_, nr) => nr) : [...new Set([...used, pool.last])].sort((a, b) => a - b)
  const nextSearch = pool.entries.length > 0 ? (pool.last + 1) % pool.entries.length : 0

  return (
    <div class="strata-sim__machine">
      <section class="strata-sim__panel" aria-label="Machine state">
        <Heading>Machine</Heading>
        <p class="strata-sim__config">
          {state.config.mode === 'highmem' ? '32-bit, CONFIG_HIGHMEM=y' : state.config.mode === 'no-highmem' ? '32-bit, CONFIG_HIGHMEM=n' : '64-bit (no highmem)'}; {state.config.cpus} CPU
          {state.config.cpus === 1 ? '' : 's'}, KM_MAX_IDX {state.config.kmMaxIdx}. Pages {lowmem.length > 0 ? `${lowmem.join(', ')} lowmem (direct-mapped)` : ''}
          {lowmem.length > 0 && highmem.length > 0 ? '; ' : ''}
          {highmem.length > 0 ? `${highmem.join(', ')} highmem` : ''}.
        </p>

        <Sub>CPUs</Sub>
        <ul class="strata-sim__cards" aria-label="CPUs">
          {state.cpus.map((cpu) => {
            const top = cpu.fixmap.reduce((last, pte, idx) => (pte ? idx : last), -1)
            const shown = Math.max(top + 1, 2)
            const inUse = cpu.fixmap.filter(Boolean).length
            return (
              <li key={cpu.id} class="strata-sim__card" aria-label={`CPU ${cpu.id}`}>
                <p class="strata-sim__card-title">
                  <strong>CPU {cpu.id}</strong> runs {state.tasks[cpu.current].name}
                  {cpu.irqs.length > 0 && <span class="strata-sim__flag strata-sim__flag--warn">in interrupt{cpu.irqs.length > 1 ? ` ×${cpu.irqs.length}` : ''}</span>}
                </p>
                <p class="strata-sim__slots-title">
                  Fixmap slots: {inUse} of {state.config.kmMaxIdx} in use
                </p>
                <ol class="strata-sim__slots" aria-label={`Fixmap slots of CPU ${cpu.id}`}>
                  {cpu.fixmap.slice(0, shown).map((pte, idx) => (
                    <li key={idx} class={pte ? 'strata-sim__slot strata-sim__slot--used' : 'strata-sim__slot'}>
                      <span class="strata-sim__slot-idx">slot {idx}</span> {pte ? <>page {pte.page} · {label(pte.mapping)}</> : 'free'}
                    </li>
                  ))}
                </ol>
                {shown < state.config.kmMaxIdx && <p class="strata-sim__more">slots {shown}–{state.config.kmMaxIdx - 1} free</p>}
              </li>
            )
          })}
        </ul>

        <Sub>Tasks</Sub>
        <ul class="strata-sim__cards" aria-label="Tasks">
          {state.tasks
            .filter((task) => !task.idle || task.run === 'running')
            .map((task) => {
              const stack = task.locals.map((mappingId) => state.mappings[mappingId])
              return (
                <li key={task.id} class={`strata-sim__card strata-sim__task strata-sim__task--${task.run}`} aria-label={`Task ${task.name}`}>
                  <p class="strata-sim__card-title">
                    <strong>{task.name}</strong>{' '}
                    <span class={`strata-sim__flag strata-sim__flag--${task.run}`}>
                      {task.run === 'running' ? `running on CPU ${task.cpu}` : task.run === 'sleeping' ? 'sleeping' : task.run === 'exited' ? 'exited' : `runnable (last on CPU ${task.cpu})`}
                    </span>
                  </p>
                  {task.waiting && (
                    <p class="strata-sim__waiting">
                      Waits for a pool entry: kmap(page {task.waiting.page}) into <code>{task.waiting.as}</code>
                    </p>
                  )}
                  <dl class="strata-sim__counts">
                    <div>
                      <dt>Preemption:</dt>{' '}
                      <dd>{task.preemptCount > 0 ? `disabled (count ${task.preemptCount})` : 'enabled'}</dd>
                    </div>
                    <div>
                      <dt>Page faults:</dt>{' '}
                      <dd>{task.pagefaultDisabled > 0 ? `disabled (count ${task.pagefaultDisabled})` : 'enabled'}</dd>
                    </div>
                    <div>
                      <dt>Migration:</dt>{' '}
                      <dd>{task.migrationDisabled > 0 ? `disabled: pinned to CPU ${task.cpu}` : 'enabled'}</dd>
                    </div>
                    <div>
                      <dt>Stack depth:</dt>{' '}
                      <dd>{stack.length}</dd>
                    </div>
                  </dl>
                  {stack.length > 0 && (
                    <ol class="strata-sim__stack" aria-label={`Local mapping stack of ${task.name}, bottom first`}>
                      {stack.map((mapping, at) => (
                        <li key={mapping.id}>
                          <code>{label(mapping.id)}</code> = {mapping.api}(page {mapping.page}):{' '}
                          {mapping.region.kind === 'fixmap' ? `slot ${mapping.region.idx} of CPU ${mapping.region.cpu}` : 'direct map, no slot'}
                          {at === stack.length - 1 ? ' (top)' : ''}
                        </li>
                      ))}
                    </ol>
                  )}
                </li>
              )
            })}
        </ul>

        {highmemMode ? (
          <>
            <Sub>kmap pool</Sub>
            <p class="strata-sim__pool-summary">
              {pool.entries.length} entries (LAST_PKMAP); last_pkmap_nr = {pool.last}, the next search starts at entry {nextSearch}
              {nextSearch === 0 ? ' (a wrap: unused entries are freed and the TLB flushed)' : ''}. TLB flushes: {pool.flushes}. kmap_lock taken {pool.lockTaken}{' '}
              {pool.lockTaken === 1 ? 'time' : 'times'}.
              {pool.waiters.length > 0 && <> Sleeping on pkmap_map_wait: {pool.waiters.map((id) => state.tasks[id].name).join(', ')}.</>}
            </p>
            <ol class="strata-sim__pool" aria-label="kmap pool entries">
              {shownEntries.map((nr) => {
                const entry = pool.entries[nr]
                const holders = state.mappings.filter((mapping) => mapping.live && mapping.region.kind === 'pkmap' && mapping.region.nr === nr)
                return (
                  <li key={nr} class={`strata-sim__entry strata-sim__entry--${entry.count === 0 ? 'free' : entry.count === 1 ? 'unused' : 'used'}${nr === pool.last ? ' strata-sim__entry--last' : ''}`}>
                    <span class="strata-sim__slot-idx">entry {nr}</span> {entry.page === null ? '' : <>page {entry.page} · </>}
                    count {entry.count}: {poolCount(entry.count)}
                    {holders.length > 0 && <> ({holders.map((mapping) => `${label(mapping.id)} by ${ownerName(state, mapping)}`).join('; ')})</>}
                    {nr === pool.last && <strong class="strata-sim__wrap"> ← last_pkmap_nr</strong>}
                  </li>
                )
              })}
            </ol>
            {shownEntries.length < pool.entries.length && <p class="strata-sim__more">{pool.entries.length - shownEntries.length} free entries not shown</p>}
          </>
        ) : (
          <p>No kmap pool: without CONFIG_HIGHMEM every page is direct-mapped.</p>
        )}

        <Sub>Pointers</Sub>
        {Object.keys(state.vars).length === 0 ? (
          <p class="strata-sim__more">No pointers yet.</p>
        ) : (
          <ul class="strata-sim__pointers" aria-label="Pointers">
            {Object.entries(state.vars).map(([name, pointer]) => {
              const mapping = pointer.mapping === null ? undefined : state.mappings[pointer.mapping]
              return (
                <li key={name}>
                  <code>{name}</code> = <code>{pointer.address ?? 'NULL'}</code> (page {pointer.page}
                  {mapping ? `, ${mapping.api} by ${ownerName(state, mapping)}, ${mapping.live ? 'live' : `released${mapping.ended ? ` (${mapping.ended})` : ''}`}` : ''})
                </li>
              )
            })}
          </ul>
        )}
      </section>
    </div>
  )
}
