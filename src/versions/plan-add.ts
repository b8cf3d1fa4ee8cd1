/**
 * From a thread (or a set of patch files) to manifest versions, the way b4
 * reads a mailbox: one version per series revision, the revision's patches in
 * `n/N` order, siblings of the same parent; cover letters and replies are
 * metadata, never patches. Pure: the caller reads the files, checks that the
 * result applies, and writes it.
 */
import path from 'node:path'
import type { MailMessage } from '../ingest/read/mail.ts'
import { reviewsOf, roleOf } from '../ingest/read/thread.ts'
import type { FilePatch, Patch } from '../ingest/types.ts'
import type { ManifestInput } from './schema.ts'

type DocumentInput = Extract<ManifestInput['documents'][number], { path: string }>
type FolderInput = Extract<ManifestInput['documents'][number], { folder: string }>
type VersionInput = DocumentInput['versions'][number]

/** One input file and its messages. */
export interface ThreadFile {
  /** Absolute path. */
  path: string
  messages: MailMessage[]
}

export interface PlanInput {
  /** The manifest as parsed JSON (it is not changed; a copy is returned). */
  manifest: ManifestInput
  /** The folder of the manifest file: paths written into it are relative to it. */
  manifestDir: string
  /** The manifest's corpus (absolute), which base files are relative to. */
  manifestCorpus: string
  /** `--corpus`: a kernel tree that documents the manifest lacks are added from (absolute). */
  corpus?: string
  /** `--parent`: the version every new version patches. */
  parent?: string
  /** Existing versions' blobs by document id, to find the parent a patch's `index` line names. */
  blobs: ReadonlyMap<string, ReadonlyArray<{ id: string; blob: string }>>
  /** Whether a file exists in the corpus (relative path). */
  inCorpus: (relative: string) => boolean
  files: ThreadFile[]
}

/** One version added to one document. */
export interface AddedVersion {
  document: string
  id: string
  label: string
  parent: string
  revision: number
  patches: number
  replies: number
  /** Whether the document itself was added (from the corpus). */
  newDocument: boolean
}

/** A file a series touches that gets no version. */
export interface SkippedPath {
  path: string
  reason: string
  /** The subject of the patch that touches it. */
  patch: string
  revision: number
}

/** A reason the plan cannot be carried out, placed on an input file. */
export interface PlanProblem {
  reason: string
  file: string
  line: number
}

export interface Plan {
  manifest: ManifestInput
  added: AddedVersion[]
  skipped: SkippedPath[]
  problems: PlanProblem[]
}

interface Located {
  patch: Patch
  file: string
}

interface Revision {
  revision: number
  cover: Located | null
  patches: Located[]
}

/**
 * Plan the versions a thread implies.
 *
 * @param input
 *   The manifest, the thread's files and how to resolve documents.
 * @returns
 *   The new manifest, what was added and skipped, and the problems that stop it.
 */
