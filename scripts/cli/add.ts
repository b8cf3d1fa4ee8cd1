import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { loadManifest } from '../../src/versions/load.ts'
import { formatManifest } from '../../src/versions/format.ts'
import { planAdd, type Plan, type ThreadFile } from '../../src/versions/plan-add.ts'
import type { ManifestInput } from '../../src/versions/schema.ts'
import { computeVersions } from '../../src/versions/versions.ts'
import { readThreadFile } from '../../src/ingest/read/thread.ts'
import { writeAtomically } from '../../src/lib/atomic-write.ts'
import { diagnosticRules } from '../../src/schema/diagnostic-rules.ts'
import { booleanOption, stringOption, UsageError, type Command, type Io } from './command.ts'
import { contentFolder } from './content-options.ts'
import { hasErrors, printDiagnostics } from './diagnostics.ts'

const usage = `usage: strata add [options] MBOX|PATCH [MBOX|PATCH…]

Add the versions a mailing-list thread or a set of patches implies to the
content manifest: one version per series revision (v1, v2 … are siblings of
the same parent), its patches in n/N order, on every document they touch.
Cover letters and review replies are kept as metadata, never applied; code
files are listed and skipped. Prints what it added.

options:
  --content DIR      the content folder holding manifest.json (default: ./content,
                     else Strata's own)
  --parent VERSION   the version the patches apply to (default: the version
                     whose blob the patch's index line names, else the base)
  --corpus DIR       a kernel tree: documents the patches touch that the
                     manifest lacks are added from it
  -q, --quiet        errors only on stderr

Nothing is written when a patch does not apply to the parent it would get.`

const { rules, source } = diagnosticRules.add

export const addCommand: Command = {
  name: 'add',
  summary: 'add the versions a thread or patch series implies to the content manifest',
  usage,
  options: {
    content: { type: 'string' },
    parent: { type: 'string' },
    corpus: { type: 'string' },
  },
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('name at least one MBOX or PATCH')
    const quiet = booleanOption(args, 'quiet')
    const corpusFlag = stringOption(args, 'corpus')
    const manifestPath = path.join(contentFolder(args), 'manifest.json')

    const loaded = await loadManifest({ content: manifestPath })
    if (!loaded.manifest) {
      printDiagnostics([loaded.file], io, { quiet })
      return 1
    }
    const current = await computeVersions(loaded.manifest)
    if (current.versions.length === 0) {
      printDiagnostics([loaded.file, ...current.files], io, { quiet })
      return 1
    }

    const inputs: VFile[] = []
    const files: ThreadFile[] = []
    for (const name of args.positionals) {
      const file = new VFile({ path: name })
      inputs.push(file)
      try {
        file.value = await readFile(name, 'utf8')
      } catch (error) {
        file.message(`cannot read \`${name}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { ruleId: rules.unreadable, source }).fatal = true
        continue
      }
      files.push({ path: path.resolve(name), messages: await readThreadFile(file) })
    }
    if (hasErrors(inputs)) {
      printDiagnostics(inputs, io, { quiet })
      return 1
    }

    const blobs = new Map<string, Array<{ id: string; blob: string }>>()
    for (const version of current.versions) blobs.set(version.document, [...(blobs.get(version.document) ?? []), { id: version.id, blob: version.blob }])
    const plan = planAdd({
      manifest: JSON.parse(String(loaded.file.value)) as ManifestInput,
      manifestDir: path.dirname(loaded.manifest.file),
      manifestCorpus: loaded.manifest.corpus,
      ...(corpusFlag ? { corpus: path.resolve(corpusFlag) } : {}),
      parent: stringOption(args, 'parent'),
      blobs,
      inCorpus: (relative) => Boolean(corpusFlag) && existsSync(path.join(path.resolve(corpusFlag!), relative)),
      files,
    })
    for (const problem of plan.problems) {
      const file = inputs.find((each) => path.resolve(each.path) === problem.file) ?? inputs[0]
      file.message(problem.reason, { place: { line: problem.line, column: 1 }, ruleId: rules.plan, source }).fatal = true
    }
    if (plan.problems.length > 0) {
      printDiagnostics(inputs, io, { quiet })
      return 1
    }

    // Check the new manifest as a build would read it, beside the real one so
    // its relative paths resolve the same; the real one is replaced only then.
    const text = formatManifest(plan.manifest)
    const trial = path.join(path.dirname(loaded.manifest.file), `.manifest.strata-add-${process.pid}.json`)
    try {
      await writeAtomically(new Map([[trial, text]]))
      const checked = await loadManifest({ content: trial })
      const computed = checked.manifest ? await computeVersions(checked.manifest) : undefined
      if (!computed || computed.versions.length === 0) {
        const files = [checked.file, ...(computed?.files ?? [])]
        printDiagnostics(files, io, { quiet })
        io.stderr.write(`strata add: ${path.relative(process.cwd(), loaded.manifest.file)} is unchanged\n`)
        return 1
      }
      printDiagnostics(computed.files, io, { quiet })
    } finally {
      await rm(trial, { force: true })
    }
    await writeAtomically(new Map([[loaded.manifest.file, text]]))
    printPlan(plan, io)
    return 0
  },
}

/** What was added, one line a version, then what was skipped. */
function printPlan(plan: Plan, io: Io) {
  const revisions = [...new Set([...plan.added, ...plan.skipped].map((entry) => entry.revision))].sort((a, b) => a - b)
  for (const revision of revisions) {
    for (const added of plan.added.filter((entry) => entry.revision === revision)) {
      const parts = [`${added.patches} patch${added.patches === 1 ? '' : 'es'}`, `${added.replies} review repl${added.replies === 1 ? 'y' : 'ies'}`]
      io.stdout.write(`added ${added.document}@${added.id} (parent ${added.parent}${added.newDocument ? ', new document' : ''}): ${added.label}, ${parts.join(', ')}\n`)
    }
    for (const skipped of plan.skipped.filter((entry) => entry.revision === revision)) io.stdout.write(`skipped ${skipped.path}: ${skipped.reason} (${skipped.patch})\n`)
  }
}
