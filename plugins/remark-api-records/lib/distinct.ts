/**
 * The items of `items` in order, each kept only the first time it occurs.
 * Most lists of facts are a handful long: they are compared item by item,
 * since a key joined from the fields (a whole sentence among them) costs
 * more than the comparisons. Longer ones are keyed, to stay linear.
 */
export function distinct<T>(items: readonly T[], same: (a: T, b: T) => boolean, key: (item: T) => string): T[] {
  if (items.length > comparedUpTo) {
    const seen = new Set<string>()
    return items.filter((item) => {
      const each = key(item)
      if (seen.has(each)) return false
      seen.add(each)
      return true
    })
  }
  const kept: T[] = []
  for (const item of items) if (!kept.some((other) => same(other, item))) kept.push(item)
  return kept
}

const comparedUpTo = 16
