import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { applyToDocument } from '../ingest/apply/index.ts'
import { gitBlobId } from '../ingest/apply/text.ts'
import { readPatches } from '../ingest/read/index.ts'
import { readThreadFile, reviewsOf, roleOf, subjectKey, type ReviewReply } from '../ingest/read/thread.ts'
import type { Patch, SeriesInfo, Trailer } from '../ingest/types.ts'
import type { ResolvedDocument, ResolvedManifest, ResolvedVersion } from './load.ts'

/** What a version keeps of a patch it came from: enough to cite it and to show it. */
export interface PatchMeta {
  subject: string
  series: SeriesInfo | null
  author: { name: string; address: string } | null
  date: string | null
  messageId: string | null
  trailers: Array<Pick<Trailer, 'key' | 'value'>>
  /** The patch file, relative to the working directory. */
  file: string
}

/** One version of one document, with its text. */
export interface DocumentVersion {
  document: string
  /** The document's path in the kernel tree. */
  path: string
  id: string
  label: string
  date: string | null
  parent: string | null
  /** What the version keeps of each patch that made it from its parent, in order: enough to cite it. */
  patches: PatchMeta[]
  /** The same patches as read (headers, files and hunks), for the patch and comparison pages. */
  parsedPatches: Patch[]
  /** Review replies to this version's patches (from the manifest's `replies`), oldest first. */
  reviews: ReviewReply[]
  /** The file the text came from: the base file, or the last patch. */
  sourceFile: string
  text: string
  /** `git hash-object` of the text. */
  blob: string
}

export interface VersionsResult {
  versions: DocumentVersion[]
  /** Every file that carries messages: patch files with their apply diagnostics. */
  files: VFile[]
}

/**
 * Compute the text of every version of every document: bases are read,
 * patched versions are their parent with their patches applied in order.
 * A version whose patch fails to apply fails the whole computation, with the
 * applier's diagnostics on the patch's file.
 */
export async function computeVersions(manifest: ResolvedManifest): Promise<VersionsResult> {
  const versions: DocumentVersion[] = []
  const files: VFile[] = []
  for (const document of manifest.documents) {
    const done = new Map<string, DocumentVersion>()
    const hidden = new Set<string>()
    for (const version of inParentOrder(document)) {
      const computed = await computeOne(document, version, done, files)
      if (computed === 'untouched') {
        // A folder's patch that does not touch this document: the version is
        // its parent's text, kept for its descendants but not shown.
        const parent = done.get(version.parent!)!
        done.set(version.id, { ...parent, id: version.id })
        hidden.add(version.id)
        continue
      }
      if (!computed) return { versions: [], files }
      done.set(version.id, computed)
    }
    // Keep the manifest's order: it is the order readers see.
    for (const version of document.versions) {
      if (hidden.has(version.id)) continue
      const computed = done.get(version.id)!
      // A shown version's parent is its nearest shown ancestor.
      let parent = computed.parent
      while (parent && hidden.has(parent)) parent = done.get(parent)!.parent
      versions.push({ ...computed, parent })
    }
  }
  return { versions, files }
}

/** Versions ordered so that every parent comes before its children. */
function inParentOrder(document: ResolvedDocument): ResolvedVersion[] {
  const ordered: ResolvedVersion[] = []
  const placed = new Set<string>()
  const visit = (version: ResolvedVersion) => {
    if (placed.has(version.id)) return
    const parent = document.versions.find((candidate) => candidate.id === version.parent)
    if (parent) visit(parent)
    placed.add(version.id)
    ordered.push(version)
  }
  document.versions.forEach(visit)
  return ordered
}

