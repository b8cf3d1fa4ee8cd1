import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { extractRecords } from './extract.ts'
import type { ApiRecord } from '../../../src/schema/records.ts'

export interface Options {
  /** The document id from the content manifest. */
  document: string
  /** The version id. */
  version: string
  /** The document's path in the kernel tree; defaults to the file's path. */
  path?: string
}

declare module 'vfile' {
  interface DataMap {
    /** The API records `remarkApiRecords` derived from the document. */
    apiRecords: ApiRecord[]
  }
}

/**
 * Derive API records from a reST document's mdast and put them on
 * `file.data.apiRecords`. The tree is not changed.
 *
 * @param options
 *   Which document and version the file is.
 * @returns
 *   Transform.
 */
export function remarkApiRecords(options: Readonly<Options>) {
  if (!options?.document || !options.version) throw new Error('remarkApiRecords: `document` and `version` are required')
  const settings = { document: options.document, version: options.version }
  return function (tree: Root, file: VFile): undefined {
    file.data.apiRecords = extractRecords(tree, {
      ...settings,
      path: options.path ?? file.path ?? '',
      source: String(file.value),
    })
  }
}
