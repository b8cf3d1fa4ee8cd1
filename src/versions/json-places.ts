/**
 * Places in JSON text, for diagnostics that point at the line: where a key
 * path stands, and where text stops being JSON.
 *
 * Where text stops being JSON: `JSON.parse` says what went wrong but in
 * Node 20 often not where (`Unexpected token '}', "…" is not valid JSON`), so
 * a failed parse is scanned again here to find the offset of the first
 * character that cannot be there. The scan keeps its own stack (nesting depth
 * costs no recursion) and reads each character once.
 */

/** The first syntax error: its offset in the text and what was expected there. */
export interface JsonSyntaxError {
  offset: number
  reason: string
}

type Frame = 'object' | 'array'

const literals = ['true', 'false', 'null']

/**
 * @param text
 *   Text that `JSON.parse` refused.
 * @returns
 *   The first error, or `undefined` when the text is JSON after all.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0
  const stack: Frame[] = []
  const skipSpace = () => {
    while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++
  }
  const error = (expected: string): JsonSyntaxError => ({
    offset: at,
    reason: at >= text.length ? `unexpected end of the file, expected ${expected}` : `unexpected ${describe(text[at])}, expected ${expected}`,
  })
  /** Read one scalar, or open a container (then `opened`). */
  const value = (): JsonSyntaxError | 'opened' | undefined => {
    skipSpace()
    const char = text[at]
    if (char === '{' || char === '[') {
      stack.push(char === '{' ? 'object' : 'array')
      at++
      return 'opened'
    }
    if (char === '"') return string()
    if (char === '-' || (char >= '0' && char <= '9')) return number()
    const literal = literals.find((word) => text.startsWith(word, at))
    if (literal) {
      at += literal.length
      return undefined
    }
    return error('a value')
  }
  const string = (): JsonSyntaxError | undefined => {
    at++
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) return error('`"` before the end of the line')
      if (text[at] === '\\') {
        at++
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) return error('four hex digits after `\\u`')
          at += 4
        } else if (!'"\\/bfnrt'.includes(text[at] ?? '')) return error('an escape (`\\"`, `\\n`, …)')
      }
      at++
    }
    if (at >= text.length) return error('`"`')
    at++
    return undefined
  }
  const number = (): JsonSyntaxError | undefined => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400))
    if (!match) return error('a number')
    at += match[0].length
    return undefined
  }
  /** One member of the innermost container (or the top value); `opened` when it is a container. */
  const member = (): JsonSyntaxError | 'opened' | undefined => {
    if (stack.at(-1) !== 'object') return value()
    skipSpace()
    if (text[at] !== '"') return error('a key in `"`')
    const problem = string()
    if (problem) return problem
    skipSpace()
    if (text[at] !== ':') return error('`:` after the key')
    at++
    return value()
  }

  let state = member()
  for (;;) {
    if (state && state !== 'opened') return state
    skipSpace()
    const frame = stack.at(-1)
    if (!frame) return at < text.length ? error('the end of the file') : undefined
    const close = frame === 'object' ? '}' : ']'
    if (state === 'opened' && text[at] === close) {
      // An empty container.
      stack.pop()
      at++
      state = undefined
    } else if (state === 'opened') {
      state = member()
    } else if (text[at] === close) {
      stack.pop()
      at++
    } else if (text[at] === ',') {
      at++
      state = member()
    } else return error(`\`,\` or \`${close}\``)
  }
}

function describe(char: string): string {
  return char === '\n' ? 'end of line' : `\`${char}\``
}

const isSpace = (char: string | undefined) => char === ' ' || char === '\t' || char === '\n' || char === '\r'

/** The offset after the string that opens at `at`. */
function endOfString(text: string, at: number): number {
  for (let index = at + 1; index < text.length; index++) {
    if (text[index] === '\\') index++
    else if (text[index] === '"') return index + 1
  }
  return text.length
}

/** The offset after the value that starts at `at` (valid JSON), skipping nested containers by depth. */
function endOfValue(text: string, at: number): number {
  if (text[at] === '"') return endOfString(text, at)
  if (text[at] !== '{' && text[at] !== '[') {
    let index = at
    while (index < text.length && !isSpace(text[index]) && !',]}'.includes(text[index])) index++
    return index
  }
  let depth = 0
  for (let index = at; index < text.length; index++) {
    const char = text[index]
    if (char === '"') index = endOfString(text, index) - 1
    else if (char === '{' || char === '[') depth++
    else if ((char === '}' || char === ']') && --depth === 0) return index + 1
  }
  return text.length
}

/**
 * The offset of a key path in JSON text: the key itself for a last key that
 * is a name (`"parent"`), the element for an index; as deep as the path
 * goes when part of it is not there.
 *
 * @param text
 *   Valid JSON.
 * @param keyPath
 *   Keys and indexes from the top (`['documents', 1, 'versions', 0, 'parent']`).
 */
export function offsetOfKeyPath(text: string, keyPath: ReadonlyArray<string | number>): number {
  const skipSpace = (index: number) => {
    while (isSpace(text[index])) index++
    return index
  }
  let at = skipSpace(0)
  for (const [depth, key] of keyPath.entries()) {
    const open = text[at]
    if (!((open === '{' && typeof key === 'string') || (open === '[' && typeof key === 'number'))) return at
    let index = skipSpace(at + 1)
    let found: number | undefined
    for (let position = 0; text[index] !== '}' && text[index] !== ']' && index < text.length; position++) {
      let valueAt = index
      let matches = position === key
      if (open === '{') {
        const keyEnd = endOfString(text, index)
        matches = JSON.parse(text.slice(index, keyEnd)) === key
        valueAt = skipSpace(skipSpace(keyEnd) + 1)
      }
      if (matches) {
        found = depth === keyPath.length - 1 ? index : valueAt
        break
      }
      index = skipSpace(endOfValue(text, valueAt))
      if (text[index] === ',') index = skipSpace(index + 1)
    }
    if (found === undefined) return at
    at = found
  }
  return at
}

/** The 1-based line and column of an offset (the end of the text included). */
export function pointAt(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++
    lineStart = index + 1
  }
  return { line, column: Math.min(offset, text.length) - lineStart + 1 }
}