export function planAdd(input: PlanInput): Plan {
  const manifest = structuredClone(input.manifest)
  const plan: Plan = { manifest, added: [], skipped: [], problems: [] }
  const revisions = groupRevisions(input.files)
  if (revisions.length === 0) {
    const first = input.files[0]
    plan.problems.push({ reason: 'no patch in the input: only replies, cover letters or messages without a diff', file: first?.path ?? '', line: 1 })
    return plan
  }
  const allMessages = input.files.flatMap((file) => file.messages.map((message) => ({ message, file: file.path })))
  const rootsOfThread = new Set(revisions.flatMap((revision) => [revision.cover, ...revision.patches]).flatMap((each) => (each?.patch.messageId ? [each.patch.messageId] : [])))

  for (const revision of revisions) {
    const subject = revision.cover?.patch.subject || revision.patches[0].patch.subject
    const id = `${slug(subject)}-v${revision.revision}`
    const label = `${subject} (v${revision.revision})`
    const dates = revision.patches.map((each) => each.patch.date).filter((date): date is string => date !== null)
    const date = (revision.cover?.patch.date ?? dates.sort().at(-1))?.slice(0, 10)
    /** The files holding the revision's patches that touch `name`, and whether one of them holds other revisions too. */
    const filesFor = (name: string | undefined) => {
      const own = revision.patches.filter((each) => name === undefined || each.patch.files.some((filePatch) => (filePatch.newPath ?? filePatch.oldPath) === name))
      const files = unique(own.map((each) => each.file))
      const mixed = files.some((file) =>
        input.files.find((each) => each.path === file)!.messages.some((message) => isApplied(message.patch) && (message.patch.series?.revision ?? 1) !== revision.revision),
      )
      return { files, mixed, count: own.length }
    }
    const roots = new Set([revision.cover, ...revision.patches].flatMap((each) => (each?.patch.messageId ? [each.patch.messageId] : [])))
    const replyFiles = unique(
      allMessages.filter(({ message }) => reviewsOf([message], roots, rootsOfThread).length > 0).map(({ file }) => file),
    )
    const replyCount = reviewsOf(allMessages.map(({ message }) => message), roots, rootsOfThread).length

    // Every file the revision touches: documents get the version, code is listed.
    const touched = new Map<string, { filePatch: FilePatch; located: Located }>()
    for (const located of revision.patches) {
      for (const filePatch of located.patch.files) {
        const name = filePatch.newPath ?? filePatch.oldPath ?? ''
        if (!touched.has(name)) touched.set(name, { filePatch, located })
      }
    }
    let documents = 0
    // A folder entry's version covers every document of it the revision touches.
    const given = new Set<object>()
    for (const [name, { filePatch, located }] of touched) {
      if (!name.endsWith('.rst')) {
        plan.skipped.push({ path: name, reason: isCode(name) ? 'code, not documentation' : 'not a reST document', patch: located.patch.rawSubject, revision: revision.revision })
        continue
      }
      const owner = findOwner(manifest, name) ?? addDocument(plan, input, name)
      if (!owner) {
        plan.skipped.push({ path: name, reason: `not in the manifest${input.corpus ? ' nor in --corpus' : '; name a kernel tree holding it with --corpus DIR'}`, patch: located.patch.rawSubject, revision: revision.revision })
        continue
      }
      if (given.has(owner.entry)) {
        documents++
        continue
      }
      const documentId = 'path' in owner.entry ? owner.entry.id : folderDocumentId(owner.entry, name)
      const parent = input.parent ?? parentByBlob(input.blobs.get(documentId), filePatch.oldBlob) ?? defaultParent(owner.entry.versions)
      if (!parent || !owner.entry.versions.some((version) => version.id === parent)) {
        plan.problems.push({ reason: `\`${documentId}\` has no version \`${parent}\` to patch (versions: ${owner.entry.versions.map((version) => `\`${version.id}\``).join(', ')})`, file: located.file, line: filePatch.place.line })
        continue
      }
      if (owner.entry.versions.some((version) => version.id === id)) {
        plan.problems.push({ reason: `\`${documentId}\` already has a version \`${id}\`; remove it first to add this revision again`, file: located.file, line: located.patch.startLine })
        continue
      }
      // A version applies the patches of the series that touch its document.
      const { files: patchFiles, mixed, count } = filesFor('folder' in owner.entry ? undefined : name)
      const version: VersionInput = {
        id,
        label,
        ...(date ? { date } : {}),
        parent,
        patches: patchFiles.map((file) => relative(input.manifestDir, file)),
        ...(mixed ? { revision: revision.revision } : {}),
        ...(replyFiles.length > 0 ? { replies: replyFiles.map((file) => relative(input.manifestDir, file)) } : {}),
      }
      ;(owner.entry.versions as VersionInput[]).push(version)
      given.add(owner.entry)
      documents++
      plan.added.push({ document: documentId, id, label, parent, revision: revision.revision, patches: count, replies: replyCount, newDocument: owner.isNew })
    }
    if (documents === 0 && !plan.problems.length) {
      const first = revision.patches[0]
      plan.problems.push({ reason: `revision v${revision.revision} (“${subject}”) touches no document Strata can add a version to`, file: first.file, line: first.patch.startLine })
    }
  }
  return plan
}

/** Whether a message is one a version applies: a patch, neither a reply nor a cover letter. */
function isApplied(patch: Patch): boolean {
  return roleOf(patch) === 'patch'
}

