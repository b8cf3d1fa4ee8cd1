import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { z } from 'zod'
import { findJsonSyntaxError, offsetOfKeyPath, pointAt } from './json-places.ts'
import { manifestSchema, type DocumentEntry, type Manifest } from './schema.ts'
import { diagnosticRules, type RuleIdOf } from '../schema/diagnostic-rules.ts'

export interface ResolvedVersion {
  id: string
  label?: string
  date?: string
  parent: string | null
  /** Absolute path of the base file, for a version without a parent. */
  base: string | null
  /** Absolute paths of the patches, in order. */
  patches: string[]
  /** The series revision taken from mailboxes that hold several (`[PATCH v2 …]`). */
  revision?: number
  /** Absolute paths of the files holding the version's review replies. */
  replies: string[]
  /**
   * For documents of a folder: the version exists only when its patches touch
   * the document; otherwise it stands for its parent's text and is not shown.
   */
  onlyIfTouched?: boolean
}

export interface ResolvedDocument {
  id: string
  path: string
  title?: string
  versions: ResolvedVersion[]
}

export interface ResolvedManifest {
  /** The manifest file. */
  file: string
  corpus: string
  kernelTree?: string
  documents: ResolvedDocument[]
}

export interface LoadOptions {
  /** The content folder (holding `manifest.json`), or the manifest file itself. */
  content: string
  /** A kernel tree to read base files from instead of the manifest's `corpus`. */
  corpus?: string
  /** A kernel tree for `kernel-doc` directives instead of the manifest's `kernelTree`. */
  kernelTree?: string
}

const { rules, source } = diagnosticRules.content
type ContentRule = RuleIdOf<'content'>

/**
 * Read and check the content manifest: its shape against the schema, then
 * what a schema cannot say (unique ids, known parents, no cycles, files that
 * exist). Every problem is a message on the returned file naming the key path
 * (`documents[0].versions[1].parent`) and the line it stands on.
 *
 * @returns
 *   The manifest with every path absolute, or `undefined` when it has errors.
 */
