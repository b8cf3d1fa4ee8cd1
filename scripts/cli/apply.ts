import { readFile, stat } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import { applyToDocument, applyToTree, type FileReport } from '../../src/ingest/apply/index.ts'
import { readPatches } from '../../src/ingest/read/index.ts'
import type { Patch, PatchFormat } from '../../src/ingest/types.ts'
import { diagnosticRules } from '../../src/schema/diagnostic-rules.ts'
import { checkTreePaths, resolveBelow } from '../../src/ingest/apply/paths.ts'
import { describeFolderProblem } from '../../src/lib/folders.ts'
import { writeAtomically } from '../../src/lib/atomic-write.ts'
import { booleanOption, stringOption, UsageError, type Command, type ParsedArgs } from './command.ts'
import { printDiagnostics } from './diagnostics.ts'

const { rules: applyRules, source: applySource } = diagnosticRules.apply

const usage = `usage: strata apply --base FILE [options] PATCH [PATCH…]
       strata apply --tree DIR --out DIR [options] PATCH [PATCH…]

Apply mailing-list patches (web archive text, RFC 822 mail or mbox, plain
diff) to a document, in order. Prints the patched document on stdout.

options:
  --base FILE        the document to patch
  --tree DIR         apply to the files of a tree instead (paths from the patch)
  --out PATH         write the result there (atomically) instead of printing it;
                     with --tree, the folder to write the changed files into
  -R, --reverse      un-apply the patches
  --report           print a JSON report of how each hunk applied (offsets,
                     rebuilt lines and how sure each inference is) on stdout
  --format FORMAT    read the patches as archive, mail or diff (default: detect)
  --diagnostics F    gnu (default) or vfile
  -q, --quiet        errors only on stderr

A patch that does not apply exits 1, names the hunk and the line it expected,
and writes nothing.`

export const applyCommand: Command = {
  name: 'apply',
  summary: 'apply patches to a document or a tree and print or write the result',
  usage,
  options: {
    base: { type: 'string' },
    tree: { type: 'string' },
    out: { type: 'string', short: 'o' },
    reverse: { type: 'boolean', short: 'R', default: false },
    report: { type: 'boolean', default: false },
    format: { type: 'string' },
    diagnostics: { type: 'string' },
  },
  async run(args, io) {
    const base = stringOption(args, 'base')
    const tree = stringOption(args, 'tree')
    const out = stringOption(args, 'out')
    const format = formatOption(args)
    if (args.positionals.length === 0) throw new UsageError('name at least one PATCH')
    if (Boolean(base) === Boolean(tree)) throw new UsageError('give either --base FILE or --tree DIR')
    if (tree && !out && !booleanOption(args, 'report')) throw new UsageError('--tree needs --out DIR (or --report)')
    const diagnostics = { quiet: booleanOption(args, 'quiet'), format: stringOption(args, 'diagnostics') === 'vfile' ? 'vfile' as const : 'gnu' as const }
    const options = { reverse: booleanOption(args, 'reverse') }

    const { patches, files } = await readAll(args.positionals, format)
    // One patch file carries the apply messages when there is one; a series
    // reports against its first file, which is where its hunks start.
    const target = files[0]
    // A truncated hunk still goes to the applier, which names the line it needed.
    const blocking = files.some((file) => file.messages.some((message) => message.fatal && message.ruleId !== diagnosticRules.ingest.rules.hunkTruncated))
    if (blocking || patches.length === 0) {
      printDiagnostics(files, io, diagnostics)
      return 1
    }

    let written: Map<string, string | null>
    let reports
    if (base) {
      const text = await readInput(base, target)
      const result = text === undefined ? undefined : applyToDocument(text, base, patches, target, options)
      if (!result) {
        printDiagnostics(files, io, diagnostics)
        return 1
      }
      written = new Map([[path.resolve(out ?? base), result.text]])
      reports = result.reports
      noteSkippedFiles(patches, reports, target)
      if (!out && !booleanOption(args, 'report')) io.stdout.write(result.text)
    } else {
      const root = path.resolve(tree!)
      if (!(await isDirectory(root))) throw new UsageError(`--tree ${tree} is not a folder`)
      const outRoot = path.resolve(out ?? root)
      // Paths come from a public mailing list: each is checked below the tree
      // and the output folder (no `..`, no symbolic link) before any is used.
      const fileOf = (patch: Patch) => files.find((each) => each.path === patch.path) ?? target
      if (!checkTreePaths(patches, { tree: root, out: outRoot }, fileOf)) {
        printDiagnostics(files, io, diagnostics)
        return 1
      }
      const result = applyToTree((relative) => readInside(root, relative), patches, target, options)
      if (!result) {
        printDiagnostics(files, io, diagnostics)
        return 1
      }
      written = new Map([...result.files].map(([relative, text]) => [resolveInside(outRoot, relative), text]))
      reports = result.reports
    }
    const problem = out ? await writeAtomically(written) : undefined
    if (problem) {
      // Reported on the output path the reader gave, with the level that failed.
      const output = new VFile({ path: out })
      const message = output.message(`${describeFolderProblem(problem, problem.action)}; nothing was written`, { ruleId: applyRules.unwritableOutput, source: applySource })
      message.fatal = true
      files.push(output)
    }
    printDiagnostics(files, io, diagnostics)
    if (problem) return 1
    if (booleanOption(args, 'report')) io.stdout.write(JSON.stringify(reports, null, 2) + '\n')
    return 0
  },
}

