import { lineAnchor } from '../../lib/urls.ts'

/**
 * The numbered source view (`/source/…`), as one HTML string: a `span.line`
 * per line with its anchor (`#L12`), so a record's provenance can point at
 * the exact line.
 *
 * Built as a string rather than one Astro element per line: a long document
 * has hundreds of lines, and rendering each as a component expression made
 * the source page the slowest page of the site (9 ms against 3 ms for the
 * rendered document). The text is escaped here, as Astro escapes text.
 */

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character])
}

/**
 * @param source The document version's text.
 * @returns The `span.line` elements, one per line, each ending with its newline.
 */
export function sourceLinesHtml(source: string): string {
  return source
    .replace(/\n$/, '')
    .split('\n')
    .map((text, index) => {
      const id = lineAnchor(index + 1)
      return `<span class="line" id="${id}"><a href="#${id}" aria-label="Line ${index + 1}">${index + 1}</a>${escapeHtml(text)}\n</span>`
    })
    .join('')
}
