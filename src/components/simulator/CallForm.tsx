import { useEffect, useState } from 'preact/hooks'
import type { TargetedEvent } from 'preact'
import type { ApiRecord, By, Call, MachineState, MapOp } from '../../simulator/engine/index.ts'
import { freshName, statusLabel } from './format.ts'

/**
 * The form that issues one call. Native controls only (selects, a text field,
 * a submit button), so it works with the keyboard and Enter runs the call.
 * The fields shown depend on the chosen call: who makes it (a task or the
 * interrupt on a CPU), which page, which pointer, which CPU. The form builds
 * a `Call` and hands it up; whether it can run now is the engine's answer.
 */

export interface CallFormProps {
  id: string
  /** The state the call would run on (the one shown). */
  state: MachineState
  /** The calls run so far, to suggest a pointer name not used yet. */
  calls: Call[]
  /** The selected version's records, for the status shown next to each API. */
  records: readonly ApiRecord[]
  onIssue: (call: Call) => void
  /** How many later steps a call issued now replaces (the view is stepped back). */
  later: number
  Heading: 'h2' | 'h3'
}

/** What the "Call" select offers; `read`/`write` are accesses through a pointer. */
type Choice = Call['op'] | 'read' | 'write'

const groups: Array<{ label: string; ops: Choice[] }> = [
  { label: 'Map a page', ops: ['kmap_local_page', 'kmap_atomic', 'kmap', 'page_address'] },
  { label: 'Unmap', ops: ['kunmap_local', 'kunmap_atomic', 'kunmap'] },
  { label: 'Use a pointer', ops: ['read', 'write'] },
  { label: 'Context', ops: ['preempt_disable', 'preempt_enable', 'pagefault_disable', 'pagefault_enable', 'might_sleep', 'user_access'] },
  { label: 'Scheduler and interrupts', ops: ['schedule', 'preempt', 'irq_enter', 'irq_exit', 'exit'] },
]

const mapOps: readonly Choice[] = ['kmap_local_page', 'kmap_atomic', 'kmap', 'page_address']
const cpuOps: readonly Choice[] = ['schedule', 'preempt', 'irq_enter', 'irq_exit']

/** Option text: the call, plus its status in this version when the document rates it. */
function choiceLabel(choice: Choice, records: readonly ApiRecord[]): string {
  if (choice === 'read') return 'read through a pointer'
  if (choice === 'write') return 'write through a pointer'
  if (choice === 'preempt') return 'preemption tick (scheduler)'
  if (choice === 'irq_enter') return 'interrupt enters'
  if (choice === 'irq_exit') return 'interrupt returns'
  if (choice === 'exit') return 'task exits (do_exit)'
  if (choice === 'user_access') return 'user_access() (copy_from_user that faults)'
  const record = records.find((each) => each.name === choice)
  const status = record && (record.status === 'deprecated' || record.status === 'discouraged') ? ` — ${statusLabel[record.status]}` : ''
  return `${choice}()${status}`
}

/** `t0` / `i1` ↔ `{task: 0}` / `{irq: 1}`, so a caller fits one select. */
function byOf(value: string): By {
  return value.startsWith('i') ? { irq: Number(value.slice(1)) } : { task: Number(value.slice(1)) }
}

/** The caller a fresh form proposes: the first running ordinary task. */
function defaultCaller(state: MachineState): string {
  const running = state.tasks.find((task) => !task.idle && task.run === 'running')
  return `t${running?.id ?? 0}`
}

