/**
 * The folder a fuzz worker runs in, laid out to tempt every escape: a tree
 * with symbolic links out of it (as a directory on the way, as a target
 * file), an output folder with a link out of it, and an `outside` folder
 * holding a secret. After each input the outside must be as it was, nothing
 * may have appeared beside the known folders, and the secret may show in no
 * output (which would mean it was read).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { longDocument, longDocumentPath, type FuzzCorpus } from './inputs.ts'

/** Text that exists only outside the tree: seeing it in an output means a read escaped. */
export const secret = 'STRATA-FUZZ-SECRET-7c1f'

export interface Sandbox {
  root: string
  /** The tree patches apply to and includes resolve in. */
  tree: string
  /** The output folder of `strata apply --tree`. */
  out: string
  /** Where the patch under test is written. */
  patches: string
  /** The content folder of the build stage. */
  content: string
  outside: string
}

const known = ['content', 'out', 'outside', 'patches', 'tree']
/** Absolute paths a hostile input names: none may be created. */
const absoluteTargets = ['/tmp/strata-fuzz-abs.rst']

/**
 * Lay out the sandbox in an empty folder.
 *
 * @param root
 *   The folder (made by the supervisor, removed by it).
 */
export function createSandbox(root: string, corpus: FuzzCorpus): Sandbox {
  for (const name of readdirSync(root)) rmSync(path.join(root, name), { recursive: true, force: true })
  const box: Sandbox = { root, tree: path.join(root, 'tree'), out: path.join(root, 'out'), patches: path.join(root, 'patches'), content: path.join(root, 'content'), outside: path.join(root, 'outside') }
  for (const folder of [box.tree, box.out, box.patches, box.content, box.outside]) mkdirSync(folder)
  writeFileSync(path.join(box.outside, 'secret.rst'), `${secret}\n\nline 2\n`)
  writeFileSync(path.join(box.outside, 'secret.h'), `/**\n * secret() - ${secret}\n * @a: ${secret}\n */\nint secret(int a);\n`)
  resetTree(box, corpus)
  resetOut(box)
  const kernel = path.join(box.content, 'kernel')
  mkdirSync(path.join(kernel, 'include/linux'), { recursive: true })
  writeFileSync(path.join(kernel, 'include/linux/x.h'), '/**\n * x() - do x\n * @a: the a\n *\n * Context: Any context.\n */\nint x(int a);\n')
  symlinkSync(box.outside, path.join(kernel, 'link'))
  return box
}

/** Make the tree again: every corpus document at its path, plus the links out. */
export function resetTree(box: Sandbox, corpus: FuzzCorpus): void {
  rmSync(box.tree, { recursive: true, force: true })
  mkdirSync(box.tree)
  for (const doc of corpus.docs) {
    mkdirSync(path.dirname(path.join(box.tree, doc.path)), { recursive: true })
    writeFileSync(path.join(box.tree, doc.path), doc.text)
  }
  writeFileSync(path.join(box.tree, longDocumentPath), longDocument())
  writeFileSync(path.join(box.tree, 'part.rst'), 'An included *part*.\n')
  symlinkSync(box.outside, path.join(box.tree, 'link'))
  symlinkSync(path.join(box.outside, 'secret.rst'), path.join(box.tree, 'secret.rst'))
  symlinkSync(path.join(box.outside, 'secret.rst'), path.join(box.tree, 'Documentation/sym.rst'))
}

/** Empty the output folder, but for its link out. */
export function resetOut(box: Sandbox): void {
  rmSync(box.out, { recursive: true, force: true })
  mkdirSync(box.out)
  symlinkSync(box.outside, path.join(box.out, 'olink'))
}

/** Every file below a folder with its text; links are not followed (Node's recursive `readdir` follows them). */
function snapshot(folder: string, below = '', files = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(path.join(folder, below), { withFileTypes: true })) {
    const name = below ? `${below}/${entry.name}` : entry.name
    if (entry.isDirectory()) snapshot(folder, name, files)
    else if (entry.isFile()) files.set(name, readFileSync(path.join(folder, name), 'latin1'))
  }
  return files
}

/** What the outside holds before anything ran. */
export function outsideState(box: Sandbox): string {
  return JSON.stringify([...snapshot(box.outside)].sort())
}

/**
 * The escapes an input caused: writes outside (a changed outside folder, a
 * new entry beside the known folders, an absolute target), reads outside
 * (the secret in a written file).
 *
 * @param before
 *   `outsideState` from before the input.
 * @param written
 *   Folders whose files (links not followed) must not hold the secret.
 */
export function findEscapes(box: Sandbox, before: string, written: readonly string[]): string[] {
  const escapes: string[] = []
  if (outsideState(box) !== before) escapes.push('the outside folder changed (a write escaped)')
  const extra = readdirSync(box.root).filter((name) => !known.includes(name))
  if (extra.length > 0) escapes.push(`new entries beside the tree: ${extra.join(', ')}`)
  for (const target of absoluteTargets) {
    if (existsSync(target)) {
      rmSync(target, { force: true })
      escapes.push(`an absolute path was written: ${target}`)
    }
  }
  for (const folder of written) {
    for (const [name, text] of snapshot(folder)) {
      if (text.includes(secret)) escapes.push(`\`${name}\` holds text from outside the tree (a read escaped)`)
    }
  }
  return escapes
}
