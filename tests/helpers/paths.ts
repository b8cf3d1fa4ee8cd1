import { fileURLToPath } from 'node:url'
import path from 'node:path'

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** `../shared` beside the checkout: the data tests read by path. */
export const shared = path.resolve(repoRoot, '..', 'shared')

export const corpus = {
  highmem: path.join(shared, 'corpus/linux-v6.1/Documentation/mm/highmem.rst'),
  seed: path.join(shared, 'seeds/000_42b78d77d17fb680.txt'),
  mail: path.join(shared, 'corpus/patches/kmap-conversion-notes-v1.eml'),
  docs: path.join(shared, 'corpus/linux-docs/Documentation/mm'),
}
