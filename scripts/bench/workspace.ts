/**
 * What the site suites share within one `npm run bench`: the corpus sizes
 * to measure, a scratch folder, one generated corpus per size (made once)
 * and the sites the build suite leaves behind for the search and page-weight
 * suites to read.
 *
 * The scratch folder is inside the project (`.scratch/`, gitignored), not in
 * the system temp folder: Astro puts a static build's server chunks in the
 * output folder when that is below the working directory, and otherwise in
 * `<project>/.astro/`, shared by every build. Two builds with `--out`
 * outside the project then delete each other's chunks ("Cannot find module
 * '.astro/pages/…'"), whatever their cache folders.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import { projectRoot } from '../conformance/corpus.ts'
import { generateCorpus, type GeneratedCorpus } from './generate.ts'
import { writeSphinxProject } from './sphinx.ts'

/** A corpus size: a document count, or `shared` for the real documents. */
export type SizeName = '1' | 'shared' | '100' | '1000'

/** Every size, smallest first (the default of `--sizes`). */
export const allSizes: SizeName[] = ['1', 'shared', '100', '1000']

/** The seed every generated corpus uses, so runs compare like with like. */
const seed = 7

/** Where workspaces go: inside the project, so builds keep their chunks apart (see above). */
const scratch = path.join(projectRoot, '.scratch')

/** Shared state of the site suites. */
export interface Workspace {
  /** Sizes to measure, smallest first. */
  sizes: SizeName[]
  /** Scratch folder (removed at the end unless kept). */
  root: string
  /** Generated corpora by size (see `corpusFor`). */
  corpora: Map<SizeName, Promise<GeneratedCorpus>>
  /** Folders of the last Strata site built per size. */
  strataSites: Map<SizeName, string>
  /** Folders of the last Sphinx site built per size. */
  sphinxSites: Map<SizeName, string>
}

/**
 * Read `--sizes`.
 *
 * @param value
 *   Comma-separated sizes, or undefined for the default.
 * @param quick
 *   Quick mode: the smallest size only.
 * @returns
 *   Sizes in canonical order, or an error message.
 */
export function parseSizes(value: string | undefined, quick: boolean): SizeName[] | string {
  if (value === undefined) return quick ? [allSizes[0]] : allSizes
  const chosen = value.split(',').map((part) => part.trim()).filter(Boolean)
  const unknown = chosen.filter((part) => !allSizes.includes(part as SizeName))
  if (unknown.length > 0 || chosen.length === 0) return `--sizes takes ${allSizes.join(',')} (any of them), got ${value}`
  return allSizes.filter((size) => chosen.includes(size))
}

/**
 * A new workspace in a scratch folder.
 *
 * @returns
 *   Workspace.
 */
export async function createWorkspace(sizes: SizeName[]): Promise<Workspace> {
  await mkdir(scratch, { recursive: true })
  return {
    sizes,
    root: await mkdtemp(path.join(scratch, 'bench-')),
    corpora: new Map(),
    strataSites: new Map(),
    sphinxSites: new Map(),
  }
}

/**
 * Remove the scratch folder.
 */
export async function disposeWorkspace(workspace: Workspace): Promise<void> {
  await rm(workspace.root, { recursive: true, force: true })
}

/**
 * The corpus of a size, generated on first use (with Sphinx's `conf.py`).
 *
 * @returns
 *   The generated corpus.
 */
export function corpusFor(workspace: Workspace, size: SizeName): Promise<GeneratedCorpus> {
  let corpus = workspace.corpora.get(size)
  if (!corpus) {
    corpus = (async () => {
      const generated = await generateCorpus({ out: path.join(workspace.root, size, 'corpus'), count: size === 'shared' ? 'shared' : Number(size), seed })
      await writeSphinxProject(path.join(generated.root, 'Documentation'))
      return generated
    })()
    workspace.corpora.set(size, corpus)
  }
  return corpus
}

/**
 * How a size reads in figure names.
 *
 * @returns
 *   `1 doc`, `shared corpus (9 docs)`, `1,000 docs`.
 */
export function sizeLabel(size: SizeName, documents?: number): string {
  if (size === 'shared') return `shared corpus${documents ? ` (${documents} docs)` : ''}`
  const count = Number(size)
  return `${count.toLocaleString('en-US')} doc${count === 1 ? '' : 's'}`
}
