/**
 * Fixture cases: tests/fixtures/rst/<case>/input.rst against tree.json (the
 * mdast) and messages.json (the diagnostics). A missing expectation is
 * written; `UPDATE=1` rewrites them all (as remark-gfm's tests do).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse, positionProblems } from './helpers.ts'

const root = new URL('../fixtures/rst/', import.meta.url)
const update = Boolean(process.env.UPDATE)

describe('reST fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const folder = new URL(`${name}/`, root)
      const value = readFileSync(new URL('input.rst', folder), 'utf8')
      const { tree, file } = parse(value)
      expect(positionProblems(tree, value)).toEqual([])
      const messages = file.messages.map((m) => `${m.place && 'start' in m.place ? `${m.place.start.line}:${m.place.start.column}-${m.place.end.line}:${m.place.end.column}` : `${m.line}:${m.column}`} ${m.ruleId}: ${m.reason}`)
      const treeUrl = new URL('tree.json', folder)
      const messagesUrl = new URL('messages.json', folder)
      const treeJson = JSON.stringify(tree, null, 2) + '\n'
      const messagesJson = JSON.stringify(messages, null, 2) + '\n'
      if (update || !existsSync(treeUrl)) writeFileSync(treeUrl, treeJson)
      if (update || !existsSync(messagesUrl)) writeFileSync(messagesUrl, messagesJson)
      expect(treeJson).toBe(readFileSync(treeUrl, 'utf8'))
      expect(messagesJson).toBe(readFileSync(messagesUrl, 'utf8'))
    })
  }
})
