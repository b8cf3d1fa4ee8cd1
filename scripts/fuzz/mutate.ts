/**
 * Mutations of real inputs: each is a recipe (`[kind, a, b]`, drawn by
 * fast-check) applied to a text, so an input is known by its seed alone and
 * can be made again to reproduce a finding.
 */
import fc from 'fast-check'

/** One mutation: its kind and two numbers that say where and how much. */
export type Mutation = [kind: number, a: number, b: number]

export const mutationArbitrary: fc.Arbitrary<Mutation[]> = fc.array(fc.tuple(fc.nat(11), fc.nat(1 << 30), fc.nat(1 << 30)), { maxLength: 6 })

/**
 * Apply mutations in order.
 *
 * @param text
 *   The input to damage.
 * @param mutations
 *   The recipe.
 * @param pieces
 *   Fragments of the input's language to splice in.
 */
export function mutate(text: string, mutations: readonly Mutation[], pieces: readonly string[]): string {
  let out = text
  for (const [kind, a, b] of mutations) out = mutateOnce(out, kind, a, b, pieces)
  return out
}

function mutateOnce(text: string, kind: number, a: number, b: number, pieces: readonly string[]): string {
  const at = text.length === 0 ? 0 : a % (text.length + 1)
  const span = Math.min(text.length - at, b % 200)
  const piece = pieces[b % pieces.length] ?? ''
  const lines = text.split('\n')
  const line = lines.length === 0 ? 0 : a % lines.length
  switch (kind) {
    case 0: // delete a range
      return text.slice(0, at) + text.slice(at + span)
    case 1: // duplicate a range
      return text.slice(0, at + span) + text.slice(at, at + span) + text.slice(at + span)
    case 2: // splice in a fragment
      return text.slice(0, at) + piece + text.slice(at)
    case 3: // cut the text short
      return text.slice(0, at)
    case 4: // drop a line
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n')
    case 5: // duplicate a line
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n')
    case 6: // strip a line's indentation, as web archives do
      return [...lines.slice(0, line), lines[line].trimStart(), ...lines.slice(line + 1)].join('\n')
    case 7: // indent a line
      return [...lines.slice(0, line), ' '.repeat(b % 9) + lines[line], ...lines.slice(line + 1)].join('\n')
    case 8: // swap two lines
      return swap(lines, line, b % Math.max(1, lines.length)).join('\n')
    case 9: // change one character to something awkward
      return text.slice(0, at) + awkward[b % awkward.length] + text.slice(at + 1)
    case 10: // change a number (hunk counts, line numbers)
      return text.slice(0, at) + text.slice(at).replace(/\d+/, String(b % 5 === 0 ? 0 : b % 100000))
    default: // a long line
      return text.slice(0, at) + piece.repeat(1 + (b % 400)) + text.slice(at)
  }
}

const awkward = ['\0', '\r', '\t', '\u00a0', '\u2028', '\ufeff', '\ud800', '😀', '`', '*', '|', '\\', '@', '+', '-', ' ', '\n']

function swap(lines: string[], a: number, b: number): string[] {
  const copy = [...lines]
  ;[copy[a], copy[b]] = [copy[b], copy[a]]
  return copy
}
