/**
 * Sphinx's `only` expressions (`html`, `subproject and html`,
 * `not latex and (html or epub)`): names joined by `and`, `or`, `not` and
 * parentheses, a name being true when it is one of the build's tags, as
 * Sphinx's `Tags.eval_condition` reads them.
 */

/** The tags Sphinx sets for an HTML build: the builder's format and name. */
export const htmlBuildTags: readonly string[] = ['html', 'format_html', 'builder_html']

/**
 * Evaluate an `only` expression.
 *
 * @param expression
 *   The directive's argument.
 * @param tags
 *   The build's tags.
 * @returns
 *   Whether the content is kept, or `undefined` when the expression does not
 *   parse (Sphinx then warns and keeps the content).
 */
export function evaluateOnly(expression: string, tags: ReadonlySet<string>): boolean | undefined {
  const tokens = expression.match(/[()]|[A-Za-z_][A-Za-z0-9_]*|\S/g) ?? []
  let at = 0
  const peek = () => tokens[at]
  const operators = new Set(['(', ')', 'and', 'or', 'not'])
  // Each level returns undefined on a syntax error, which propagates.
  const disjunction = (): boolean | undefined => {
    let value = conjunction()
    while (value !== undefined && peek() === 'or') {
      at++
      const right = conjunction()
      value = right === undefined ? undefined : value || right
    }
    return value
  }
  const conjunction = (): boolean | undefined => {
    let value = negation()
    while (value !== undefined && peek() === 'and') {
      at++
      const right = negation()
      value = right === undefined ? undefined : value && right
    }
    return value
  }
  const negation = (): boolean | undefined => {
    if (peek() !== 'not') return primary()
    at++
    const value = negation()
    return value === undefined ? undefined : !value
  }
  const primary = (): boolean | undefined => {
    const token = peek()
    if (token === '(') {
      at++
      const value = disjunction()
      if (peek() !== ')') return undefined
      at++
      return value
    }
    if (token === undefined || operators.has(token) || !/^[A-Za-z_]/.test(token)) return undefined
    at++
    return tags.has(token)
  }
  const value = disjunction()
  return at === tokens.length ? value : undefined
}