export async function loadManifest(options: LoadOptions): Promise<{ file: VFile; manifest?: ResolvedManifest }> {
  const manifestPath = options.content.endsWith('.json') ? path.resolve(options.content) : path.resolve(options.content, 'manifest.json')
  const file = new VFile({ path: path.relative(process.cwd(), manifestPath) || manifestPath })
  const fail = (reason: string, keyPath: Array<string | number> = [], ruleId: ContentRule = rules.invalid, offset?: number) => {
    const text = String(file.value ?? '')
    const message = file.message(reason, { place: pointAt(text, offset ?? offsetOfKeyPath(text, keyPath)), ruleId, source })
    message.fatal = true
  }
  try {
    file.value = await readFile(manifestPath, 'utf8')
  } catch (error) {
    fail(`cannot read the content manifest: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, [], rules.missing)
    return { file }
  }
  let json: unknown
  try {
    json = JSON.parse(String(file.value))
  } catch (error) {
    // Node's message seldom says where; the scan finds the offending character.
    const found = findJsonSyntaxError(String(file.value))
    fail(`the manifest is not JSON: ${found?.reason ?? (error as Error).message}`, [], rules.invalid, found?.offset)
    return { file }
  }
  const parsed = manifestSchema.safeParse(json)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fail(describeIssue(issue), issue.path as Array<string | number>)
    return { file }
  }
  const expanded = await expandFolders(parsed.data, manifestPath, options, fail)
  const manifest = resolvePaths(expanded, manifestPath, options)
  checkReferences(expanded, manifest, fail)
  return file.messages.some((message) => message.fatal) ? { file } : { file, manifest }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? formatPath(issue.path as Array<string | number>) : 'the manifest'
  return `\`${where}\`: ${issue.message}`
}

/** `documents[0].versions[1].parent` */
export function formatPath(keyPath: ReadonlyArray<string | number>): string {
  return keyPath.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('')
}

type ExpandedManifest = Omit<Manifest, 'documents'> & { documents: Array<DocumentEntry & { fromFolder?: boolean }> }

/** Replace each folder entry by one document entry per `.rst` file below it, sorted by path. */
async function expandFolders(manifest: Manifest, manifestPath: string, options: LoadOptions, fail: Fail): Promise<ExpandedManifest> {
  const corpus = path.resolve(options.corpus ?? path.resolve(path.dirname(manifestPath), manifest.corpus))
  const documents: ExpandedManifest['documents'] = []
  for (const [index, entry] of manifest.documents.entries()) {
    if (!('folder' in entry)) {
      documents.push(entry)
      continue
    }
    const root = path.resolve(corpus, entry.folder)
    const files = await listRst(root).catch(() => undefined)
    if (!files || files.length === 0) {
      fail(`\`documents[${index}].folder\`: no .rst files in \`${root}\` (is --corpus right?)`, ['documents', index, 'folder'], rules.missing)
      continue
    }
    const prefix = entry.id ?? entry.folder.replace(/^Documentation\/?/, '').replace(/\/$/, '')
    for (const file of files) {
      const below = file.slice(0, -'.rst'.length)
      documents.push({
        id: prefix ? `${prefix}/${below}` : below,
        path: path.posix.join(entry.folder.split(path.sep).join('/'), file),
        versions: entry.versions.map((version) => ({ ...version })),
        fromFolder: true,
      })
    }
  }
  return { ...manifest, documents }
}

/** Every `.rst` file below a folder, as sorted relative POSIX paths. */
async function listRst(root: string, below = ''): Promise<string[]> {
  const found: string[] = []
  for (const entry of (await readdir(path.join(root, below), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relative = below ? `${below}/${entry.name}` : entry.name
    if (entry.isDirectory()) found.push(...(await listRst(root, relative)))
    else if (entry.name.endsWith('.rst')) found.push(relative)
  }
  return found
}

function resolvePaths(manifest: ExpandedManifest, manifestPath: string, options: LoadOptions): ResolvedManifest {
  const here = path.dirname(manifestPath)
  const corpus = path.resolve(options.corpus ?? path.resolve(here, manifest.corpus))
  const kernelTree = options.kernelTree ?? (manifest.kernelTree ? path.resolve(here, manifest.kernelTree) : undefined)
  return {
    file: manifestPath,
    corpus,
    kernelTree: kernelTree && path.resolve(kernelTree),
    documents: manifest.documents.map((document) => ({
      id: document.id,
      path: document.path,
      title: document.title,
      versions: document.versions.map((version) => ({
        id: version.id,
        label: version.label,
        date: version.date,
        parent: version.parent ?? null,
        base: version.parent ? null : path.resolve(corpus, version.base ?? document.path),
        patches: (version.patches ?? []).map((patch) => path.resolve(here, patch)),
        ...(version.revision ? { revision: version.revision } : {}),
        replies: (version.replies ?? []).map((reply) => path.resolve(here, reply)),
        ...(document.fromFolder && version.patches ? { onlyIfTouched: true } : {}),
      })),
    })),
  }
}

type Fail = (reason: string, keyPath?: Array<string | number>, ruleId?: ContentRule) => void

function checkReferences(raw: ExpandedManifest, manifest: ResolvedManifest, fail: Fail) {
  const documentIds = new Set<string>()
  manifest.documents.forEach((document, d) => {
    if (documentIds.has(document.id)) fail(`\`documents[${d}].id\`: \`${document.id}\` is used twice`, ['documents', d, 'id'])
    documentIds.add(document.id)
    const ids = new Map<string, number>()
    document.versions.forEach((version, v) => {
      if (ids.has(version.id)) fail(`\`documents[${d}].versions[${v}].id\`: \`${version.id}\` is used twice`, ['documents', d, 'versions', v, 'id'])
      ids.set(version.id, v)
    })
    document.versions.forEach((version, v) => {
      const at = ['documents', d, 'versions', v]
      if (version.parent !== null && !ids.has(version.parent)) {
        const known = [...ids.keys()].map((id) => `\`${id}\``).join(', ')
        fail(`\`${formatPath([...at, 'parent'])}\`: unknown parent \`${version.parent}\` (versions of \`${document.id}\`: ${known})`, [...at, 'parent'], rules.parent)
      }
      if (version.base && !existsSync(version.base)) {
        fail(`\`${formatPath([...at, raw.documents[d].versions[v].base ? 'base' : 'id'])}\`: base file \`${version.base}\` does not exist (is --corpus right?)`, [...at, 'base'], rules.missing)
      }
      version.patches.forEach((patch, p) => {
        if (!existsSync(patch)) fail(`\`${formatPath([...at, 'patches', p])}\`: patch file \`${patch}\` does not exist`, [...at, 'patches', p], rules.missing)
      })
      version.replies.forEach((reply, r) => {
        if (!existsSync(reply)) fail(`\`${formatPath([...at, 'replies', r])}\`: reply file \`${reply}\` does not exist`, [...at, 'replies', r], rules.missing)
      })
    })
    // A parent chain must end at a base: a cycle never would.
    for (const version of document.versions) {
      const seen = new Set<string>()
      let current: ResolvedVersion | undefined = version
      while (current?.parent && !seen.has(current.id)) {
        seen.add(current.id)
        current = document.versions.find((candidate) => candidate.id === current!.parent)
      }
      if (current && seen.has(current.id)) {
        fail(`\`documents[${d}].versions\`: \`${version.id}\` descends from itself through its parents`, ['documents', d, 'versions'], rules.parent)
        break
      }
    }
  })
}