async function computeOne(
  document: ResolvedDocument,
  version: ResolvedVersion,
  done: ReadonlyMap<string, DocumentVersion>,
  files: VFile[],
): Promise<DocumentVersion | 'untouched' | undefined> {
  const common = { document: document.id, path: document.path, id: version.id, parent: version.parent }
  if (version.base) {
    const text = await readFile(version.base, 'utf8')
    return { ...common, label: version.label ?? version.id, date: version.date ?? null, patches: [], parsedPatches: [], reviews: [], sourceFile: version.base, text, blob: gitBlobId(text) }
  }
  const parent = done.get(version.parent!)!
  let text = parent.text
  const metas: PatchMeta[] = []
  const parsedPatches: Patch[] = []
  for (const patchPath of version.patches) {
    const file = new VFile({ path: path.relative(process.cwd(), patchPath), value: await readFile(patchPath, 'utf8') })
    files.push(file)
    let patches: Patch[]
    try {
      patches = selectPatches(await readPatches(file), version.revision)
    } catch {
      return undefined
    }
    if (version.onlyIfTouched && !touches(patches, document.path)) {
      files.pop()
      continue
    }
    const result = applyToDocument(text, document.path, patches, file)
    if (!result) return undefined
    text = result.text
    parsedPatches.push(...patches)
    // A series over several documents: each version names the patches that touch it.
    const own = patches.filter((patch) => touches([patch], document.path))
    metas.push(...(own.length > 0 ? own : patches.filter((patch) => patch.files.length > 0)).map((patch) => metaOf(patch, file.path)))
  }
  if (version.onlyIfTouched && metas.length === 0) return 'untouched'
  const last = metas.at(-1)
  return {
    ...common,
    label: version.label ?? last?.subject ?? version.id,
    date: version.date ?? last?.date?.slice(0, 10) ?? null,
    patches: metas,
    parsedPatches,
    reviews: await reviewsFor(version, parsedPatches),
    sourceFile: version.patches.at(-1)!,
    text,
    blob: gitBlobId(text),
  }
}

/**
 * The messages of a patch file that a version applies: never a reply (even one
 * carrying a diff) or a cover letter; from a mailbox of several revisions only
 * the version's; in `n/N` order, lone patches after in file order.
 */
export function selectPatches(patches: readonly Patch[], revision: number | undefined): Patch[] {
  const order = (patch: Patch) => patch.series?.number ?? Number.POSITIVE_INFINITY
  return patches
    .filter((patch) => roleOf(patch) !== 'reply' && (revision === undefined || (patch.series?.revision ?? 1) === revision))
    .map((patch, index) => ({ patch, index }))
    .sort((a, b) => order(a.patch) - order(b.patch) || a.index - b.index)
    .map(({ patch }) => patch)
}

/**
 * The review replies of a version: in its `replies` files, those that answer
 * one of its patches or the cover letter of their revision.
 */
async function reviewsFor(version: ResolvedVersion, patches: readonly Patch[]): Promise<ReviewReply[]> {
  if (version.replies.length === 0) return []
  const messages = []
  for (const reply of version.replies) {
    messages.push(...(await readThreadFile(new VFile({ path: path.relative(process.cwd(), reply), value: await readFile(reply, 'utf8') }))))
  }
  const ids = new Set(patches.map(rootOf))
  const revisions = new Set(patches.map((patch) => patch.series?.revision ?? 1))
  // The cover letter of the version's revision is a root too; other
  // revisions' patches and covers compete for the replies.
  const roots = new Set(ids)
  const others = new Set<string>()
  for (const { patch } of messages) {
    const role = roleOf(patch)
    if (!patch.messageId || (role !== 'cover' && role !== 'patch')) continue
    if (role === 'cover' && revisions.has(patch.series?.revision ?? 1)) roots.add(patch.messageId)
    others.add(patch.messageId)
  }
  return reviewsOf(messages, roots, others)
}

/** What replies to a patch name: its Message-Id, or for a patch read from archive text (none), its subject. */
export function rootOf(patch: Pick<Patch, 'messageId' | 'rawSubject'>): string {
  return patch.messageId ?? subjectKey(patch.rawSubject)
}

/** Whether a patch changes the document at `documentPath` (a path in the kernel tree). */
function touches(patches: readonly Patch[], documentPath: string): boolean {
  return patches.some((patch) => patch.files.some((file) => file.newPath === documentPath || file.oldPath === documentPath))
}

function metaOf(patch: Patch, file: string): PatchMeta {
  return {
    subject: patch.subject,
    series: patch.series,
    author: patch.author,
    date: patch.date,
    messageId: patch.messageId,
    trailers: patch.trailers.map(({ key, value }) => ({ key, value })),
    file,
  }
}
