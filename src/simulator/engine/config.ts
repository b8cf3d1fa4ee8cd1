/**
 * Machine configuration: defaults resolved once, bounds checked once. Bounds
 * keep a state small enough to render and to share as a link.
 */
import type { MachineConfig, MachineConfigInput, Mode } from './types.ts'

export const modes: readonly Mode[] = ['highmem', 'no-highmem', '64bit']

/** Kernel defaults: KM_MAX_IDX (include/asm-generic/kmap_size.h) and LAST_PKMAP (arch/x86/include/asm/pgtable_32_areas.h, PAE off). */
export const defaults = { mode: 'highmem', cpus: 2, tasks: 2, pages: 4, kmMaxIdx: 16, lastPkmap: 1024 } as const

export const limits = { cpus: 8, tasks: 8, pages: 64, kmMaxIdx: 64, lastPkmap: 1024 } as const

/**
 * Resolve defaults and check bounds.
 * @param input What the user wrote (may come from a decoded link).
 * @returns The configuration, or an error that names the field.
 */
export function resolveConfig(input: unknown): { config: MachineConfig } | { error: string } {
  if (input === undefined || input === null) input = {}
  if (typeof input !== 'object' || Array.isArray(input)) return { error: 'config must be an object' }
  const raw = input as MachineConfigInput & Record<string, unknown>
  const known = new Set(['mode', 'cpus', 'tasks', 'pages', 'highmem', 'kmMaxIdx', 'lastPkmap'])
  const unknown = Object.keys(raw).find((key) => !known.has(key))
  if (unknown) return { error: `config: unknown field \`${unknown}\`` }
  const mode = raw.mode ?? defaults.mode
  if (!modes.includes(mode)) return { error: `config.mode must be one of ${modes.join(', ')}` }
  const numbers = {} as Record<'cpus' | 'tasks' | 'pages' | 'kmMaxIdx' | 'lastPkmap', number>
  for (const key of ['cpus', 'tasks', 'pages', 'kmMaxIdx', 'lastPkmap'] as const) {
    const value = raw[key] ?? defaults[key]
    if (!Number.isInteger(value) || value < 1 || value > limits[key]) return { error: `config.${key} must be an integer from 1 to ${limits[key]}` }
    numbers[key] = value
  }
  const highmemInput = raw.highmem ?? range(Math.floor(numbers.pages / 2), numbers.pages)
  if (!Array.isArray(highmemInput) || highmemInput.some((page) => !Number.isInteger(page) || page < 0 || page >= numbers.pages)) {
    return { error: `config.highmem must list page numbers from 0 to ${numbers.pages - 1}` }
  }
  const highmem = mode === 'highmem' ? [...new Set(highmemInput)].sort((a, b) => a - b) : []
  return { config: { mode, ...numbers, highmem } }
}

/** Integers from `start` (inclusive) to `end` (exclusive). */
export function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, index) => start + index)
}
