import type { Blockquote, Link, PhrasingContent } from 'mdast'
import { apiLink, displayName, type ApiLinkContext } from '../../remark-api-links/index.ts'
import type { ApiRecord } from '../../remark-api-records/index.ts'

/**
 * What a banner says of where a deprecation comes from, as it shows it: the
 * version that deprecated the API and the patch that did, each with the URL
 * it links to (the site computes the deprecation and makes the URLs).
 */
export interface Provenance {
  since: { label: string; url: string }
  /** The patch, linked when its mail archive URL is known. */
  patch: { subject: string; url: string | null } | null
}

/** What a banner needs to know besides the record. */
export interface BannerContext extends ApiLinkContext {
  byName: ReadonlyMap<string, ApiRecord>
  provenance: Provenance | undefined
  /** The anchor of the block's conversion note, without `#`, when it has one. */
  noteId: string | undefined
}

/** A mail archive link for a patch, from its Message-ID (angle brackets optional). */
export function patchUrl(messageId: string): string {
  return `https://lore.kernel.org/r/${encodeURIComponent(messageId.replace(/^<|>$/g, ''))}`
}

const text = (value: string): PhrasingContent => ({ type: 'text', value })

/**
 * Build the banner of a deprecated API as mdast: a block whose
 * `data.hName` makes it `<aside role="note" class="deprecation-banner"
 * aria-label="Deprecation of kmap()" data-api="kmap">` holding one paragraph — "Deprecated in <version> by <patch>:
 * use <replacement>. See the conversion note." `blockquote` is the carrier
 * because its children are blocks and every mdast-to-hast handler applies
 * `hName`; no HTML string is written.
 *
 * @param record
 *   The deprecated API.
 * @param context
 *   Where it is rendered and what is known about its deprecation.
 * @returns
 *   The banner node.
 */
export function deprecationBanner(record: ApiRecord, context: BannerContext): Blockquote {
  const word = record.status === 'removed' ? 'Removed' : 'Deprecated'
  const phrasing: PhrasingContent[] = [{ type: 'strong', children: [text(word)] }]
  const { provenance } = context
  if (provenance) {
    const since: Link = { type: 'link', url: provenance.since.url, children: [text(provenance.since.label)] }
    phrasing.push(text(' in '), since)
    if (provenance.patch) {
      const subject = text(provenance.patch.subject)
      const patch: PhrasingContent = provenance.patch.url
        ? { type: 'link', url: provenance.patch.url, children: [subject] }
        : { type: 'emphasis', children: [subject] }
      phrasing.push(text(' by '), patch)
    }
  }
  const replacements = record.replacement.map((name) => {
    const target = context.byName.get(name)
    const shown = text(target ? displayName(target) : `${name}()`)
    return target ? apiLink(target, `${displayName(target)} — ${target.status}`, [shown], context) : shown
  })
  if (replacements.length > 0) {
    phrasing.push(text(': use '))
    replacements.forEach((replacement, index) => {
      if (index > 0) phrasing.push(text(index === replacements.length - 1 ? ' or ' : ', '))
      phrasing.push(replacement)
    })
  }
  phrasing.push(text('.'))
  if (context.noteId) {
    phrasing.push(text(' See the '), { type: 'link', url: `#${context.noteId}`, children: [text('conversion note')] }, text('.'))
  }
  return {
    type: 'blockquote',
    children: [{ type: 'paragraph', children: phrasing }],
    // Named, so that screen readers tell a page's banners apart (there is one per deprecated API).
    data: { hName: 'aside', hProperties: { role: 'note', className: ['deprecation-banner'], ariaLabel: `${record.status === 'removed' ? 'Removal' : 'Deprecation'} of ${displayName(record)}`, dataApi: record.name } },
  }
}
