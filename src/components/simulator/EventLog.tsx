import { Fragment } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import type { Explanation, Finding, MachineState, StepEvent, Violation } from '../../simulator/engine/index.ts'
import { describeCall, equivalentCall, statusLabel } from './format.ts'

/**
 * The event log: one entry per step run so far, newest last. Each entry says
 * what the call did, which rules applied and which were broken, and why, in
 * the selected version's own words: the sentence with a link to its source
 * line, or the kernel code the rule comes from. A deprecated or discouraged
 * API also shows what the version advises instead (replacement and notes).
 */

/** The source-page link of a line of the selected version, if the page is known. */
export type SourceLink = (line: number) => string | undefined

export interface EventLogProps {
  /** The state after the last logged event (for naming tasks). */
  state: MachineState
  /** `states[i]` is the state before `events[i]` (for describing its call). */
  states: MachineState[]
  events: StepEvent[]
  sourceLink: SourceLink
  /** The selected version's label, for the advice ("Deprecated in …"). */
  versionLabel: string
  Heading: 'h2' | 'h3'
}

const outcomeLabel: Record<StepEvent['outcome'], string> = {
  done: 'done',
  refused: 'refused',
  sleeping: 'sleeping',
  failed: 'failed',
  invalid: 'invalid',
}

/** One basis of a rule: the document's sentence, what the version lacks, or the kernel code. */
function Basis({ explanation, sourceLink }: { explanation: Explanation; sourceLink: SourceLink }) {
  if (explanation.kind === 'kernel') {
    return (
      <li class="strata-sim__basis strata-sim__basis--kernel">
        <span class="strata-sim__basis-kind">Kernel:</span> {explanation.text}
      </li>
    )
  }
  if (!explanation.found) {
    return (
      <li class="strata-sim__basis strata-sim__basis--missing">
        <span class="strata-sim__basis-kind">Not in this version:</span> {explanation.text}
      </li>
    )
  }
  const href = sourceLink(explanation.line)
  return (
    <li class="strata-sim__basis strata-sim__basis--document">
      <q>{explanation.sentence}</q> — <code>{explanation.api}()</code>,{' '}
      {href ? <a href={href}>line {explanation.line}</a> : <>line {explanation.line}</>}
    </li>
  )
}

/** A rule applied or broken, with its bases. */
function Rule({ finding, sourceLink }: { finding: Finding | Violation; sourceLink: SourceLink }) {
  const violation = 'severity' in finding
  return (
    <li class={violation ? `strata-sim__rule strata-sim__rule--${finding.severity}` : 'strata-sim__rule'} data-rule={finding.rule}>
      {violation && <span class={`strata-sim__flag strata-sim__flag--${finding.severity}`}>{finding.severity === 'bug' ? 'Bug' : 'Latent bug'}</span>}{' '}
      <span class="strata-sim__rule-id">{finding.rule}</span>: {finding.text}
      {finding.explanations && finding.explanations.length > 0 && (
        <ul class="strata-sim__bases">
          {finding.explanations.map((explanation, at) => (
            <Basis key={at} explanation={explanation} sourceLink={sourceLink} />
          ))}
        </ul>
      )}
    </li>
  )
}

export function EventLog({ state, states, events, sourceLink, versionLabel, Heading }: EventLogProps) {
  const list = useRef<HTMLOListElement>(null)
  // Keep the newest step in view inside the log's own scroll box (wide screens), without moving the page.
  useEffect(() => {
    const box = list.current
    const current = box?.lastElementChild as HTMLElement | null | undefined
    if (!box || !current || box.scrollHeight <= box.clientHeight) return
    box.scrollTop = current.offsetTop - 8
  }, [events.length])
  /** The conversion notes are long: in full the first time an API shows up, then one line. */
  const advised = new Set<string>()
  return (
    <section class="strata-sim__log" aria-label="Event log">
      <Heading>Event log</Heading>
      {events.length === 0 ? (
        <p class="strata-sim__more">Nothing has run yet. Issue a call, load a preset or step forward.</p>
      ) : (
        <ol ref={list} class="strata-sim__events" tabIndex={0} aria-label={`Steps run: ${events.length}`}>
          {events.map((event, at) => {
            const advice = event.advice && (event.advice.status === 'deprecated' || event.advice.status === 'discouraged') ? event.advice : undefined
            const equivalent = advice && advice.replacement[0] ? equivalentCall(event.call, advice.replacement[0]) : undefined
            const first = advice !== undefined && !advised.has(advice.api)
            if (advice) advised.add(advice.api)
            return (
              <li
                key={event.index}
                class={`strata-sim__event strata-sim__event--${event.outcome}${event.violations.length > 0 ? ' strata-sim__event--violation' : ''}`}
                aria-current={at === events.length - 1 ? 'step' : undefined}
              >
                <p class="strata-sim__event-head">
                  <span class="strata-sim__event-no">{event.index + 1}.</span> <code>{describeCall(states[at] ?? state, event.call)}</code>{' '}
                  <span class={`strata-sim__flag strata-sim__flag--${event.outcome}`}>{outcomeLabel[event.outcome]}</span>
                </p>
                <p class="strata-sim__summary">{event.summary}</p>
                {advice && (
                  <div class={`strata-sim__advice strata-sim__advice--${advice.status}`} role="note" aria-label={`${advice.api}() is ${statusLabel[advice.status].toLowerCase()}`}>
                    <p>
                      <span class={`badge badge-${advice.status}`}>{statusLabel[advice.status]}</span> in {versionLabel}
                      {advice.replacement.length > 0 && (
                        <>
                          : use{' '}
                          {advice.replacement.map((name, index) => (
                            <Fragment key={name}>
                              {index > 0 ? ', ' : ''}
                              <code>{name}()</code>
                            </Fragment>
                          ))}{' '}
                          instead
                        </>
                      )}
                      .
                    </p>
                    {equivalent && (
                      <p>
                        Equivalent: <code>{equivalent}</code>
                      </p>
                    )}
                    {!first && advice.notes.length > 0 && <p class="strata-sim__more">Conversion note: see step {events.findIndex((each) => each.advice?.api === advice.api) + 1}.</p>}
                    {first && advice.notes.map((note, index) => (
                      <p key={index} class="conversion-note">
                        {note}
                      </p>
                    ))}
                  </div>
                )}
                {event.violations.length > 0 && (
                  <ul class="strata-sim__rules" aria-label="Violations">
                    {event.violations.map((finding, index) => (
                      <Rule key={index} finding={finding} sourceLink={sourceLink} />
                    ))}
                  </ul>
                )}
                {event.rules.length > 0 && (
                  <ul class="strata-sim__rules" aria-label="Rules applied">
                    {event.rules.map((finding, index) => (
                      <Rule key={index} finding={finding} sourceLink={sourceLink} />
                    ))}
                  </ul>
                )}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
