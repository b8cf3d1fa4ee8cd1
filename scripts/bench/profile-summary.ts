/**
 * Where a build's time goes: summarise V8 CPU profiles (`.cpuprofile` files
 * written by `node --cpu-prof`) as the functions with the most self time,
 * and the same time grouped by package (`node_modules/<name>`, or the
 * project folder for Strata's own code).
 *
 * `strata build` runs Astro in a child process and Node 20 refuses
 * `--cpu-prof` in `NODE_OPTIONS`, so profile the Astro build the CLI would
 * run, with the environment it would set:
 *
 *   ASTRO_TELEMETRY_DISABLED=1 STRATA_CACHE_DIR=/tmp/prof-cache STRATA_CONTENT=DIR \
 *     node --cpu-prof --cpu-prof-dir=/tmp/prof node_modules/astro/astro.js build --root . --outDir /tmp/site --silent
 *   node scripts/bin/run-ts.mjs scripts/bench/profile-summary.ts /tmp/prof [TOP]
 *
 * Profiles of every process in the folder are added together.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The parts of a V8 CPU profile the summary reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>
  samples: number[]
  timeDeltas: number[]
}

/** Self time of one function or one group, milliseconds. */
export interface SelfTime {
  name: string
  ms: number
}

/**
 * Where a script URL belongs: its package, Strata's folder, or a V8 or Node category.
 *
 * @returns
 *   Group name.
 */
export function groupOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)'
  if (url.startsWith('node:')) return 'node internals'
  // Astro's build bundles its runtime and the routes into chunks under `.astro/`.
  if (/\/chunks\/astro\//.test(url)) return 'astro (bundled runtime)'
  if (/\/\.astro\/(pages|chunks)\//.test(url)) return 'strata routes and components (bundled)'
  if (url.startsWith('wasm://')) return 'wasm'
  const modules = url.lastIndexOf('node_modules/')
  if (modules !== -1) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/')
    return scope.startsWith('@') ? `${scope}/${name}` : scope
  }
  const project = /\/(src|plugins|scripts)\/([^/]+)/.exec(url)
  return project ? `strata ${project[1]}/${project[2]}` : url
}

/**
 * Self time by function and by group, over several profiles.
 *
 * @returns
 *   Both lists, largest first, and the total.
 */
export function summariseProfiles(profiles: readonly CpuProfile[]): { functions: SelfTime[]; groups: SelfTime[]; totalMs: number } {
  const functions = new Map<string, number>()
  const groups = new Map<string, number>()
  let total = 0
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
    profile.samples.forEach((id, at) => {
      const frame = byId.get(id)
      const ms = (profile.timeDeltas[at] ?? 0) / 1000
      if (!frame) return
      const where = frame.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|plugins|scripts)\//, '$1/')}:${frame.lineNumber + 1}` : ''
      const name = `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`
      functions.set(name, (functions.get(name) ?? 0) + ms)
      const group = groupOf(frame.url, frame.functionName)
      groups.set(group, (groups.get(group) ?? 0) + ms)
      total += ms
    })
  }
  const sorted = (map: Map<string, number>) => [...map].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms)
  return { functions: sorted(functions), groups: sorted(groups), totalMs: total }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [folder, top = '25'] = process.argv.slice(2)
  if (!folder) {
    process.stderr.write('usage: run-ts.mjs scripts/bench/profile-summary.ts PROFILE_DIR [TOP]\n')
    process.exitCode = 2
  } else {
    const files = (await readdir(folder)).filter((name) => name.endsWith('.cpuprofile'))
    const profiles = await Promise.all(files.map(async (name) => JSON.parse(await readFile(path.join(folder, name), 'utf8')) as CpuProfile))
    const { functions, groups, totalMs } = summariseProfiles(profiles)
    const line = (entry: SelfTime) => `${(entry.ms / 1000).toFixed(2).padStart(8)} s  ${((100 * entry.ms) / totalMs).toFixed(1).padStart(5)} %  ${entry.name}`
    process.stdout.write(`${files.length} profiles, ${(totalMs / 1000).toFixed(1)} s sampled\n\nself time by group\n`)
    process.stdout.write(`${groups.slice(0, Number(top)).map(line).join('\n')}\n\ntop self-time functions\n`)
    process.stdout.write(`${functions.slice(0, Number(top)).map(line).join('\n')}\n`)
  }
}
