/**
 * A rehype-sanitize schema: GitHub's default, widened only for what the reST
 * handlers emit (their class names, cell spans, heading and anchor ids, the
 * `<aside>`, `<nav>`, `<figure>` and `<kbd>` elements). Ids keep no
 * `user-content-` prefix so that in-page references (`#id`) resolve.
 */
import { defaultSchema, type Options as Schema } from 'rehype-sanitize'

type Attributes = NonNullable<Schema['attributes']>
type Definition = Attributes[string][number]

/** Class names the handlers emit: lowercase words with hyphens. */
const classNames: Array<string | RegExp> = [/^[a-z][a-z0-9-]*$/]

/**
 * Add the handlers' class names to an element's attribute list. An element
 * with its own `className` rule (GitHub's `code`, `a`, lists) ignores the
 * `*` rule, so the names are added to that rule rather than beside it.
 */
function withClasses(definitions: Definition[] = []): Definition[] {
  let found = false
  const out = definitions.map((definition) => {
    if (Array.isArray(definition) && definition[0] === 'className') {
      found = true
      return [...definition, ...classNames] as Definition
    }
    return definition
  })
  if (!found) out.push(['className', ...classNames] as Definition)
  return out
}

const attributes: Attributes = { ...defaultSchema.attributes }
for (const [tag, definitions] of Object.entries(attributes)) {
  if (definitions.some((definition) => Array.isArray(definition) && definition[0] === 'className')) {
    attributes[tag] = withClasses(definitions)
  }
}
attributes['*'] = withClasses([...(attributes['*'] ?? []), 'id'])
attributes.td = [...(attributes.td ?? []), 'colSpan', 'rowSpan']
attributes.th = [...(attributes.th ?? []), 'colSpan', 'rowSpan']
attributes.div = [...(attributes.div ?? []), 'dataOnly']
attributes.img = [...(attributes.img ?? []), 'src', 'alt']

/** The schema. */
export const rstSanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'aside', 'nav', 'figure', 'figcaption', 'kbd', 'cite', 'abbr', 'dfn', 'caption'],
  attributes,
}
