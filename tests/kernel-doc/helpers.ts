import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'

/** The fixture kernel tree: a few small headers and one C file in the kernel's style. */
export const kernelTree = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/kernel-tree')

/**
 * @param relative
 *   A path inside the fixture tree.
 * @returns
 *   A VFile named by the tree-relative path, as the resolver makes them.
 */
export function fixture(relative: string): VFile {
  return new VFile({ path: relative, value: readFileSync(path.join(kernelTree, relative), 'utf8') })
}

/**
 * @param file
 *   A file after parsing.
 * @returns
 *   Its messages as `line:column ruleId reason`.
 */
export function messages(file: VFile): string[] {
  return file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)
}
