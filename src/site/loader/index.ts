import type { Loader, LoaderContext } from 'astro/loaders'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { toString } from 'mdast-util-to-string'
import { VFile } from 'vfile'
import config from 'virtual:strata/config'
import { loadManifest, type ResolvedManifest } from '../../versions/load.ts'
import { formatDiagnostic, formatDiagnostics } from '../../lib/diagnostics.ts'
import { serialiseMessages } from '../../lib/messages.ts'
import { buildKnowledgeBase, type KnownVersion } from '../../knowledge/build.ts'
import { compareVersions } from '../../knowledge/changes.ts'
import { collectXrefs } from '../../../plugins/remark-xrefs/index.ts'
import { mdastSections, toctreeDocuments, type DocumentSection } from '../../../plugins/remark-toctree/index.ts'
import { renderVersion } from '../../render/render.ts'
import { searchItemsFor } from '../../search/build.ts'
import { writeSearchFilesInWorker } from './search-worker.ts'
import { versionKey } from '../../lib/urls.ts'
import { comparisonPairs, countsOf, deprecationsOf, historyOf, newestOf } from '../../knowledge/derive.ts'
import { diffSections } from '../../knowledge/sections.ts'
import type { ChangesEntry, RecordEntry, VersionEntry } from './types.ts'

/** Thrown when the content cannot be built; its message carries every diagnostic. */
export class ContentError extends Error {
  constructor(message: string) {
    super(message)
    // Astro prints an error's stack, and its first frame's file as the
    // location; a content error's locations are the diagnostics' own, and a
    // frame inside Strata would only send the reader to the wrong file.
    this.stack = ''
  }
}

/** The files' messages, one line each, in the form the CLI prints them. */
const formatMessages = (files: readonly VFile[]) => formatDiagnostics(files).join('\n')

/**
 * The error for content that cannot be built. Its messages are also left in
 * `config.diagnosticsFile`, so that `strata build` prints them as the located
 * diagnostics they are, without Astro's error frame around them.
 */
async function contentError(summary: string, files: readonly VFile[]): Promise<ContentError> {
  await writeFile(config.diagnosticsFile, JSON.stringify(serialiseMessages(files))).catch(() => undefined)
  return new ContentError(`${summary}:\n${formatMessages(files)}`)
}

type Site = Awaited<ReturnType<typeof computeSite>>
type Collection = 'versions' | 'records' | 'changes'

/**
 * One run of ingest → parse → records → render feeds every collection: the
 * first loader to ask starts it, the others share it. It is run again only
 * when an input changes (see {@link watchInputs}), however many collections
 * there are.
 */
let current: Promise<Site> | undefined
const site = (logger: LoaderContext['logger']) => (current ??= computeSite(logger))

async function computeSite(logger: LoaderContext['logger']) {
  const { file, manifest } = await loadManifest({ content: config.content, corpus: config.corpus, kernelTree: config.kernelTree })
  if (!manifest) throw await contentError('The content manifest has errors', [file])
  const { knowledge, files } = await buildKnowledgeBase(manifest, {
    onVersion: (version, index, total) => logger.info(`[${index + 1}/${total}] ${version.document}@${version.id}`),
  })
  const warnings = files.filter((each) => each.messages.some((message) => !message.fatal))
  if (warnings.length > 0) logger.warn(formatMessages(warnings))
  if (!knowledge) throw await contentError('Strata could not build the content', files)

  const byDocument = new Map<string, KnownVersion[]>()
  for (const version of knowledge.versions) byDocument.set(version.document, [...(byDocument.get(version.document) ?? []), version])

  // The search indexes need only the records: built in a worker from here on,
  // they are ready by the time the versions below are rendered and stored.
  const search = writeSearchFilesInWorker(
    config.searchDir,
    [...byDocument.values()].flat().map((version) => ({ key: versionKey(version.document, version.id), items: searchItemsFor(version, version.records) })),
  )

  // Cross-document references resolve against every document; a link to
  // another document goes to its version of the same id, else its newest.
  const xrefIndex = collectXrefs(knowledge.versions)
  const newestIds = new Map([...byDocument].map(([document, siblings]) => [document, newestOf(siblings).id]))
  const versionFor = (current: string) => (target: string) =>
    byDocument.get(target)?.some((version) => version.id === current) ? current : newestIds.get(target) ?? current
  // What toctrees show of other documents: titles, sections and their own
  // toctree entries, per version (a patch can change any of them).
  const titles = new Map([...byDocument].map(([document, siblings]) => [document, manifest.documents.find((each) => each.id === document)?.title ?? titleOf(siblings[0])]))
  const outline = new Map<string, { sections: DocumentSection[]; toctree: string[] }>()
  for (const version of knowledge.versions) {
    outline.set(versionKey(version.document, version.id), {
      sections: mdastSections(version.tree),
      toctree: toctreeDocuments(version.tree, { documents: xrefIndex.documents, path: version.path }),
    })
  }
  const outlineIn = (current: string, target: string) => outline.get(versionKey(target, versionFor(current)(target)))

  const versions: VersionEntry[] = []
  const records: RecordEntry[] = []
  const changes: ChangesEntry[] = []
  for (const [document, siblings] of byDocument) {
    const newest = newestOf(siblings)
    const title = titles.get(document)!
    for (const version of siblings) {
      const deprecations = deprecationsOf(version, siblings)
      const renderFile = new VFile({ path: `${version.path}@${version.id}` })
      const rendered = renderVersion({
        tree: version.tree,
        records: version.records,
        document,
        version: version.id,
        deprecations,
        xrefs: {
          index: xrefIndex,
          path: version.path,
          versionOf: versionFor(version.id),
          titleOf: (target) => titles.get(target) ?? target,
          sectionsOf: (target) => outlineIn(version.id, target)?.sections ?? [],
          toctreeOf: (target) => outlineIn(version.id, target)?.toctree ?? [],
        },
      }, renderFile)
      for (const message of renderFile.messages) logger.warn(formatDiagnostic(renderFile.path, message))
      const key = versionKey(document, version.id)
      versions.push({
        key,
        document,
        title,
        path: version.path,
        id: version.id,
        label: version.label,
        date: version.date,
        parent: version.parent,
        patches: version.patches,
        parsedPatches: version.parsedPatches,
        reviews: version.reviews,
        blob: version.blob,
        newest: version === newest,
        html: rendered.html,
        headings: rendered.headings,
        toctree: outline.get(key)!.toctree,
        text: version.text,
        counts: countsOf(version.records),
      })
      for (const record of version.records) {
        records.push({
          key: `${key}/${record.name}`,
          record,
          versionLabel: version.label,
          history: historyOf(record.name, siblings),
          deprecation: deprecations[record.name] ?? null,
          title: `${record.name}${record.kind === 'function' ? '()' : ''}`,
        })
      }
    }
    for (const [from, to] of comparisonPairs(siblings)) {
      changes.push({
        key: `${versionKey(document, from.id)}...${to.id}`,
        document,
        from: { id: from.id, label: from.label },
        to: { id: to.id, label: to.label },
        direct: to.parent === from.id,
        changes: compareVersions(from, to, document),
        sections: diffSections(from.tree, to.tree),
      })
    }
  }
  return { versions, records, changes, search, inputs: inputsOf(manifest) }
}

