import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadManifest } from '../../src/versions/load.ts'
import { buildKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/build.ts'
import { booleanOption, stringOption, type Io, type OptionSpec, type ParsedArgs } from './command.ts'
import { printDiagnostics, hasErrors } from './diagnostics.ts'
import { progress } from './progress.ts'

/** Flags of every verb that reads the content manifest, declared once. */
export const contentOptions = {
  content: { type: 'string' },
  corpus: { type: 'string' },
  'kernel-tree': { type: 'string' },
  document: { type: 'string' },
} as const satisfies OptionSpec

export const contentUsage = `  --content DIR      the content folder holding manifest.json (default: ./content,
                     else Strata's own)
  --corpus DIR       read base documents from this kernel tree instead of the
                     manifest's corpus
  --kernel-tree DIR  a kernel checkout for kernel-doc directives
  --document ID      the document, when version ids repeat across documents`

const ownContent = fileURLToPath(new URL('../../content/', import.meta.url))

/** The content folder: the flag, else `./content` when there is one, else Strata's own default content. */
export function contentFolder(args: ParsedArgs): string {
  const flag = stringOption(args, 'content')
  if (flag) return path.resolve(flag)
  return existsSync(path.resolve('content', 'manifest.json')) ? path.resolve('content') : ownContent
}

/**
 * Load the manifest and build the knowledge base, printing diagnostics and
 * progress on stderr.
 *
 * @returns
 *   The knowledge base, or `undefined` after printing why not.
 */
export async function loadKnowledgeBase(args: ParsedArgs, io: Io): Promise<KnowledgeBase | undefined> {
  const quiet = booleanOption(args, 'quiet')
  const { file, manifest } = await loadManifest({
    content: contentFolder(args),
    corpus: stringOption(args, 'corpus'),
    kernelTree: stringOption(args, 'kernel-tree'),
  })
  if (!manifest) {
    printDiagnostics([file], io, { quiet })
    return undefined
  }
  const report = progress(io, { quiet })
  const { knowledge, files } = await buildKnowledgeBase(manifest, {
    onVersion: (version, index, total) => report(index + 1, total, `${version.document}@${version.id}`),
  })
  report.done()
  printDiagnostics(files, io, { quiet })
  return knowledge && !hasErrors(files) ? knowledge : undefined
}
