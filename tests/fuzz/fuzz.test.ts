/**
 * A short fuzz run of every stage with a fixed seed, through the harness
 * `npm run fuzz` uses (a worker under a watchdog): no input may throw, hang,
 * run superlinearly, or read or write outside the tree. The 1 s per MB target
 * is the long run's (`npm run fuzz -- --count N`, a benchmark, on a quiet
 * machine): a test timed against it would fail on a busy CI machine for no
 * fault of the code, so here an input is slow only at 4 s per MB, which a
 * quadratic stage passes by far on the large inputs (100 to 600 kB).
 */
import { describe, expect, it } from 'vitest'
import { stages, type Stage } from '../../scripts/fuzz/inputs.ts'
import { countsOf, formatReport } from '../../scripts/fuzz/report.ts'
import { fuzzStage } from '../../scripts/fuzz/supervisor.ts'
import { shared } from '../helpers/paths.ts'

/** Inputs per stage: a few hundred, among them three large pathological ones. */
const count = 300

/**
 * Inputs faster than this are not judged by size. `npm run fuzz` uses
 * 100 ms; here the run shares the machine with the rest of the suite, and a
 * small input's CPU time there is noise, not the stage's. The large inputs
 * (100 to 600 kB) are judged at 1 s per MB all the same.
 */
const floorMs = 250

/** Slow, here: four times the linear budget (see above). */
const msPerMb = 4000


describe('fuzz', () => {
  for (const stage of stages) {
    it(`${stage}: ${count} generated and mutated inputs, no throw, hang, slow input or escape`, async () => {
      const report = await fuzzStage({ stage, seed: 15, count, shared, floorMs, msPerMb })
      const counts = countsOf(report)
      expect(report.inputs).toBe(count)
      expect(report.bytes).toBeGreaterThan(count * 100)
      expect({ ...counts, slow: 0 }, formatReport([report])).toEqual({ throw: 0, hang: 0, slow: 0, escape: 0 })
      const slow = report.findings.filter((finding) => finding.kind === 'slow').map((finding) => finding.index)
      expect(slow, formatReport([report])).toEqual([])
      // Three of the inputs at least are large: the report names the hardest pressed of them, for the long run's margin.
      expect(report.worst?.secondsPerMb, formatReport([report])).toBeGreaterThan(0)
    }, 300_000)
  }
})
