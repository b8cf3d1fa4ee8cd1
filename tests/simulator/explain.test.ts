import { beforeAll, describe, expect, it } from 'vitest'
import { advise, catalogue, explain } from '../../src/simulator/engine/index.ts'
import type { ApiRecord, Basis } from '../../src/simulator/engine/index.ts'
import { records, run, small, t0 } from './helpers.ts'

let v61: ApiRecord[]
let seed: ApiRecord[]

beforeAll(async () => {
  v61 = await records('v6.1')
  seed = await records('kmap-notes-v1')
})

const preemption: Basis = { kind: 'document', api: 'kmap_atomic', field: 'effects', value: 'disables-preemption' }
const sentence = 'Each call of kmap_atomic() in the kernel creates a non-preemptible section and disable pagefaults.'

describe('explain', () => {
  it('"kmap_atomic disables preemption" quotes the document at its line, in each version', () => {
    expect(explain(preemption, v61)).toEqual({ kind: 'document', found: true, api: 'kmap_atomic', field: 'effects', value: 'disables-preemption', sentence, line: 112, version: 'v6.1', status: 'discouraged' })
    expect(explain(preemption, seed)).toEqual({ kind: 'document', found: true, api: 'kmap_atomic', field: 'effects', value: 'disables-preemption', sentence, line: 124, version: 'kmap-notes-v1', status: 'deprecated' })
  })

  it('a fact missing from a version says so instead of inventing a sentence', () => {
    const note: Basis = { kind: 'document', api: 'kmap_atomic', field: 'notes' }
    expect(explain(note, v61)).toEqual({ kind: 'document', found: false, api: 'kmap_atomic', field: 'notes', value: undefined, version: 'v6.1', status: 'discouraged', text: 'The v6.1 text of kmap_atomic() does not state any `notes` fact; the rule rests on its other bases.' })
    expect(explain(note, seed)).toMatchObject({ found: true, line: 106, sentence: 'NOTE: Conversions to kmap_local_page() must take care to follow the mapping restrictions imposed on kmap_local_page().' })
    const deprecated: Basis = { kind: 'document', api: 'kmap', field: 'status', value: 'deprecated' }
    expect(explain(deprecated, v61)).toMatchObject({ found: false, version: 'v6.1', status: 'discouraged' })
    expect(explain(deprecated, seed)).toMatchObject({ found: true, line: 60, sentence: 'kmap_atomic() and kmap() have been deprecated.' })
    expect(explain({ kind: 'document', api: 'kmap_nothing', field: 'effects' }, seed)).toMatchObject({ found: false, status: null, text: 'The kmap-notes-v1 version has no record for kmap_nothing(), so it cannot back “any `effects` fact”.' })
    expect(explain(preemption, [])).toMatchObject({ found: false, version: null })
  })

  it('kernel bases explain themselves with the code they name', () => {
    expect(explain({ kind: 'kernel', what: 'KM_MAX_IDX' }, v61)).toEqual({ kind: 'kernel', found: true, text: 'KM_MAX_IDX' })
  })

  it('every document basis in the catalogue resolves in v6.1, except the conversion note that v6.1 does not have', () => {
    const missing = new Set<string>()
    for (const [id, rule] of Object.entries(catalogue)) {
      for (const basis of rule.basis) {
        if (basis.kind === 'document' && !explain(basis, v61).found) missing.add(`${id}: ${basis.api} ${basis.field}`)
      }
    }
    expect([...missing]).toEqual(['fault-in-atomic: kmap_atomic notes'])
  })

  it('the patched version still backs every rule except those whose sentence moved out of the facts', () => {
    const missing = new Set<string>()
    for (const rule of Object.values(catalogue)) {
      for (const basis of rule.basis) if (basis.kind === 'document' && !explain(basis, seed).found) missing.add(`${basis.api} ${basis.field} ${basis.value}`)
    }
    expect([...missing]).toEqual([])
  })
})

describe('steps with records', () => {
  it('a kmap_atomic step explains its rules with the sentence and line of the selected version', () => {
    const event = run(small, [{ op: 'kmap_atomic', by: t0, page: 2, as: 'a' }], v61).event
    expect(event.rules[0].explanations?.[0]).toEqual({ kind: 'document', found: true, api: 'kmap_atomic', field: 'effects', value: 'disables-preemption', sentence, line: 112, version: 'v6.1', status: 'discouraged' })
    expect(event.advice).toEqual({ api: 'kmap_atomic', version: 'v6.1', status: 'discouraged', replacement: ['kmap_local_page'], notes: [] })
  })

  it('with the seed version a kmap_atomic step carries status deprecated, the replacement and the conversion note', () => {
    const event = run(small, [{ op: 'kmap_atomic', by: t0, page: 2, as: 'a' }], seed).event
    expect(event.advice).toEqual({
      api: 'kmap_atomic',
      version: 'kmap-notes-v1',
      status: 'deprecated',
      replacement: ['kmap_local_page'],
      notes: [
        'NOTE: Conversions to kmap_local_page() must take care to follow the mapping restrictions imposed on kmap_local_page(). Furthermore, code between the map/unmap operations may implicitly depended on the side effects of kmap_atomic(), such as disabling pagefaults, migration, and/or preemption. Such conversions should be changed to make explicit calls for those requirements.',
      ],
    })
    expect(event.rules[0].explanations?.[0]).toMatchObject({ line: 124, status: 'deprecated' })
    const kmap = run(small, [{ op: 'kmap', by: t0, page: 2, as: 'k' }], seed).event
    expect(kmap.advice).toMatchObject({ status: 'deprecated', replacement: ['kmap_local_page'] })
    expect(kmap.advice?.notes[0]).toMatch(/only valid in the thread that obtained it/)
    expect(run(small, [{ op: 'kmap_local_page', by: t0, page: 2, as: 'l' }], seed).event.advice).toMatchObject({ status: 'preferred', replacement: [] })
  })

  it('violations are explained too, and steps that call no API carry no advice', () => {
    const { events } = run(small, [{ op: 'kmap_atomic', by: t0, page: 2, as: 'a' }, { op: 'kmap', by: t0, page: 3, as: 'k' }, { op: 'preempt_disable', by: t0 }], seed)
    const violation = events[1].violations[0]
    expect(violation.rule).toBe('kmap-in-atomic')
    expect(violation.explanations?.[0]).toMatchObject({ found: true, line: 148, sentence: 'Therefore, kmap() is only callable from preemptible context.' })
    expect(events[2].advice).toBeUndefined()
    expect(advise('nothing', seed)).toBeUndefined()
  })
})
