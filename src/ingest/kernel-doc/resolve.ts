/**
 * `resolveKernelDoc`: one `.. kernel-doc::` directive to entries, reading the
 * file from the kernel tree given with `--kernel-tree DIR`. The only module
 * of the stage that touches the filesystem (STYLE.md, "I/O stays at the
 * edges"); the parser and the selection are pure.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import type { KernelDocDirective, KernelDocEntry, KernelDocResult } from '../../schema/kernel-doc.ts'
import { exportedNames } from './exports.ts'
import { parseKernelDoc } from './parse.ts'
import { diagnosticRules, type RuleIdOf } from '../../schema/diagnostic-rules.ts'
import { directiveOptions, selectEntries, unmatchedNames } from './select.ts'

const { rules, source } = diagnosticRules.kernelDoc
type RuleId = RuleIdOf<'kernelDoc'>

/**
 * Resolve a directive.
 *
 * Without a tree nothing is read and no warning is made (one notice per
 * directive would drown the report; the CLI says once that no tree was
 * given): the result carries the text to show in place of the API docs.
 * With a tree, the argument must stay inside it: an absolute path, a `..`
 * that climbs out or a symlink that leads out is refused (directives come
 * from public patches), reported on `file` like a missing file.
 *
 * @param directive
 *   The directive: `argument` is the tree-relative path, `options` its
 *   options, `position` where it is in `file`.
 * @param kernelTree
 *   The kernel checkout (`--kernel-tree DIR`), or `undefined`.
 * @param file
 *   The document holding the directive; warnings go on it at the directive.
 * @param files
 *   C files already looked up for this document, by tree-relative path
 *   (optional): a document naming one file in a thousand directives reads
 *   it once.
 * @returns
 *   `resolved` with the selected entries and the C file (carrying the
 *   parser's warnings), or `no-tree` / `missing` with a message for the site.
 */
export async function resolveKernelDoc(
  directive: Readonly<KernelDocDirective>,
  kernelTree: string | undefined,
  file: VFile,
  files: Map<string, Promise<Found>> = new Map(),
): Promise<KernelDocResult> {
  const lookUp = (relative: string) => {
    let found = files.get(relative)
    if (!found) files.set(relative, (found = insideTree(kernelTree!, relative)))
    return found
  }
  const argument = directive.argument.trim()
  const place = directive.position
  const report = (reason: string, ruleId: RuleId) => file.message(reason, { place, ruleId, source })
  for (const name of Object.keys(directive.options)) {
    if (!(directiveOptions as readonly string[]).includes(name)) {
      report(`Unknown option \`:${name}:\` of \`kernel-doc\`, expected one of ${directiveOptions.map((o) => `\`:${o}:\``).join(', ')}`, rules.unknownOption)
    }
  }
  if (argument === '') {
    report('The `kernel-doc` directive names no file: expected a path such as `include/linux/highmem.h`', rules.missingFile)
    return { status: 'missing', path: '', message: 'API documentation is not included: the kernel-doc directive names no file.' }
  }
  const relative = treeRelative(argument)
  if (relative === undefined) {
    report(`Refusing \`kernel-doc\` path \`${argument}\`: it leaves the kernel tree`, rules.pathEscape)
    return { status: 'missing', path: argument, message: `API documentation from ${argument} is not included: the path points outside the kernel tree.` }
  }
  if (kernelTree === undefined) {
    return {
      status: 'no-tree',
      path: relative,
      message: `API documentation from ${relative} is not included: this build had no kernel tree. Run Strata with --kernel-tree DIR, where DIR is a Linux kernel checkout, to extract it.`,
    }
  }
  const found = await lookUp(relative)
  if (found.status !== 'file') {
    const resolved = path.resolve(kernelTree, relative)
    if (found.status === 'escape') report(`Refusing \`kernel-doc\` path \`${relative}\`: \`${resolved}\` leads outside the kernel tree \`${kernelTree}\``, rules.pathEscape)
    else report(`Cannot find \`${relative}\` for \`kernel-doc\`: no file \`${resolved}\` in the kernel tree`, rules.missingFile)
    return {
      status: 'missing',
      path: relative,
      message:
        found.status === 'escape'
          ? `API documentation from ${relative} is not included: the path points outside the kernel tree.`
          : `API documentation from ${relative} is not included: the file is not in the kernel tree.`,
    }
  }
  const { cFile, entries, exported: exportedHere } = scanOnce(found, relative, kernelTree)
  const exported = new Set(exportedHere)
  for (const extra of exportFiles(directive.options)) {
    const other = await lookUp(extra)
    if (other.status === 'file') for (const name of exportedNames(other.text)) exported.add(name)
  }
  for (const name of unmatchedNames(entries, directive.options)) {
    report(`\`${name}\` is not documented in \`${relative}\``, rules.notFound)
  }
  return { status: 'resolved', path: relative, entries: selectEntries(entries, directive.options, exported), source: cFile }
}

