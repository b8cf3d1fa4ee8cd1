import type { ApiRecord } from '../../../plugins/remark-api-records/index.ts'
import type { DocumentVersion } from '../../versions/versions.ts'
import type { Changes } from '../../knowledge/changes.ts'
import type { Deprecation } from '../../knowledge/derive.ts'
import type { SectionDiff } from '../../knowledge/sections.ts'
import type { RenderedHeading } from '../../render/render.ts'

/** A version as pages see it: metadata, rendered HTML, and where it stands among its siblings. The HTML is stored as the entry's `rendered` content, the rest as its data ({@link VersionData}). */
export type VersionEntry = Pick<DocumentVersion, 'document' | 'path' | 'id' | 'label' | 'date' | 'parent' | 'patches' | 'parsedPatches' | 'reviews' | 'blob'> & {
  key: string
  /** The document's title, from the manifest or its first heading. */
  title: string
  /** The newest version of the document (see `newestOf`); pages find its siblings with `versionsOf`. */
  newest: boolean
  html: string
  headings: RenderedHeading[]
  /** The documents this version's toctrees list, in order, hidden ones too: what navigation is built from. */
  toctree: string[]
  /** The version's reST text, for its source page. */
  text: string
  counts: { apis: number; described: number; deprecated: number }
}

/** What the `versions` collection stores as an entry's data. */
export type VersionData = Omit<VersionEntry, 'html'>

export type { Deprecation }

/** A record as the API page sees it: the record, its status across versions, its deprecation. */
export type RecordEntry = {
  key: string
  record: ApiRecord
  versionLabel: string
  history: Array<{ version: string; label: string; date: string | null; status: ApiRecord['status'] | null }>
  deprecation: Deprecation | null
  /** The name as the page shows it: `kmap()` for a function. */
  title: string
}

/** A comparison between two versions of a document. */
export type ChangesEntry = {
  key: string
  document: string
  from: { id: string; label: string }
  to: { id: string; label: string }
  /** Whether `to` is made from `from` by patches (its parent): then the patch is shown. */
  direct: boolean
  changes: Changes
  /** The rendered text of each version, section by section, diffed by words. */
  sections: SectionDiff[]
}
