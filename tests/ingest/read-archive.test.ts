/**
 * The mangled-hunk reader against ground truth: diffs of the kernel documents
 * in `../shared` (made with jsdiff, which writes git's `-U3` shape), read once
 * intact and once after losing their whitespace the way a web archive loses it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTwoFilesPatch } from 'diff'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { readPatches } from '../../src/ingest/read/index.ts'
import type { Hunk } from '../../src/ingest/types.ts'

const shared = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url))

/** The reST documents under a directory. */
function documents(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const full = path.join(directory, name)
      return statSync(full).isDirectory() ? documents(full) : name.endsWith('.rst') ? [full] : []
    })
}

/** A small deterministic random source, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

/** What a web archive does to text: leading whitespace gone, runs of spaces collapsed. */
function mangle(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
}

/** Ops of a hunk, `.` for context. */
function ops(hunk: Hunk): string {
  return hunk.lines.map((line) => (line.op === ' ' ? '.' : line.op)).join('')
}

describe('mangled hunks on generated kernel doc diffs', () => {
  it('delimits every hunk exactly and guesses nearly every op', async () => {
    const docs = documents(shared)
    expect(docs.length).toBeGreaterThanOrEqual(9)
    const next = random(7)
    let hunks = 0
    let sameOps = 0
    for (let round = 0; round < 120; round++) {
      const base = readFileSync(docs[Math.floor(next() * docs.length)], 'utf8').split('\n')
      const changed = [...base]
      // Edits that make context look like changes: bullets, table borders, deletions.
      for (let edit = 0, edits = 1 + Math.floor(next() * 4); edit < edits; edit++) {
        const at = Math.floor(next() * changed.length)
        const kind = next()
        if (kind < 0.4) changed[at] = changed[at].replace(/\w+/, 'changed')
        else if (kind < 0.7) changed.splice(at, 0, next() < 0.5 ? `- new bullet ${edit}` : '+---+---+')
        else changed.splice(at, 1 + Math.floor(next() * 2))
      }
      const diff = createTwoFilesPatch('a/doc.rst', 'b/doc.rst', base.join('\n'), changed.join('\n'), '', '', { context: 3 })
        .split('\n')
        .filter((line) => !/^(?:Index:|====)/.test(line))
        .join('\n')
      const intact = await readPatches(
        new VFile({ path: 'intact.patch', value: `From: A <a@example.org>\nSubject: [PATCH] t\n\nm\n---\n${diff}\n-- \n2.43.0\n` }),
      )
      const archiveFile = new VFile({
        path: 'archive.txt',
        value: `[PATCH] t\n\nFrom: A\nDate: Tue Dec 06 2022 - 02:00:42 EST\n\n\nm\n---\n${mangle(diff)}\n--\n2.43.0\n`,
      })
      const archive = await readPatches(archiveFile)
      expect(archiveFile.messages.filter((message) => message.fatal)).toEqual([])
      const expected = intact[0].files[0]?.hunks ?? []
      const actual = archive[0].files[0]?.hunks ?? []
      expect(actual.map((hunk) => [hunk.header, hunk.lines.length])).toEqual(
        expected.map((hunk) => [hunk.header, hunk.lines.length]),
      )
      hunks += expected.length
      sameOps += expected.filter((hunk, index) => ops(hunk) === ops(actual[index])).length
    }
    expect(hunks).toBeGreaterThan(200)
    // A few hunks are truly ambiguous (an inserted border next to an equal one); the applier decides those.
    expect(sameOps / hunks).toBeGreaterThan(0.98)
  })
})