/** The files a site is made from: the manifest, each base document and each patch (what dev watches). */
function inputsOf(manifest: ResolvedManifest): string[] {
  const files = manifest.documents.flatMap((document) => document.versions.flatMap((version) => [...(version.base ? [version.base] : []), ...version.patches, ...version.replies]))
  return [...new Set([manifest.file, ...files])].sort()
}

function titleOf(version: KnownVersion): string {
  const heading = version.tree.children.find((node) => node.type === 'heading')
  return heading ? toString(heading) : version.document
}

/** What each collection's loader needs to fill its store again after a change. */
const refills = new Map<Collection, (built: Site) => void>()

/** Put a collection's entries in its store; a version's HTML goes where Astro keeps rendered content. */
function fillStore(collection: Collection, built: Site, { store, generateDigest }: Pick<LoaderContext, 'store' | 'generateDigest'>): void {
  store.clear()
  if (collection === 'versions') {
    for (const entry of built.versions) {
      const { html, ...data } = entry
      store.set({ id: entry.key, data, digest: generateDigest(entry), rendered: { html } })
    }
    return
  }
  for (const entry of built[collection]) store.set({ id: entry.key, data: entry, digest: generateDigest(entry) })
}

/**
 * A Content Layer loader for one of Strata's collections (`versions`,
 * `records`, `changes`), all fed from one run over the content manifest.
 */
export function strataLoader(collection: Collection): Loader {
  return {
    name: `strata-${collection}`,
    load: async ({ store, logger, generateDigest, watcher }) => {
      const built = await site(logger)
      // The sync is not over until the search files are written: the build reads them next.
      await built.search
      fillStore(collection, built, { store, generateDigest })
      refills.set(collection, (next) => fillStore(collection, next, { store, generateDigest }))
      if (watcher) watchInputs(watcher, logger, built.inputs)
    },
  }
}

type Watcher = NonNullable<LoaderContext['watcher']>

/** The dev server's watcher that already listens for every collection. */
let watching: Watcher | undefined

/**
 * In dev, a change to the manifest, a base document or a patch runs the
 * content again, once, and refills every collection; Astro reloads the pages.
 * A change that breaks the content is reported and the last good content
 * stays. The watcher is the dev server's, the same for every collection, so
 * the first loader to get it listens for all.
 */
function watchInputs(watcher: Watcher, logger: LoaderContext['logger'], inputs: readonly string[]): void {
  if (watching === watcher) return
  watching = watcher
  const files = new Set(inputs)
  watcher.add([...files])
  let timer: ReturnType<typeof setTimeout> | undefined
  const onChange = (changed: string) => {
    if (!files.has(path.resolve(changed))) return
    // Editors save in several steps; one run after the last.
    clearTimeout(timer)
    timer = setTimeout(() => {
      const previous = current
      current = undefined
      const next = site(logger)
      next.then(
        async (built) => {
          await built.search
          for (const refill of refills.values()) refill(built)
          for (const file of built.inputs.filter((each) => !files.has(each))) {
            files.add(file)
            watcher.add(file)
          }
          logger.info(`reloaded after a change to ${path.relative(process.cwd(), changed)}`)
        },
        (error: unknown) => {
          // The last good content stays, for the pages and for the next loader to ask.
          current = previous
          logger.error(error instanceof Error ? error.message : String(error))
        },
      )
    }, reloadDelay)
  }
  watcher.on('change', onChange)
  watcher.on('add', onChange)
}

/** How long dev waits after the last change to an input before it rebuilds (ms). */
const reloadDelay = 150
