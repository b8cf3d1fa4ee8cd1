/**
 * Sphinx on the same corpus as a Strata build: a minimal `conf.py` and a
 * tree of toctree indexes written into the corpus's `Documentation/` folder,
 * for `sphinx-build -b html Documentation OUT`.
 *
 * No kernel extensions: `conf.py` registers the kernel's own directives
 * (`kernel-doc`, `kernel-feat`, `kernel-abi`, `kernel-include`, `maintainers-include`,
 * `kernel-figure`, `kernel-image`, `kernel-render`, `flat-table`,
 * `cdomain`-style extras) as no-op directives that accept any arguments and
 * content, so Sphinx skips them instead of reporting errors. The kernel's
 * build would run kernel-doc (a Perl script reading C sources) there;
 * Strata's build without `--kernel-tree` skips them too, so both do the same
 * work. Sphinx runs serially (no `-j`), as Strata's build does, with
 * `-q` and a fresh output and doctree folder each run.
 */
import { execFile } from 'node:child_process'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

/** Directives of the kernel's Sphinx extensions, registered as no-ops. */
export const kernelDirectives = [
  'kernel-doc',
  'kernel-feat',
  'kernel-abi',
  'kernel-include',
  'maintainers-include',
  'kernel-figure',
  'kernel-image',
  'kernel-render',
  'flat-table',
  'kfigure',
]

/** `conf.py` for the benchmark. */
export const confPy = `# Written by scripts/bench/sphinx.ts: a minimal configuration for
# benchmarking sphinx-build -b html on a generated corpus. No kernel
# extensions; their directives are registered as no-ops below.
from docutils.parsers.rst import Directive, directives

project = 'strata-bench'
master_doc = 'index'
extensions = []
html_theme = 'alabaster'
html_copy_source = False
html_show_sourcelink = False
primary_domain = 'c'
highlight_language = 'none'
exclude_patterns = ['_build']


class NoOp(Directive):
    """Accepts any arguments, options and content and produces nothing."""
    required_arguments = 0
    optional_arguments = 100
    final_argument_whitespace = True
    has_content = True

    class _AnyOptions(dict):
        def __missing__(self, key):
            return directives.unchanged

        def __contains__(self, key):
            return True

    option_spec = _AnyOptions()

    def run(self):
        return []


def setup(app):
    for name in ${JSON.stringify(kernelDirectives)}:
        app.add_directive(name, NoOp)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
`

/** The most documents one toctree lists, about what a kernel subsystem index lists (`mm/index.rst` has 40). */
export const toctreeSize = 50

/**
 * Where the section indexes go: a folder of their own, so that Strata, which
 * reads the corpus's document folders, never sees them, and a second run
 * does not take them for documents.
 */
const sectionFolder = 'sphinx-sections'

/**
 * Write `conf.py`, and indexes that put every document in a toctree the way
 * the kernel does: `index.rst` lists one section index per folder (split in
 * parts of at most `toctreeSize` documents), and each section lists its
 * documents.
 *
 * Why not one flat toctree of every document: alabaster's sidebar repeats
 * the whole toctree on every page, so a flat list of N documents makes
 * Sphinx write N links on each of N pages. At 1,000 documents that took
 * 18 minutes and 128 kB of sidebar per page: a cost of the benchmark's set-up,
 * not of Sphinx as the kernel uses it (its `Documentation/index.rst` nests
 * subsystem indexes).
 *
 * @param documentation
 *   The `Documentation` folder of a generated corpus (Sphinx's source folder).
 */
export async function writeSphinxProject(documentation: string): Promise<void> {
  await writeFile(path.join(documentation, 'conf.py'), confPy)
  const documents = (await readdir(documentation, { recursive: true }))
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.rst') && file !== 'index.rst' && !file.startsWith(`${sectionFolder}/`))
    .sort()
  const byFolder = new Map<string, string[]>()
  for (const file of documents) {
    const folder = path.posix.dirname(file)
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), `/${file.slice(0, -'.rst'.length)}`])
  }
  await rm(path.join(documentation, sectionFolder), { recursive: true, force: true })
  await mkdir(path.join(documentation, sectionFolder))
  const sections: string[] = []
  for (const [folder, names] of byFolder) {
    for (let start = 0, part = 1; start < names.length; start += toctreeSize, part++) {
      const name = `${sectionFolder}/${folder.replaceAll('/', '-')}-${part}`
      await writeFile(path.join(documentation, `${name}.rst`), toctree(`${folder} (part ${part})`, names.slice(start, start + toctreeSize)))
      sections.push(name)
    }
  }
  await writeFile(path.join(documentation, 'index.rst'), toctree('Strata benchmark corpus', sections))
}

/** A page with a title and a `maxdepth: 1` toctree of the given entries. */
function toctree(title: string, entries: readonly string[]): string {
  return `${title}\n${'='.repeat(title.length)}\n\n.. toctree::\n   :maxdepth: 1\n\n${entries.map((entry) => `   ${entry}\n`).join('')}`
}

/**
 * The `sphinx-build` to use: `$SPHINX_BUILD`, else `sphinx-build` on PATH,
 * provided it runs.
 *
 * @returns
 *   The command and its version, or why there is none.
 */
export async function findSphinx(): Promise<{ ok: true; command: string; version: string } | { ok: false; reason: string }> {
  const command = process.env.SPHINX_BUILD || 'sphinx-build'
  try {
    const { stdout, stderr } = await execFileAsync(command, ['--version'])
    return { ok: true, command, version: (stdout || stderr).trim() }
  } catch {
    return { ok: false, reason: 'sphinx-build not installed' }
  }
}

/**
 * Arguments of one Sphinx HTML build.
 *
 * @returns
 *   Arguments after the command.
 */
export function sphinxArguments(documentation: string, out: string, doctrees: string): string[] {
  return ['-b', 'html', '-q', '-E', '-d', doctrees, documentation, out]
}