/**
 * With `--base`, a patch over several files applies the hunks of the file the
 * base's path ends with; say which files it skipped.
 */
function noteSkippedFiles(patches: readonly Patch[], reports: readonly FileReport[], file: VFile) {
  const applied = new Set<string | null>(reports.flatMap((report) => [report.oldPath, report.newPath]).filter((name) => name !== null))
  const skipped = patches.flatMap((patch) => patch.files).filter((filePatch) => !applied.has(filePatch.newPath) && !applied.has(filePatch.oldPath))
  if (skipped.length === 0) return
  const names = [...new Set(skipped.map((filePatch) => `\`${filePatch.newPath ?? filePatch.oldPath}\``))].join(', ')
  file.info(`applied the hunks of \`${reports.map((report) => report.path).join('`, `')}\`; skipped ${names}, which the base is not`, {
    place: skipped[0].place,
    ruleId: applyRules.skippedFiles,
    source: applySource,
  })
}

function formatOption(args: ParsedArgs): PatchFormat | undefined {
  const format = stringOption(args, 'format')
  if (format === undefined) return undefined
  if (format !== 'archive' && format !== 'mail' && format !== 'diff') {
    throw new UsageError(`--format takes archive, mail or diff, not \`${format}\``)
  }
  return format
}

/** Read every patch file; a file that cannot be read as a patch is reported, not thrown. */
async function readAll(paths: readonly string[], format: PatchFormat | undefined) {
  const patches: Patch[] = []
  const files: VFile[] = []
  for (const name of paths) {
    const file = new VFile({ path: name })
    files.push(file)
    try {
      file.value = await readFile(name, 'utf8')
      patches.push(...(await readPatches(file, { format })))
    } catch (error) {
      if (error instanceof VFileMessage) continue
      const message = file.message(`cannot read \`${name}\`: ${(error as Error).message}`, { ruleId: applyRules.unreadablePatch, source: applySource })
      message.fatal = true
    }
  }
  return { patches, files }
}

async function readInput(name: string, file: VFile): Promise<string | undefined> {
  try {
    return await readFile(name, 'utf8')
  } catch (error) {
    const message = file.message(`cannot read base \`${name}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      ruleId: applyRules.unreadableBase,
      source: applySource,
    })
    message.fatal = true
    return undefined
  }
}

async function isDirectory(name: string): Promise<boolean> {
  return (await stat(name).catch(() => undefined))?.isDirectory() ?? false
}

/** Read a file of the tree (its path was checked by `checkTreePaths`). */
function readInside(root: string, relative: string): string | undefined {
  try {
    return readFileSync(resolveInside(root, relative), 'utf8')
  } catch {
    return undefined
  }
}

/** The absolute path of a checked relative path; throws on one that was not checked, as a bug. */
function resolveInside(root: string, relative: string): string {
  const resolved = resolveBelow(root, relative)
  if (!resolved.ok) throw new Error(`unchecked path \`${relative}\` reached the tree`)
  return resolved.path
}
