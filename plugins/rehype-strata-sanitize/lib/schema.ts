import type { Options as Schema } from 'rehype-sanitize'
import { defaultSchema } from 'rehype-sanitize'
import { statuses } from '../../remark-api-records/index.ts'

type Attributes = NonNullable<Schema['attributes']>
type Definition = Attributes[string][number]

/**
 * Ids Strata lets through: lowercase slugs (letters without case, lowercase
 * letters, marks, digits, `-`, `_`), which is what rehype-slug (github-slugger
 * lowercases), docutils and the `note-<name>` anchors produce. See
 * {@link strataSchema} for why this matters with `clobberPrefix: ''`.
 */
export const idPattern = /^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}_-]+$/u

/** Classes the rendering stage emits, by element; the site's CSS and e2e tests rely on them. */
export const strataClasses = {
  a: ['api', ...statuses.map((status) => `api-${status}`)],
  aside: ['deprecation-banner'],
  details: ['legacy'],
  nav: ['toc', 'toc-local'],
  p: ['toc-title'],
} as const satisfies Record<string, readonly string[]>

/**
 * Classes the reST handlers (plugins/rst-parse/lib/to-hast.ts) emit: fixed
 * names, and the families they build from a directive's or role's name
 * (`directive-kernel-doc`, `role-c-func`, `admonition-…`, `c-function`) or a
 * code block's language. Any other class is dropped — in particular classes
 * a document asks for with `.. class::`/`.. container::` — so content can
 * never produce Strata's own classes (`api-deprecated`, `deprecation-banner`,
 * `legacy`, `toc`) and fake a deprecation or a legacy block.
 */
export const docutilsClasses: ReadonlyArray<string | RegExp> = [
  'admonition', 'admonition-title', 'note', 'warning', 'attention', 'caution', 'danger', 'error', 'hint', 'important', 'tip', 'seealso',
  'topic', 'topic-title', 'sidebar', 'sidebar-title', 'rubric', 'attribution', 'container', 'only',
  'directive', 'directive-title', 'directive-options', 'directive-content', 'role', 'xref', 'target', 'sig', 'c', 'cpp',
  'kernel-doc', 'kernel-include', 'literalinclude', 'include', 'kernel-render', 'raw', 'math', 'contents', 'toctree',
  'field-list', 'option-list', 'classifier', 'line-block', 'line', 'doctest-block', 'parsed-literal', 'literal-block',
  'footnote', 'footnote-reference', 'citation', 'citation-reference', 'label', 'reference', 'internal', 'external',
  // Harmless for content to claim: an unresolved cross-reference, kernel-doc output.
  'xref-unresolved', 'kernel-doc-missing', 'kernel-doc-name', 'kernel-doc-summary', 'kernel-doc-params',
  /^admonition-[a-z0-9-]+$/, /^directive-[a-z0-9-]+$/, /^role-[a-z0-9-]+$/, /^(?:c|cpp)-[a-z]+$/, /^language-[\w+#-]+$/,
]

/** Whether a definition is for a property. */
const named = (definition: Definition, name: string) => (typeof definition === 'string' ? definition : definition[0]) === name

/**
 * One element's definitions: the default's without the properties Strata
 * narrows (`name` clobbers `document.*` through forms and images; the aria id
 * references are not emitted; `id` is redefined on `*` with a pattern), and
 * with one `className` definition holding the default's values plus `classes`
 * (the sanitizer reads only the first definition of a property, and an
 * element's own definition wins over `*`).
 */
function definitionsFor(defaults: readonly Definition[] | undefined, classes: ReadonlyArray<string | RegExp>, extra: readonly Definition[] = []): Definition[] {
  const kept = (defaults ?? []).filter((definition) => !['name', 'id', 'ariaDescribedBy', 'ariaLabelledBy', 'className'].some((name) => named(definition, name)))
  const defaultClasses = (defaults ?? []).flatMap((definition) => (typeof definition !== 'string' && definition[0] === 'className' ? definition.slice(1) : []))
  return [...kept, ...extra, ['className', ...defaultClasses, ...classes] as Definition]
}

const base = defaultSchema.attributes ?? {}
const elements = new Set([...Object.keys(base), ...Object.keys(strataClasses)])
elements.delete('*')
elements.delete('input')

/** Per element: the default's definitions, Strata's classes on top of docutils', and the attributes Strata emits. */
const emitted: Record<string, Definition[]> = {
  a: ['dataApi'],
  aside: [['role', 'note'], 'ariaLabel', 'dataApi'],
  details: [['dataLegacy', true]],
  // `.. only::`/`.. ifconfig::` keep their condition (metadata, never a URL).
  div: ['dataOnly'],
  nav: ['ariaLabel'],
}

/**
 * The `rehype-sanitize` schema for Strata's output: GitHub's default
 * (`defaultSchema`) extended with what the rendering stage emits and narrowed
 * where the default is wider than Strata needs.
 *
 * - Elements: the default's, plus `aside`, `nav` (banners, the table of
 *   contents) and what the reST handlers emit (`figure`, `figcaption`,
 *   `caption`, `cite`, `abbr`, `dfn`); `details`/`summary` (legacy),
 *   `ins`/`del` (comparison pages) and `kbd` are in the default already.
 *   `input` is dropped (no task lists). `script`, `style` and `template` are
 *   removed with their content; any other element outside the list
 *   (`iframe`, `object`, `embed`, `svg`, `math`…) is unwrapped to its text.
 * - Attributes: classes only from {@link strataClasses} and
 *   {@link docutilsClasses}; `role="note"` and `aria-label` on `aside`;
 *   `aria-label` on `nav`; `data-api` on links and banners; `data-legacy` on
 *   `details`; `data-only` on `div` (the parser's `.. only::`); `id` on any
 *   element, matching {@link idPattern}; `title`, `colspan`/`rowspan` from
 *   the default. No `style`, no `on*` (never in any allow list), no `name`.
 * - URLs: `href` may be `http`, `https`, `mailto` or relative; `src` and
 *   `cite` `http`, `https` or relative. Everything else (`javascript:`,
 *   `data:`, `vbscript:`, `file:`…) drops the attribute.
 * - `clobberPrefix: ''`: ids are not prefixed. The prefix (GitHub's
 *   `user-content-`) is added to `id` by the sanitizer alone, so `href="#x"`
 *   written by rehype-toc, the banners' `#note-kmap` and the site's deep links
 *   to `/docs/…/#what-is-high-memory` would all point at nothing. Clobbering
 *   is handled instead by what can carry a name: `name` is not allowed at
 *   all (so nothing reaches `document.*`), and ids must be lowercase slugs,
 *   which cannot shadow the site's globals (`Astro`, mixed case) nor the
 *   window's own properties (`location`, `__proto__`), which always win over
 *   named elements. Site scripts must not read undeclared `window.*` globals.
 */
export const strataSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((tag) => tag !== 'input'), 'aside', 'nav', 'figure', 'figcaption', 'caption', 'cite', 'abbr', 'dfn'],
  strip: ['script', 'style', 'template'],
  clobber: [],
  clobberPrefix: '',
  attributes: {
    '*': [...definitionsFor(base['*'], docutilsClasses), ['id', idPattern]],
    ...Object.fromEntries(
      [...elements].sort().map((tag) => [
        tag,
        definitionsFor(base[tag], [...(strataClasses[tag as keyof typeof strataClasses] ?? []), ...docutilsClasses], emitted[tag]),
      ]),
    ),
  },
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
    cite: ['http', 'https'],
  },
  required: {},
}