/** A file looked up in the kernel tree: its real path and text, or why there is none. */
export type Found = FoundFile | { status: 'escape' | 'absent' }
type FoundFile = { status: 'file'; path: string; text: string }

/** A C file parsed: its entries, the names it exports, and the file carrying the parser's warnings. */
interface Scanned {
  cFile: VFile
  entries: KernelDocEntry[]
  exported: ReadonlySet<string>
}

const scans = new WeakMap<FoundFile, Scanned>()

/**
 * Parse a file found once per lookup: a document naming one header in a
 * thousand directives (one per function, as many do) parses it once, and its
 * warnings are reported once, not once per directive.
 */
function scanOnce(found: FoundFile, relative: string, kernelTree: string): Scanned {
  let scan = scans.get(found)
  if (!scan) {
    const cFile = new VFile({ path: relative, cwd: kernelTree, value: found.text })
    scan = { cFile, entries: parseKernelDoc(cFile), exported: exportedNames(found.text) }
    scans.set(found, scan)
  }
  return scan
}

/**
 * Normalise a directive argument to a tree-relative POSIX path, lexically.
 *
 * @param argument
 *   As written (`include/linux/highmem.h`, `./mm/../include/x.h`).
 * @returns
 *   The normalised path, or `undefined` when it is empty, absolute, holds a
 *   NUL or climbs out with `..`.
 */
export function treeRelative(argument: string): string | undefined {
  const slashed = argument.replace(/\\/g, '/')
  if (slashed === '' || slashed.includes('\0') || path.posix.isAbsolute(slashed) || /^[A-Za-z]:/.test(slashed)) return undefined
  const normal = path.posix.normalize(slashed)
  if (normal === '..' || normal.startsWith('../') || normal === '.') return undefined
  return normal
}

/**
 * Find a file inside the tree, following symlinks only while they stay inside.
 *
 * @param tree
 *   The kernel checkout.
 * @param relative
 *   A path from {@link treeRelative}.
 * @returns
 *   The real path and text of a regular file, or why there is none (a file
 *   that cannot be read counts as absent).
 */
async function insideTree(tree: string, relative: string): Promise<Found> {
  try {
    const root = await realpath(tree)
    const real = await realpath(path.resolve(tree, relative))
    const back = path.relative(root, real)
    if (back === '' || back.startsWith('..') || path.isAbsolute(back)) return { status: 'escape' }
    if (!(await stat(real)).isFile()) return { status: 'absent' }
    return { status: 'file', path: real, text: await readFile(real, 'utf8') }
  } catch {
    return { status: 'absent' }
  }
}

/**
 * The plain paths `:export:` or `:internal:` names as more files to scan for
 * `EXPORT_SYMBOL`; glob patterns are skipped (Strata does not expand them).
 *
 * @param options
 *   The directive's options.
 * @returns
 *   Tree-relative paths.
 */
function exportFiles(options: Readonly<Record<string, string>>): string[] {
  const value = options.export ?? options.internal ?? ''
  return value
    .split(/\s+/)
    .filter((word) => word !== '' && !/[*?[]/.test(word))
    .map(treeRelative)
    .filter((word): word is string => word !== undefined)
}
