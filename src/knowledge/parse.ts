import type { Root } from 'mdast'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { rstParse } from '../../plugins/rst-parse/index.ts'
import { remarkApiRecords } from '../../plugins/remark-api-records/index.ts'
import type { ApiRecord } from '../../plugins/remark-api-records/index.ts'
import { remarkKernelDoc } from '../../plugins/remark-kernel-doc/index.ts'
import { mergeKernelDoc, resolveKernelDocDirectives } from './kernel-doc.ts'

export interface ParsedVersion {
  tree: Root
  records: ApiRecord[]
  /** The version as a file, carrying the parser's messages. */
  file: VFile
  /** C files read for `kernel-doc` directives that carry warnings. */
  sources: VFile[]
}

/**
 * Parse one document version and derive its API records.
 *
 * @param text
 *   The version's text.
 * @param where
 *   What the version is: document id, version id, and the document's path in the tree.
 */
export async function parseVersion(
  text: string,
  where: { document: string; version: string; path: string; filePath?: string; kernelTree?: string },
): Promise<ParsedVersion> {
  // Messages name a version as `path@version`, so that a warning in a patched
  // version (which has no file of its own) still says where it is.
  const file = new VFile({ path: where.filePath ?? `${where.path}@${where.version}`, value: text })
  const processor = unified().use(rstParse).use(remarkApiRecords, { document: where.document, version: where.version, path: where.path })
  const tree = (await processor.run(processor.parse(file), file)) as Root
  // kernel-doc reads C files: resolved here, at the edge, then rendered in the tree.
  const { entries, sources } = await resolveKernelDocDirectives(tree, where.kernelTree, file)
  remarkKernelDoc()(tree)
  const records = mergeKernelDoc(file.data.apiRecords ?? [], entries, where)
  return { tree, records, file, sources }
}
