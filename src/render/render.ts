/**
 * The rendering stage: one version's mdast and records in, safe HTML out.
 *
 * remark: toctrees → cross-references → API links → deprecation banners →
 * legacy details → docutils' compact lists (`lists.ts`); remark-rehype with
 * the parser's handlers and Strata's (`handlers.ts`; no raw HTML ever:
 * `allowDangerousHtml` is off, so `html` nodes are dropped); rehype: slug →
 * table of contents → sanitize → focusable code blocks → stringify. Links run first so the banners' own text (a patch subject such
 * as "…kmap{,_atomic}()") is not linked again; the table of contents runs
 * after rehype-slug (it links to the ids it gives) and before the sanitizer,
 * so what it builds is checked too.
 */
import type { Element, Root as HastRoot } from 'hast'
import { visit } from 'unist-util-visit'
import type { Root, RootContent } from 'mdast'
import type { Handlers } from 'mdast-util-to-hast'
import rehypeSanitize from 'rehype-sanitize'
import rehypeSlug from 'rehype-slug'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { remarkApiLinks } from '../../plugins/remark-api-links/index.ts'
import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'
import { patchUrl, remarkDeprecationBanners, type Provenance } from '../../plugins/remark-deprecation-banners/index.ts'
import { remarkLegacyDetails } from '../../plugins/remark-legacy-details/index.ts'
import { remarkXrefs, type XrefIndex } from '../../plugins/remark-xrefs/index.ts'
import { remarkToctree, type DocumentSection } from '../../plugins/remark-toctree/index.ts'
import type { Deprecation } from '../knowledge/derive.ts'
import { placeOf } from '../lib/diagnostics.ts'
import { urls } from '../lib/urls.ts'
import { rehypeToc, pageHeadings, type PageHeading } from '../../plugins/rehype-toc/index.ts'
import { strataSchema } from '../../plugins/rehype-strata-sanitize/index.ts'
import { rstToHastHandlers } from '../../plugins/rst-parse/index.ts'
import { strataHandlers } from './handlers.ts'
import { remarkDocutilsLists } from './lists.ts'

/** What to render: one version of one document. */
export interface RenderInput {
  /** The version's tree, as the parser gives it; it is cloned, never changed. */
  tree: Root
  /** The version's records. */
  records: readonly ApiRecord[]
  /** The document id. */
  document: string
  /** The version id. */
  version: string
  /** Since which version and by which patch each deprecated API is deprecated (default: none known). */
  deprecations?: Readonly<Record<string, Deprecation>> | null
  /**
   * Cross-document references (`:ref:`, `:doc:`): the site's labels and paths,
   * this document's path, and which version of another document to link to.
   * Without it, references to other documents stay unresolved.
   */
  xrefs?: SiteLinks | null
}

/**
 * How this page sees the rest of the site: labels and paths for `:ref:` and
 * `:doc:`, and for toctrees each other document's title, sections and
 * toctree entries (in the version this page links to).
 */
export interface SiteLinks {
  index: XrefIndex
  /** This document's path in the kernel tree. */
  path: string
  /** Which version of another document a link goes to. */
  versionOf: (document: string) => string
  /** A document's title (default: the entry or the target as written). */
  titleOf?: (document: string) => string
  /** A document's headings, title first, with their ids on its page (default: none). */
  sectionsOf?: (document: string) => readonly DocumentSection[]
  /** The documents a document's toctrees list (default: none). */
  toctreeOf?: (document: string) => readonly string[]
}

/** A heading of the rendered page: one rehype-toc found, kept only when it has the id its anchor links to. */
export interface RenderedHeading extends PageHeading {
  id: string
}

export interface RenderedVersion {
  html: string
  /** Problems found while rendering (unresolved references), as `line:column: reason`; the messages themselves are on the file. */
  messages: string[]
  /** Every heading that has an id, in order (the table of contents links to these). */
  headings: RenderedHeading[]
}

/** What a fragment's API names link into; without it, names are not linked. */
export interface FragmentContext {
  records: readonly ApiRecord[]
  document: string
  version: string
}

const handlers = strataHandlers(rstToHastHandlers as Handlers)