/** The patches and cover letters of every revision, patches in `n/N` order (lone ones after, in input order). */
function groupRevisions(files: readonly ThreadFile[]): Revision[] {
  const byRevision = new Map<number, Revision>()
  for (const file of files) {
    for (const { patch } of file.messages) {
      const role = roleOf(patch)
      if (role !== 'patch' && role !== 'cover') continue
      const number = patch.series?.revision ?? 1
      const revision = byRevision.get(number) ?? { revision: number, cover: null, patches: [] }
      byRevision.set(number, revision)
      if (role === 'cover') revision.cover ??= { patch, file: file.path }
      else revision.patches.push({ patch, file: file.path })
    }
  }
  const order = (located: Located) => located.patch.series?.number ?? Number.POSITIVE_INFINITY
  return [...byRevision.values()]
    .filter((revision) => revision.patches.length > 0)
    .sort((a, b) => a.revision - b.revision)
    .map((revision) => ({ ...revision, patches: revision.patches.map((each, index) => ({ each, index })).sort((a, b) => order(a.each) - order(b.each) || a.index - b.index).map(({ each }) => each) }))
}

/** The manifest entry holding the document at `name` (a path in the kernel tree). */
function findOwner(manifest: ManifestInput, name: string): { entry: DocumentInput | FolderInput; isNew: boolean } | undefined {
  for (const entry of manifest.documents) {
    if ('path' in entry && entry.path === name) return { entry, isNew: false }
    if ('folder' in entry && name.startsWith(entry.folder.replace(/\/?$/, '/'))) return { entry, isNew: false }
  }
  return undefined
}

/** The id `load.ts` gives a document of a folder entry: its prefix, then its path below the folder without `.rst`. */
function folderDocumentId(entry: FolderInput, name: string): string {
  const folder = entry.folder.replace(/\/$/, '')
  const prefix = entry.id ?? folder.replace(/^Documentation\/?/, '')
  const below = name.slice(folder.length + 1, -'.rst'.length)
  return prefix ? `${prefix}/${below}` : below
}

/** Add a document the corpus holds, with one base version (the `--parent`, else the id other documents give their base). */
function addDocument(plan: Plan, input: PlanInput, name: string): { entry: DocumentInput; isNew: boolean } | undefined {
  if (!input.corpus || !input.inCorpus(name)) return undefined
  const template = plan.manifest.documents.flatMap((entry) => entry.versions).find((version) => !version.parent && (!input.parent || version.id === input.parent))
  const base: VersionInput = template && !template.base ? { id: template.id, ...(template.label ? { label: template.label } : {}), ...(template.date ? { date: template.date } : {}) } : { id: input.parent ?? 'base' }
  // A tree other than the manifest's corpus is named by a `base` relative to it.
  const file = path.join(input.corpus, name)
  if (path.resolve(input.manifestCorpus, name) !== file) base.base = relative(input.manifestCorpus, file)
  const entry: DocumentInput = { id: name.replace(/^Documentation\//, '').replace(/\.rst$/, ''), path: name, versions: [base] }
  plan.manifest.documents.push(entry)
  return { entry, isNew: true }
}

/** The version whose text is the blob a patch names as its preimage. */
function parentByBlob(versions: ReadonlyArray<{ id: string; blob: string }> | undefined, oldBlob: string | null): string | undefined {
  if (!oldBlob || /^0+$/.test(oldBlob) || oldBlob.length < 7) return undefined
  return versions?.find((version) => version.blob.startsWith(oldBlob.toLowerCase()))?.id
}

/** Without a blob to go by: the last version read from a base file. */
function defaultParent(versions: readonly VersionInput[]): string | undefined {
  return versions.filter((version) => !version.parent).at(-1)?.id
}

/** An id from a subject: `mm/highmem: Add notes about …` → `mm-highmem-add-notes-about-conversions`. */
export function slug(subject: string): string {
  const words = subject.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').split('-')
  let out = ''
  for (const word of words) {
    if (out && out.length + 1 + word.length > maximumSlug) break
    out = out ? `${out}-${word}` : word
  }
  return out.slice(0, maximumSlug) || 'patch'
}

const maximumSlug = 40

function isCode(name: string): boolean {
  return /\.(?:[ch]|S|rs|py|sh|pl)$/.test(name) || /(?:^|\/)(?:Makefile|Kconfig[^/]*)$/.test(name)
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

/** A path as the manifest writes it: relative to the manifest, with `/`. */
function relative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/')
}
