import { z } from 'zod'

/**
 * The content manifest (`content/manifest.json`): which documents Strata
 * builds and the versions of each. A version is a base file, or a parent
 * version plus an ordered list of patches; several patch revisions from one
 * parent (a series' v1, v2, v3) are sibling versions.
 */

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, `.`, `_` and `-` (it becomes part of URLs)')

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'use an ISO 8601 date such as `2022-12-11`')

export const versionSchema = z
  .object({
    /** Unique within its document, used in URLs: `v6.1`, `kmap-notes-v1`. */
    id,
    /** Shown to readers; a patched version defaults to its (last) patch's subject. */
    label: z.string().min(1).optional(),
    /** ISO 8601; a patched version defaults to its (last) patch's date. */
    date: date.optional(),
    /**
     * The base file, relative to the corpus folder. Defaults to the document's
     * `path` when the version has no parent.
     */
    base: z.string().min(1).optional(),
    /** The version this one patches. */
    parent: id.optional(),
    /** Patch files applied in order to the parent, relative to the manifest. */
    patches: z.array(z.string().min(1)).min(1).optional(),
    /**
     * When a patch file is a mailbox holding several revisions of a series (a
     * thread from `b4 mbox`), the revision this version takes: `2` for
     * `[PATCH v2 n/N]`. Replies and cover letters are never applied.
     */
    revision: z.number().int().min(1).optional(),
    /**
     * Mail files (or mailboxes) holding the review of this version, relative to
     * the manifest: the replies whose `In-Reply-To`/`References` chain reaches
     * one of its patches (or their cover letter) are shown beside the diff.
     */
    replies: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((version) => !(version.base && version.parent), { message: 'a version has a `base` or a `parent`, not both' })
  .refine((version) => Boolean(version.parent) === Boolean(version.patches), {
    message: 'a version with a `parent` needs `patches`, and `patches` need a `parent`',
  })
  .refine((version) => version.patches || (!version.revision && !version.replies), {
    message: '`revision` and `replies` belong to a version made from `patches`',
  })

export const documentSchema = z
  .object({
    /** Unique, used in URLs: `mm/highmem`. */
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'use letters, digits, `.`, `_`, `-` and `/`'),
    /** Path of the document in a kernel tree (`Documentation/mm/highmem.rst`); patches name it so. */
    path: z.string().min(1),
    /** Shown to readers; defaults to the document's own title. */
    title: z.string().min(1).optional(),
    versions: z.array(versionSchema).min(1),
  })
  .strict()

/**
 * A folder of documents that share their versions: every `.rst` file below
 * `folder` (relative to the corpus) becomes a document whose id is `id/` plus
 * its path below the folder without `.rst`. A version with patches applies
 * them to the documents they touch; the others keep their parent's text.
 */
export const folderSchema = z
  .object({
    /** The folder, relative to the corpus: `Documentation/mm`. */
    folder: z.string().min(1),
    /** The id prefix of its documents (default: the folder without a leading `Documentation/`). */
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'use letters, digits, `.`, `_`, `-` and `/`').optional(),
    versions: z.array(versionSchema.refine((version) => !version.base, { message: 'versions of a folder read their base from the corpus: no `base`' })).min(1),
  })
  .strict()

export const manifestSchema = z
  .object({
    $schema: z.string().optional(),
    /** The kernel tree (or a part of one) that base files are read from, relative to the manifest. `--corpus` overrides it. */
    corpus: z.string().min(1),
    /** A kernel tree for `kernel-doc` directives, relative to the manifest. `--kernel-tree` overrides it. */
    kernelTree: z.string().min(1).optional(),
    documents: z.array(z.union([documentSchema, folderSchema])).min(1),
  })
  .strict()

export type ManifestInput = z.input<typeof manifestSchema>
export type Manifest = z.infer<typeof manifestSchema>
export type DocumentEntry = z.infer<typeof documentSchema>
