import type { Root, RootContent } from 'mdast'
import type { ApiRecord } from '../../remark-api-records/index.ts'
import { deprecationBanner, type Provenance } from './banner.ts'
import { findBlock, findNote } from './find.ts'

export { deprecationBanner, patchUrl, type BannerContext, type Provenance } from './banner.ts'
export { findBlock, findNote, type BlockPlace } from './find.ts'

/** Configuration. */
export interface Options {
  /** The records of the version being rendered (required). */
  records: readonly ApiRecord[]
  /** The document id (required). */
  document: string
  /** The version id (required). */
  version: string
  /** The URL of an API's page, for the replacements the banner links to (required). */
  apiUrlOf: (document: string, version: string, name: string) => string
  /**
   * Since which version and by which patch each deprecated API is deprecated,
   * by name, with the URLs to link them to (default: `{}`; a deprecated API
   * missing here gets a banner without "in … by …").
   */
  provenance?: Readonly<Record<string, Provenance>> | null
}

/** The id of an API's conversion note: `note-kmap_atomic`. Lowercase, like every id Strata emits (see rehype-strata-sanitize). */
export function noteId(name: string): string {
  return `note-${name.toLowerCase()}`
}

/**
 * Insert a deprecation banner in the block of each deprecated API the
 * document describes, and give the block's first conversion note the id
 * the banner links to. APIs only mentioned get no banner: there is no block
 * to put it in.
 *
 * @param options
 *   Configuration (required: the records, document, version and `apiUrlOf`).
 * @returns
 *   Transform that changes the tree in place.
 */
export function remarkDeprecationBanners(options: Readonly<Options>) {
  if (!options || !Array.isArray(options.records)) throw new TypeError('remarkDeprecationBanners: `records` must be an array of API records')
  if (typeof options.document !== 'string' || typeof options.version !== 'string') {
    throw new TypeError('remarkDeprecationBanners: `document` and `version` must be strings')
  }
  if (typeof options.apiUrlOf !== 'function') throw new TypeError('remarkDeprecationBanners: `apiUrlOf` must be a function')
  const byName = new Map<string, ApiRecord>()
  for (const record of options.records) if (!byName.has(record.name)) byName.set(record.name, record)
  const provenance = new Map(Object.entries(options.provenance ?? {}))
  // Sorted by name so the output does not depend on the order of the records.
  // A removed API is one step past deprecated: it gets the same banner, saying so.
  const deprecated = [...byName.values()].filter((record) => (record.status === 'deprecated' || record.status === 'removed') && record.described).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const { document, version, apiUrlOf } = options

  /**
   * @param tree
   *   The version's tree.
   * @returns
   *   Nothing.
   */
  return function (tree: Root): undefined {
    // Find every place before inserting anything.
    const places = deprecated.flatMap((record) => {
      const place = findBlock(tree, record.source.startLine, record.source.endLine)
      return place ? [{ record, place }] : []
    })
    // Last first: inserting never shifts an index still to be used in the same parent.
    places.sort((a, b) => b.place.index - a.place.index || (b.place.node.position?.start.line ?? 0) - (a.place.node.position?.start.line ?? 0))
    for (const { record, place } of places) {
      const note = findNote(place.content)
      let id: string | undefined
      if (note) {
        id = noteId(record.name)
        const data = (note.data ??= {})
        data.hProperties = { ...data.hProperties, id }
      }
      const banner = deprecationBanner(record, { document, version, apiUrlOf, byName, provenance: provenance.get(record.name), noteId: id })
      ;(place.parent.children as RootContent[]).splice(place.index, 0, banner)
    }
    return undefined
  }
}