export function CallForm({ id, state, calls, records, onIssue, later, Heading }: CallFormProps) {
  const [choice, setChoice] = useState<Choice>('kmap_local_page')
  const [caller, setCaller] = useState(defaultCaller(state))
  const [page, setPage] = useState(state.config.highmem[0] ?? 0)
  const [name, setName] = useState(freshName(calls))
  const [ptr, setPtr] = useState('')
  const [cpu, setCpu] = useState(0)
  const [to, setTo] = useState('')
  const [task, setTask] = useState(0)

  const tasks = state.tasks.filter((each) => !each.idle)
  const pointers = Object.keys(state.vars)
  // Keep the fields valid for the machine shown: a new program, a step back or a preset may change it.
  useEffect(() => setName(freshName(calls)), [calls.length])
  useEffect(() => {
    if (!pointers.includes(ptr)) setPtr(pointers[pointers.length - 1] ?? '')
  }, [pointers.join(',')])
  useEffect(() => {
    if (Number(caller.slice(1)) >= (caller.startsWith('i') ? state.config.cpus : state.config.tasks)) setCaller(defaultCaller(state))
    if (page >= state.config.pages) setPage(state.config.highmem[0] ?? 0)
    if (cpu >= state.config.cpus) setCpu(0)
    if (task >= state.config.tasks) setTask(0)
  }, [state.config])

  const byCall = !cpuOps.includes(choice) && choice !== 'exit'
  const needsPage = mapOps.includes(choice) || choice === 'kunmap'
  const needsPtr = choice === 'kunmap_local' || choice === 'kunmap_atomic' || choice === 'read' || choice === 'write'

  const onSubmit = (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    const by = byOf(caller)
    let call: Call
    if (choice === 'schedule' || choice === 'preempt') call = to === '' ? { op: choice, cpu } : { op: choice, cpu, to: Number(to) }
    else if (choice === 'irq_enter' || choice === 'irq_exit') call = { op: choice, cpu }
    else if (choice === 'exit') call = { op: 'exit', task }
    else if (mapOps.includes(choice)) call = { op: choice as MapOp, by, page, as: name.trim() }
    else if (choice === 'kunmap') call = { op: 'kunmap', by, page }
    else if (choice === 'kunmap_local' || choice === 'kunmap_atomic') call = { op: choice, by, ptr }
    else if (choice === 'read' || choice === 'write') call = { op: 'access', by, ptr, mode: choice }
    else call = { op: choice, by } as Call
    onIssue(call)
  }

  return (
    <form class="strata-sim__form" aria-labelledby={`${id}-h`} onSubmit={onSubmit}>
      <Heading id={`${id}-h`}>Issue a call</Heading>
      {later > 0 && (
        <p class="strata-sim__more">
          You are {later} {later === 1 ? 'step' : 'steps'} back: a call run here replaces {later === 1 ? 'it' : 'them'}.
        </p>
      )}
      <div class="strata-sim__fields">
        <div class="strata-sim__field">
          <label for={`${id}-op`}>Call</label>
          <select id={`${id}-op`} value={choice} onChange={(event) => setChoice(event.currentTarget.value as Choice)}>
            {groups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.ops.map((op) => (
                  <option key={op} value={op}>
                    {choiceLabel(op, records)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        {byCall && (
          <div class="strata-sim__field">
            <label for={`${id}-by`}>Caller</label>
            <select id={`${id}-by`} value={caller} onChange={(event) => setCaller(event.currentTarget.value)}>
              {tasks.map((each) => (
                <option key={`t${each.id}`} value={`t${each.id}`}>
                  {each.name} ({each.run === 'running' ? `running on CPU ${each.cpu}` : each.run})
                </option>
              ))}
              {state.cpus.map((each) => (
                <option key={`i${each.id}`} value={`i${each.id}`}>
                  Interrupt on CPU {each.id} ({each.irqs.length > 0 ? 'active' : 'none: enter one first'})
                </option>
              ))}
            </select>
          </div>
        )}
        {needsPage && (
          <div class="strata-sim__field">
            <label for={`${id}-page`}>Page</label>
            <select id={`${id}-page`} value={page} onChange={(event) => setPage(Number(event.currentTarget.value))}>
              {state.pages.map((each) => (
                <option key={each.pfn} value={each.pfn}>
                  page {each.pfn} ({each.highmem ? 'highmem' : 'lowmem'})
                </option>
              ))}
            </select>
          </div>
        )}
        {mapOps.includes(choice) && (
          <div class="strata-sim__field">
            <label for={`${id}-as`}>Store the pointer in</label>
            <input
              id={`${id}-as`}
              class="strata-sim__name"
              value={name}
              required
              pattern="[A-Za-z_][A-Za-z0-9_]{0,15}"
              maxLength={16}
              spellcheck={false}
              autocomplete="off"
              onInput={(event) => setName(event.currentTarget.value)}
            />
          </div>
        )}
        {needsPtr && (
          <div class="strata-sim__field">
            <label for={`${id}-ptr`}>Pointer</label>
            <select id={`${id}-ptr`} value={ptr} disabled={pointers.length === 0} onChange={(event) => setPtr(event.currentTarget.value)}>
              {pointers.length === 0 && <option value="">none yet: map a page first</option>}
              {pointers.map((each) => {
                const pointer = state.vars[each]
                const mapping = pointer.mapping === null ? undefined : state.mappings[pointer.mapping]
                return (
                  <option key={each} value={each}>
                    {each} (page {pointer.page}
                    {mapping ? `, ${mapping.api}, ${mapping.live ? 'live' : 'released'}` : pointer.address === null ? ', NULL' : ''})
                  </option>
                )
              })}
            </select>
          </div>
        )}
        {cpuOps.includes(choice) && (
          <div class="strata-sim__field">
            <label for={`${id}-cpu`}>CPU</label>
            <select id={`${id}-cpu`} value={cpu} onChange={(event) => setCpu(Number(event.currentTarget.value))}>
              {state.cpus.map((each) => (
                <option key={each.id} value={each.id}>
                  CPU {each.id} (runs {state.tasks[each.current].name})
                </option>
              ))}
            </select>
          </div>
        )}
        {(choice === 'schedule' || choice === 'preempt') && (
          <div class="strata-sim__field">
            <label for={`${id}-to`}>Switch to</label>
            <select id={`${id}-to`} value={to} onChange={(event) => setTo(event.currentTarget.value)}>
              <option value="">the next runnable task</option>
              {tasks.map((each) => (
                <option key={each.id} value={String(each.id)}>
                  {each.name} ({each.run})
                </option>
              ))}
            </select>
          </div>
        )}
        {choice === 'exit' && (
          <div class="strata-sim__field">
            <label for={`${id}-task`}>Task</label>
            <select id={`${id}-task`} value={task} onChange={(event) => setTask(Number(event.currentTarget.value))}>
              {tasks.map((each) => (
                <option key={each.id} value={each.id}>
                  {each.name} ({each.run})
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="strata-sim__field strata-sim__submit">
          <button type="submit" disabled={needsPtr && pointers.length === 0}>
            Run call
          </button>
        </div>
      </div>
    </form>
  )
}