/**
 * Render one version of a document. Deterministic: the same input gives the
 * same bytes (no state outlives a call; rehype-slug's slugger is reset at the
 * start of each run and the run is synchronous).
 *
 * @param input
 *   The version.
 * @param file
 *   Where the plugins leave their messages (default: a file of its own).
 * @returns
 *   The HTML and the page's headings.
 */
export function renderVersion(input: Readonly<RenderInput>, file: VFile = new VFile()): RenderedVersion {
  const { records, document, version } = input
  const xrefs = input.xrefs ?? { index: { labels: {}, documents: {} }, path: '', versionOf: () => version }
  const titleOf = xrefs.titleOf ?? ((id: string) => id)
  const processor = unified()
    .use(remarkToctree, {
      documents: xrefs.index.documents,
      path: xrefs.path,
      document,
      urlOf: (id) => urls.document(id, id === document ? version : xrefs.versionOf(id)),
      titleOf,
      sectionsOf: xrefs.sectionsOf,
      toctreeOf: xrefs.toctreeOf,
    })
    .use(remarkXrefs, { index: xrefs.index, document, path: xrefs.path, versionOf: xrefs.versionOf, urlOf: urls.document, titleOf: xrefs.titleOf })
    .use(remarkApiLinks, { records, document, version, apiUrlOf: urls.api })
    .use(remarkDeprecationBanners, { records, document, version, apiUrlOf: urls.api, provenance: provenanceOf(document, input.deprecations ?? {}) })
    .use(remarkLegacyDetails)
    .use(remarkDocutilsLists)
    .use(remarkRehype, { handlers, allowDangerousHtml: false })
    .use(rehypeSlug)
    .use(rehypeToc)
    .use(rehypeSanitize, strataSchema)
    .use(rehypeFocusableCode)
    .use(rehypeStringify)
  const tree = processor.runSync(structuredClone(input.tree), file) as HastRoot
  const headings = pageHeadings(tree).flatMap((heading) => (heading.id ? [{ depth: heading.depth, id: heading.id, text: heading.text }] : []))
  const messages = file.messages.map((message) => `${placeOf(message)}: ${message.reason}`)
  return { html: processor.stringify(tree), headings, messages }
}

/** The banners' view of each deprecation: the same facts, with the URLs they link to. */
function provenanceOf(document: string, deprecations: Readonly<Record<string, Deprecation>>): Record<string, Provenance> {
  const result: Record<string, Provenance> = {}
  for (const [name, { since, patch }] of Object.entries(deprecations)) {
    result[name] = {
      since: { label: since.label, url: urls.document(document, since.id) },
      patch: patch ? { subject: patch.subject, url: patch.messageId ? patchUrl(patch.messageId) : null } : null,
    }
  }
  return result
}

/**
 * Make code blocks focusable (`tabindex="0"`): a long line scrolls the block
 * sideways, and a scrolling region the keyboard cannot reach is an axe
 * violation (scrollable-region-focusable). Runs after the sanitizer: the
 * attribute is Strata's, never the content's.
 *
 * @returns
 *   Transform that changes the tree in place.
 */
function rehypeFocusableCode() {
  return function (tree: HastRoot): undefined {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'pre') node.properties.tabIndex = 0
    })
  }
}

/**
 * Render pieces of a tree on their own (a record's notes or legacy text on
 * its API page): no ids, no table of contents, the same sanitizer. With a
 * context, API names in them are linked as on the document page.
 *
 * @param nodes
 *   The nodes; they are cloned, never changed.
 * @param context
 *   Records, document and version to link API names to (optional).
 * @returns
 *   The HTML.
 */
export function renderFragment(nodes: readonly RootContent[], context?: Readonly<FragmentContext> | null): string {
  const root: Root = { type: 'root', children: structuredClone([...nodes]) }
  const processor = unified()
  if (context) processor.use(remarkApiLinks, { records: context.records, document: context.document, version: context.version, apiUrlOf: urls.api })
  const rendered = processor
    .use(remarkDocutilsLists)
    .use(remarkRehype, { handlers, allowDangerousHtml: false })
    .use(rehypeSanitize, strataSchema)
    .use(rehypeStringify)
  const tree = rendered.runSync(root, new VFile()) as HastRoot
  return rendered.stringify(tree)
}
