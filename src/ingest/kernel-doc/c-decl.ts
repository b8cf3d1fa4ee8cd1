/**
 * Small pieces of C declaration syntax, on text whose comments are already
 * blanked: dropping attributes, splitting at top-level commas, naming a
 * parameter or member. Enough C for kernel-doc's checks, not a C parser.
 */

/** Storage classes and inlining hints: dropped and not reported. */
const quiet = [
  'static', 'extern', 'inline', '__inline', '__inline__', '__always_inline', 'noinline', 'asmlinkage', '__FORTIFY_INLINE',
  '__visible', '__used', '__ref', '__kprobes', 'noinstr', '__nocfi', '__bpf_kfunc',
]
/** Attributes without arguments that say something to a caller: dropped from the prototype, reported. */
const loud = [
  '__must_check', '__deprecated', '__init', '__init_or_module', '__exit', '__meminit', '__flatten', '__weak', '__sched',
  '__attribute_const__', '__pure', '__cold', '__malloc', '__noreturn', 'notrace', '__cpuidle', '__latent_entropy',
  '__always_unused', '__maybe_unused', '__packed', '__randomize_layout',
]
/** Attributes with arguments (`__printf(2, 3)`, `__acquires(lock)`, `__attribute__((…))`). */
const withArguments =
  /\b(?:__attribute__\s*\(\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)\)|(?:__printf|__scanf|__alloc_size|__realloc_size|__diagnose_as|__acquires|__releases|__must_hold|__cond_acquires|__aligned)\s*\([^()]*\))/g
const quietWord = new RegExp(`\\b(?:${quiet.join('|')})\\b`, 'g')
const loudAttribute = new RegExp(`${withArguments.source}|\\b(?:${loud.join('|')})\\b`, 'g')

/**
 * Collapse whitespace to single spaces and tidy the spacing kernel style
 * (`struct page * page` → `struct page *page`, no space inside parentheses).
 *
 * @param text
 *   Declaration text.
 * @returns
 *   One line.
 */
export function oneLine(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/\s+,/g, ',')
    .replace(/,(?=\S)/g, ', ')
    .replace(/(\w)\s*\*/g, '$1 *')
    .replace(/\*\s+(?=[\w(])/g, '*')
    .trim()
}

/**
 * Remove attributes and storage classes from a declaration.
 *
 * @param text
 *   One-line declaration text.
 * @returns
 *   The text without them, and the attributes worth showing, in order.
 */
export function stripAttributes(text: string): { text: string; attributes: string[] } {
  const found: Array<{ value: string }> = []
  const keep = (value: string) => {
    found.push({ value: oneLine(value) })
    return ' '
  }
  const stripped = text.replace(loudAttribute, keep).replace(quietWord, ' ')
  const attributes = found
    .map((item) => item.value)
    .filter((value) => !value.startsWith('__attribute__'))
  return { text: oneLine(stripped), attributes }
}

/**
 * Split at commas (or another separator) outside parentheses, brackets and braces.
 *
 * @param text
 *   A list.
 * @param separator
 *   The separator character.
 * @returns
 *   The items, trimmed, empty ones dropped.
 */
export function splitTopLevel(text: string, separator = ','): string[] {
  const items: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1)
    else if (c === separator && depth === 0) {
      items.push(text.slice(start, i))
      start = i + 1
    }
  }
  items.push(text.slice(start))
  return items.map((item) => item.trim()).filter(Boolean)
}

/**
 * The name a parameter or member declarator declares.
 *
 * @param declarator
 *   `struct page *page`, `void (*fn)(void *)`, `unsigned long flags[4]`,
 *   `unsigned int dirty:1`, `...`.
 * @returns
 *   `page`, `fn`, `flags`, `dirty`, `...`; `undefined` for `void` or nothing.
 */
export function declaredName(declarator: string): string | undefined {
  const text = declarator.trim()
  if (text === '...' || text === 'void' || text === '') return text === '...' ? '...' : undefined
  const pointer = /\(\s*\*+\s*(?:const\s+)?(\w+)\s*(?:\[[^\]]*\]\s*)*\)/.exec(text)
  if (pointer) return pointer[1]
  const declare = /^DECLARE_\w+\s*\(\s*(\w+)/.exec(text)
  if (declare) return declare[1]
  const bare = text
    .replace(/=.*$/, '')
    .replace(/:\s*\w+\s*$/, '')
    .replace(/(?:\s*\[[^\]]*\])+\s*$/, '')
  return /(\w+)\s*$/.exec(bare)?.[1]
}

/**
 * The member names of a struct or union body (top level and, flattened, of
 * anonymous nested ones), plus the dotted names of members of named nested
 * aggregates, which may be documented but need not be.
 *
 * @param body
 *   The text between the braces.
 * @param prefix
 *   Prefix for nested names (`u.`).
 * @returns
 *   Required and optional names.
 */
export function aggregateMembers(body: string, prefix = ''): { required: string[]; optional: string[] } {
  const required: string[] = []
  const optional: string[] = []
  for (const statement of splitStatements(body)) {
    const open = statement.indexOf('{')
    if (open !== -1) {
      const close = statement.lastIndexOf('}')
      const inner = aggregateMembers(statement.slice(open + 1, close === -1 ? undefined : close), '')
      const names = splitTopLevel(stripAttributes(statement.slice(close + 1)).text)
        .map(declaredName)
        .filter((name): name is string => Boolean(name))
      if (names.length === 0) {
        required.push(...inner.required.map((name) => prefix + name))
        optional.push(...inner.optional.map((name) => prefix + name))
      }
      for (const name of names) {
        required.push(prefix + name)
        optional.push(...[...inner.required, ...inner.optional].map((member) => `${prefix}${name}.${member}`))
      }
      continue
    }
    const parts = splitTopLevel(stripAttributes(statement).text)
    for (const part of parts) {
      const name = declaredName(part)
      if (name && name !== 'void') required.push(prefix + name)
    }
  }
  return { required, optional }
}

/**
 * The constant names of an enum body.
 *
 * @param body
 *   The text between the braces.
 * @returns
 *   The names, in order.
 */
export function enumMembers(body: string): string[] {
  return splitTopLevel(body)
    .map((item) => /^(\w+)/.exec(item)?.[1])
    .filter((name): name is string => Boolean(name))
}

/**
 * Split a struct body at `;` outside parentheses (a nested body ends with its
 * declarators and `;`, so it stays one statement).
 *
 * @param body
 *   Struct body text.
 * @returns
 *   The statements without their `;`.
 */
function splitStatements(body: string): string[] {
  return splitTopLevel(body, ';')
}
