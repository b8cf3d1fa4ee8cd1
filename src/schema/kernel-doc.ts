/**
 * The shape of one kernel-doc entry, declared once as a zod schema so that the
 * loader, the pages and the JSON export share one inferred type instead of
 * hand-written copies (STYLE.md, "One zod schema gives both types").
 */
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { z } from 'zod'

/** What a kernel-doc comment documents, named as `scripts/kernel-doc` names it (`DOC:` blocks are `doc`). */
export const kernelDocKinds = ['function', 'macro', 'struct', 'union', 'enum', 'typedef', 'doc'] as const

/** One `@name: description` of a function, macro or typedef parameter, or a struct, union or enum member. */
export const kernelDocParamSchema = z.object({
  /** As written after `@`: `page`, `...` for varargs, `u.addr` for a nested member. */
  name: z.string(),
  /** The description, continuation lines dedented, paragraphs kept. */
  description: z.string(),
})

/** A titled section other than `Return:` and `Context:` (`Note:`, `Example:`, …). */
export const kernelDocSectionSchema = z.object({
  /** The title as written, without the colon. */
  title: z.string(),
  body: z.string(),
})

export const kernelDocEntrySchema = z.object({
  kind: z.enum(kernelDocKinds),
  /** The declared name (`kmap_local_page`, `kunmap_local`, `page_frag`); the title of a `DOC:` block. */
  name: z.string(),
  /** The one-line description after `name -`; empty for `DOC:` blocks. */
  summary: z.string(),
  /** Parameters, or members of a struct, union or enum, in the comment's order. */
  params: z.array(kernelDocParamSchema),
  /** The `Return:` / `Returns:` section. */
  returns: z.string().optional(),
  /** The `Context:` section: where the API may be called (locks held, may sleep, …). */
  context: z.string().optional(),
  /** Every other titled section, in order. */
  sections: z.array(kernelDocSectionSchema),
  /** The free-form text, ` * ` prefixes stripped, paragraphs kept, not reflowed. */
  description: z.string(),
  /**
   * The declaration after the comment. Functions: one line, storage classes and
   * attributes dropped (`void *kmap_local_page(struct page *page)`). Macros:
   * `#define name(args)`. Structs, unions and enums: the definition with its
   * comments and private members removed. Typedefs: the declaration on one line.
   */
  prototype: z.string().optional(),
  /**
   * Function attributes the prototype carried that matter to a caller
   * (`__must_check`, `__printf(2, 3)`, `__deprecated`); absent when none.
   * Storage classes and inlining hints (`static inline`) are not kept.
   */
  attributes: z.array(z.string()).optional(),
  /** Where the entry is: the comment and its declaration, 1-based lines. */
  source: z.object({
    file: z.string(),
    startLine: z.number().int().positive(),
    endLine: z.number().int().positive(),
  }),
})

export type KernelDocKind = (typeof kernelDocKinds)[number]
export type KernelDocParam = z.infer<typeof kernelDocParamSchema>
export type KernelDocSection = z.infer<typeof kernelDocSectionSchema>
export type KernelDocEntry = z.infer<typeof kernelDocEntrySchema>

/**
 * The part of a `.. kernel-doc::` directive the resolver needs. The reST
 * parser's `directive` node fits this shape as it is.
 */
export interface KernelDocDirective {
  /** The path after `::`, relative to the kernel tree (`include/linux/highmem.h`). */
  argument: string
  /** `functions`, `identifiers`, `no-identifiers`, `export`, `internal`, `doc`; flags map to `''`. */
  options: Readonly<Record<string, string>>
  /** Where the directive is in the document, for warnings. */
  position?: Position | undefined
}

/** The outcome of resolving one directive. */
export type KernelDocResult =
  | {
      status: 'resolved'
      /** The tree-relative path that was read. */
      path: string
      /** The selected entries, in the order the options ask for. */
      entries: KernelDocEntry[]
      /** The C file as read, carrying the parser's warnings (located in the C file). */
      source: VFile
    }
  | {
      /** `no-tree`: Strata ran without `--kernel-tree`; `missing`: the path is absent from the tree or leaves it. */
      status: 'no-tree' | 'missing'
      path: string
      /** Plain text to show on the site in place of the API documentation. */
      message: string
    }
