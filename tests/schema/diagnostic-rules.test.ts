import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { diagnosticRules } from '../../src/schema/diagnostic-rules.ts'
import { repoRoot } from '../helpers/paths.ts'

const stages = Object.values(diagnosticRules)
const catalogued = new Set(stages.flatMap((stage) => Object.values(stage.rules).map((rule) => `${stage.source}:${rule}`)))

/** Every file below `folder` (relative to the repository) whose name ends with one of `endings`. */
function filesBelow(folder: string, endings: readonly string[]): string[] {
  return readdirSync(path.join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && endings.some((ending) => entry.name.endsWith(ending)))
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)))
}

describe('the catalogue of diagnostic rules', () => {
  it('gives each stage its own `strata:` source and each rule of a stage its own id', () => {
    const sources = stages.map((stage) => stage.source)
    expect(sources.every((source) => source.startsWith('strata:'))).toBe(true)
    expect(new Set(sources).size).toBe(sources.length)
    for (const stage of stages) {
      const ids = Object.values(stage.rules)
      expect(new Set(ids).size, stage.source).toBe(ids.length)
    }
  })

  it('is where every message takes its rule id and source: no module spells one out', () => {
    // A literal `ruleId: '…'`, `source: 'strata:…'` or vfile's `origin` string
    // ('strata:stage:rule') is a rule declared outside the catalogue.
    const spelled = /ruleId:\s*['"`]|source\s*[:=]\s*['"`]strata:|['"`]strata:[a-z-]+:[a-z-]+['"`]/
    const offenders = ['src', 'plugins', 'scripts']
      .flatMap((folder) => filesBelow(folder, ['.ts', '.tsx', '.mjs', '.astro']))
      .filter((file) => file !== path.join('src', 'schema', 'diagnostic-rules.ts'))
      .flatMap((file) =>
        readFileSync(path.join(repoRoot, file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (spelled.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      )
    expect(offenders).toEqual([])
  })

  it('holds every `[strata:…]` rule the documentation shows', () => {
    const docs = ['README.md', 'ARCHITECTURE.md', ...['plugins', 'src', 'scripts', 'content'].flatMap((folder) => filesBelow(folder, ['.md']))]
    const shown = docs.flatMap((file) => [...readFileSync(path.join(repoRoot, file), 'utf8').matchAll(/\[(strata:[a-z-]+:[a-z-]+)\]/g)].map((match) => match[1]))
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.filter((rule) => !catalogued.has(rule))).toEqual([])
  })
})
