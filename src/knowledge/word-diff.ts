import { diffWords } from 'diff'

/** A run of a word-level diff: unchanged, added or removed text. */
export interface DiffRun {
  value: string
  added?: true
  removed?: true
}

/** Word-level diff, runs merged as jsdiff gives them. */
export function wordDiff(before: string, after: string): DiffRun[] {
  return diffWords(before, after).map((part) => ({
    value: part.value,
    ...(part.added ? { added: true as const } : {}),
    ...(part.removed ? { removed: true as const } : {}),
  }))
}
