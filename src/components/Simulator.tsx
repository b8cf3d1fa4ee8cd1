import { useEffect, useId, useMemo, useState } from 'preact/hooks'
import { lineAnchor, urls } from '../lib/urls.ts'
import {
  decodeScenario,
  encodeScenario,
  presets,
  replay,
  resolveConfig,
  step,
  type ApiRecord,
  type Call,
  type MachineConfig,
  type MachineConfigInput,
} from '../simulator/engine/index.ts'
import { CallForm } from './simulator/CallForm.tsx'
import { EventLog, type SourceLink } from './simulator/EventLog.tsx'
import { MachineView } from './simulator/MachineView.tsx'
import { describeCall, statusLabel } from './simulator/format.ts'
import './simulator.css'

/**
 * The live mapping simulator (issue 6): an island, because it has state. It
 * keeps only a program (machine configuration + calls) and a cursor; every
 * state and event is recomputed by the engine's `replay`, so stepping back and
 * forth, switching the document version and restoring a shared link are all
 * the same operation. Rule texts come from `explain` with the selected
 * version's records, which is why the version select changes the log.
 *
 * On the simulator page the program lives in the URL (`?s=&version=&step=`,
 * written with `replaceState` so stepping does not flood the history). The
 * initial render uses the props only, so the server markup and the first
 * client render agree; the URL is read after mount. Embedded on an API page
 * the widget leaves the URL alone and links to the full page instead.
 */

export interface SimulatorVersion {
  /** The version key (`mm/highmem@v6.1`), as in `?version=`. */
  key: string
  label: string
  /** Only the records the engine reads (kmap*, kunmap*, page_address). */
  records: ApiRecord[]
}

export interface SimulatorProps {
  versions: SimulatorVersion[]
  /** The version key selected first (an unknown key falls back to the last version). */
  defaultVersion: string
  /** Set when the widget sits on an API page: it starts with a preset about that API. */
  embedded?: { api: string }
}

/** A program and how far it has run: `states[at]` is shown, `events.slice(0, at)` logged. */
interface Scenario {
  config: MachineConfig
  calls: Call[]
  at: number
}

/**
 * The machine a fresh simulator starts with: two CPUs, two tasks, four
 * highmem pages of six, and an eight-entry pool, so the pool's wrap point
 * is visible after a few kmap() calls (the kernel's 1024 entries are not).
 */
const sandbox: MachineConfigInput = { cpus: 2, tasks: 2, pages: 6, highmem: [2, 3, 4, 5], lastPkmap: 8 }

/** The preset an embed starts with, by the API page it sits on. */
const presetFor: Record<string, string> = { kmap_local_page: 'nesting', kmap_atomic: 'atomic-to-local', kmap: 'pool-exhaustion' }

/** A configuration the engine accepts (the inputs here are constants or presets, so this does not fail). */
function resolved(input: MachineConfigInput): MachineConfig {
  const result = resolveConfig(input)
  if ('error' in result) throw new Error(result.error)
  return result.config
}

/** A preset at step 0, or the fresh machine when `id` names none. */
function fromPreset(id: string | undefined): Scenario {
  const preset = presets.find((each) => each.id === id)
  return preset ? { config: resolved(preset.config), calls: [...preset.calls], at: 0 } : { config: resolved(sandbox), calls: [], at: 0 }
}

/** The preset whose program this is, if any (so a shared preset link shows its title). */
function matchPreset(scenario: Scenario): string | undefined {
  const text = encodeScenario(scenario.config, scenario.calls)
  return presets.find((preset) => encodeScenario(preset.config, preset.calls) === text)?.id
}

/** The query string of a scenario: `s`, `version`, and `step` when not at the end. */
function queryOf(scenario: Scenario, version: string): string {
  const params = new URLSearchParams({ s: encodeScenario(scenario.config, scenario.calls), version })
  if (scenario.at < scenario.calls.length) params.set('step', String(scenario.at))
  return `?${params}`
}

