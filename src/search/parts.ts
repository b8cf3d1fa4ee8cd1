/**
 * The parts of one search index a page has: inline ones from the start,
 * fetched ones as queries ask for them. Each part is fetched once; a failed
 * fetch is forgotten, so the next query tries again.
 */

/** Fetches one part of an index by name (`t3`, `s12`, `v`). */
export type PartFetcher = (name: string) => Promise<unknown>

export interface PartCache {
  /** Fetch the parts not yet here (resolves when all of them are). */
  load(names: Iterable<string>): Promise<void>
  /** A part, if it is here. */
  get(name: string): unknown
}

/**
 * @param inline The parts carried in the head.
 * @param fetchPart Fetches the others.
 * @returns The cache.
 */
export function partCache(inline: Readonly<Record<string, unknown>>, fetchPart: PartFetcher): PartCache {
  const ready = new Map<string, unknown>(Object.entries(inline))
  const pending = new Map<string, Promise<void>>()
  return {
    async load(names) {
      await Promise.all(
        [...new Set(names)].map((name) => {
          if (ready.has(name)) return undefined
          let part = pending.get(name)
          if (!part) {
            part = fetchPart(name).then(
              (value) => {
                ready.set(name, value)
                pending.delete(name)
              },
              (error: unknown) => {
                pending.delete(name)
                throw error
              },
            )
            pending.set(name, part)
          }
          return part
        }),
      )
    },
    get: (name) => ready.get(name),
  }
}