export default function Simulator({ versions, defaultVersion, embedded }: SimulatorProps) {
  // Prefixed: every island root starts its own useId sequence, so bare ids could repeat on a page.
  const id = `strata-sim-${useId()}`
  const fallback = versions.some((version) => version.key === defaultVersion) ? defaultVersion : (versions[versions.length - 1]?.key ?? '')
  const initialPreset = embedded ? presetFor[embedded.api] : undefined
  const [versionKey, setVersionKey] = useState(fallback)
  const [scenario, setScenario] = useState<Scenario>(() => fromPreset(initialPreset))
  const [presetId, setPresetId] = useState<string | undefined>(initialPreset)
  const [chosenPreset, setChosenPreset] = useState(initialPreset ?? presets[0].id)
  /** What went wrong with the last action: a link that could not be read, a call that cannot run now. */
  const [notice, setNotice] = useState<string | null>(null)
  /** Whether the URL has been read; until then the URL is not written (it would overwrite a shared link). */
  const [urlRead, setUrlRead] = useState(Boolean(embedded))

  const version = versions.find((each) => each.key === versionKey) ?? versions[0]
  const records = version?.records ?? []
  const run = useMemo(() => replay(scenario.config, scenario.calls, records), [scenario.config, scenario.calls, records])
  const state = run.states[scenario.at]
  const events = run.events.slice(0, scenario.at)
  const document = records[0]?.document
  const preset = presets.find((each) => each.id === presetId)

  // Page mode: restore `?s=&version=&step=` once, after hydration.
  useEffect(() => {
    if (embedded) return
    const params = new URLSearchParams(window.location.search)
    const problems: string[] = []
    const wanted = params.get('version')
    if (wanted && versions.some((each) => each.key === wanted)) setVersionKey(wanted)
    else if (wanted) problems.push(`There is no document version “${wanted}” here; showing ${version?.label ?? 'the default'}.`)
    const text = params.get('s')
    if (text !== null) {
      const decoded = decodeScenario(text)
      if ('error' in decoded) {
        problems.push(`The scenario in this link could not be read (${decoded.error}). Starting with a fresh machine.`)
      } else {
        const stepParam = Number(params.get('step'))
        const at = params.has('step') && Number.isInteger(stepParam) && stepParam >= 0 ? Math.min(stepParam, decoded.calls.length) : decoded.calls.length
        const restored = { config: decoded.config, calls: decoded.calls, at }
        setScenario(restored)
        setPresetId(matchPreset(restored))
      }
    }
    if (problems.length > 0) setNotice(problems.join(' '))
    setUrlRead(true)
  }, [])

  // Page mode: keep the URL in step with the program, so the address is always a shareable link.
  useEffect(() => {
    if (embedded || !urlRead) return
    window.history.replaceState(window.history.state, '', queryOf(scenario, versionKey) + window.location.hash)
  }, [scenario, versionKey, urlRead])

  /** Run one call at the cursor; calls after the cursor are dropped, as in an editor's undo history. */
  const issue = (call: Call) => {
    const result = step(state, call, records)
    if (result.event.outcome === 'invalid') {
      setNotice(`Not run: ${describeCall(state, call)}: ${result.event.summary}.`)
      return
    }
    setNotice(null)
    setPresetId(undefined)
    setScenario({ config: scenario.config, calls: [...scenario.calls.slice(0, scenario.at), call], at: scenario.at + 1 })
  }
  const goTo = (at: number) => {
    setNotice(null)
    setScenario({ ...scenario, at: Math.max(0, Math.min(at, scenario.calls.length)) })
  }
  const loadPreset = () => {
    setNotice(null)
    setPresetId(chosenPreset)
    setScenario(fromPreset(chosenPreset))
  }
  const reset = () => {
    setNotice(null)
    setPresetId(undefined)
    setScenario(fromPreset(undefined))
  }

  const sourceLink: SourceLink = (line) => (document && version ? `${urls.source(document, records[0].version)}#${lineAnchor(line)}` : undefined)
  const total = scenario.calls.length
  const next = scenario.calls[scenario.at]
  const Heading = embedded ? 'h3' : 'h2'
  const legend = ['kmap_local_page', 'kmap_atomic', 'kmap'].map((name) => records.find((record) => record.name === name)).filter((record) => record !== undefined)

  return (
    <section class={`strata-sim${embedded ? ' strata-sim--embedded' : ''}`} aria-labelledby={embedded ? `${id}-title` : undefined} aria-label={embedded ? undefined : 'Mapping simulator'}>
      {embedded && (
        <header class="strata-sim__embed-head">
          <h2 id={`${id}-title`}>Try it in the mapping simulator</h2>
          <p>
            <a href={`${urls.simulator()}${queryOf(scenario, versionKey)}`}>Open this scenario in the full mapping simulator</a>
          </p>
        </header>
      )}

      <div class="strata-sim__setup">
        <div class="strata-sim__field">
          <label for={`${id}-version`}>Document version</label>
          <select id={`${id}-version`} value={versionKey} onChange={(event) => setVersionKey(event.currentTarget.value)}>
            {versions.map((each) => (
              <option key={each.key} value={each.key}>
                {each.label}
              </option>
            ))}
          </select>
        </div>
        <div class="strata-sim__field">
          <label for={`${id}-preset`}>Preset scenario</label>
          <span class="strata-sim__inline">
            <select id={`${id}-preset`} value={chosenPreset} onChange={(event) => setChosenPreset(event.currentTarget.value)}>
              {presets.map((each) => (
                <option key={each.id} value={each.id}>
                  {each.title}
                </option>
              ))}
            </select>
            <button type="button" onClick={loadPreset}>
              Load preset
            </button>
          </span>
        </div>
        {legend.length > 0 && (
          <ul class="strata-sim__legend" aria-label="Status of each API in the selected version">
            {legend.map((record) => (
              <li key={record.name}>
                <a href={urls.api(record.document, record.version, record.name)}>
                  <code>{record.name}()</code>
                </a>{' '}
                <span class={`badge badge-${record.status}`}>{statusLabel[record.status]}</span>
              </li>
            ))}
          </ul>
        )}
      </div>

      {notice && (
        <p class="strata-sim__notice" role="alert">
          {notice}
        </p>
      )}
      {preset && (
        <div class="strata-sim__preset" role="note" aria-label="Scenario">
          <p>
            <strong>{preset.title}.</strong> {preset.description}
          </p>
        </div>
      )}

      <nav class="strata-sim__history" aria-label="Simulator history">
        <button type="button" aria-disabled={scenario.at === 0} onClick={() => scenario.at > 0 && goTo(0)}>
          Start
        </button>
        <button type="button" aria-disabled={scenario.at === 0} onClick={() => scenario.at > 0 && goTo(scenario.at - 1)}>
          ◀ Step back
        </button>
        <span class="strata-sim__position" aria-live="polite">
          Step {scenario.at} of {total}
          {next ? (
            <>
              {' '}
              · next: <code>{describeCall(state, next)}</code>
            </>
          ) : null}
        </span>
        <button type="button" aria-disabled={scenario.at >= total} onClick={() => scenario.at < total && goTo(scenario.at + 1)}>
          Step forward ▶
        </button>
        <button type="button" aria-disabled={scenario.at >= total} onClick={() => scenario.at < total && goTo(total)}>
          Run to end
        </button>
        <button type="button" onClick={reset}>
          Reset
        </button>
      </nav>

      <div class="strata-sim__grid">
        <div class="strata-sim__main">
          <CallForm id={`${id}-call`} state={state} calls={scenario.calls.slice(0, scenario.at)} records={records} onIssue={issue} later={total - scenario.at} Heading={Heading} />
          <MachineView state={state} Heading={Heading} />
        </div>
        <EventLog state={state} states={run.states} events={events} sourceLink={sourceLink} versionLabel={version?.label ?? versionKey} Heading={Heading} />
      </div>
    </section>
  )
}
