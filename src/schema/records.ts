import { z } from 'zod'

/**
 * The API record: what a kernel developer looks up about one API in one
 * version of a document. Every derived value is backed by a `fact` naming the
 * sentence of the source that states it. This schema is the public JSON shape;
 * `npm run schema` emits it as JSON Schema (`content/schema/api-record.schema.json`).
 */

/**
 * Version of the record shape. 2: `removed` status, `callback` and `member` kinds, process,
 * softirq, NMI and irqs-disabled contexts, `forbiddenContexts`, `locking`,
 * `returnValues`, `release`, `since`, and a `condition` and `file` on facts.
 */
export const recordSchemaVersion = 2

export const statuses = ['preferred', 'available', 'discouraged', 'deprecated', 'removed'] as const
/** `callback`: a method of an operations structure (`->lookup()`); `member`: a structure member or parameter documented as an interface. */
export const kinds = ['function', 'macro', 'type', 'config', 'callback', 'member'] as const
/** Calling contexts. `preemptible` is process context with preemption enabled; `irqs-disabled` is any context with interrupts off. */
export const contexts = ['any', 'process', 'preemptible', 'softirq', 'interrupt', 'nmi', 'atomic', 'irqs-disabled'] as const
export const lockRules = ['holds', 'not-held', 'takes', 'releases'] as const
export const effects = [
  'disables-preemption',
  'disables-pagefaults',
  'disables-migration',
  'may-sleep',
  'no-sleep',
  'takes-global-lock',
  'flushes-tlb',
  'thread-local',
  'cpu-local',
  'stack-ordered',
] as const

export const factSchema = z
  .object({
    /** The record field the fact backs: `status`, `replacement`, `unmap`, `contexts`, `effects`, `notes`, `legacy`. */
    field: z.string(),
    /** The value it gives that field (one array element for array fields). */
    value: z.string(),
    /** The sentence of the source that states it, as written (whitespace folded). */
    sentence: z.string(),
    /** 1-based line of the source where the sentence starts. */
    line: z.number().int().positive(),
    /** The condition the sentence puts on the fact ("On 64-bit systems", "if CONFIG_X is set"), as written. */
    condition: z.string().optional(),
    /** The file the sentence stands in when it is not the document: the C file of a kernel-doc comment. */
    file: z.string().optional(),
  })
  .strict()

export const lockingSchema = z
  .object({
    /** The lock, as an identifier: `mmap_lock`, `rcu_read_lock`, `i_rwsem`; words joined with `_` where the text names none. */
    lock: z.string().min(1),
    /** `holds`: the caller holds it (a callback: is called with it held); `not-held`: must not hold it; `takes`/`releases`: the API acquires or drops it. */
    rule: z.enum(lockRules),
  })
  .strict()

export const returnValueSchema = z
  .object({
    /** The value as written: `NULL`, `-ENOMEM`, `0`, `true`, `ERR_PTR`, `-errno` for "a negative error code". */
    value: z.string().min(1),
    /** When it is returned ("on failure"), if the text says. */
    condition: z.string().optional(),
  })
  .strict()

export const sourceSchema = z
  .object({
    /** The document's path in the kernel tree. */
    file: z.string(),
    startLine: z.number().int().positive(),
    endLine: z.number().int().positive(),
  })
  .strict()

export const parameterSchema = z.object({ name: z.string(), description: z.string() }).strict()

export const apiRecordSchema = z
  .object({
    name: z.string().min(1).describe('The API, without parentheses: `kmap_atomic`.'),
    kind: z.enum(kinds),
    document: z.string().describe('The document id from the content manifest.'),
    version: z.string().describe('The version id.'),
    status: z.enum(statuses),
    described: z.boolean().describe('`true` when the document describes the API, `false` when it only mentions it.'),
    replacement: z.array(z.string()).describe('APIs to use instead; empty when none.'),
    unmap: z.string().nullable().describe('The function that releases what this one maps, where the document pairs them.'),
    contexts: z.array(z.enum(contexts)).describe('Where it may be called.'),
    forbiddenContexts: z.array(z.enum(contexts)).describe('Where it must not be called ("must not be called from interrupt context").'),
    effects: z.array(z.enum(effects)).describe('What it does to the caller.'),
    locking: z.array(lockingSchema).describe('Locks the caller must or must not hold, and locks the API takes or drops.'),
    returnValues: z.array(returnValueSchema).describe('Values the text says it returns.'),
    release: z.string().nullable().describe('The API that releases, unlocks, frees or ends what this one acquires, where the document pairs them (`unmap` too, for a mapping).'),
    since: z.string().nullable().describe('The version or commit the document says its status or existence dates from.'),
    summary: z.string(),
    notes: z.array(z.string()).describe('`NOTE:` paragraphs and note admonitions in its description.'),
    legacy: z.string().nullable().describe('Text under a "[Legacy documentation]" marker.'),
    related: z.array(z.string()).describe('Other APIs its description mentions.'),
    mentions: z.array(z.object({ line: z.number().int().positive(), column: z.number().int().positive() }).strict()),
    text: z.string().describe('The whole description, whitespace folded (for comparison and search).'),
    source: sourceSchema,
    facts: z.array(factSchema),
    signature: z.string().optional().describe('The C prototype, from kernel-doc.'),
    parameters: z.array(parameterSchema).optional(),
    returns: z.string().optional(),
    contextDoc: z.string().optional().describe('The kernel-doc `Context:` section.'),
  })
  .strict()

export type Status = (typeof statuses)[number]
export type Kind = (typeof kinds)[number]
export type CallingContext = (typeof contexts)[number]
export type LockRule = (typeof lockRules)[number]
export type Locking = z.infer<typeof lockingSchema>
export type ReturnValue = z.infer<typeof returnValueSchema>
export type Effect = (typeof effects)[number]
export type Fact = z.infer<typeof factSchema>
export type ApiRecord = z.infer<typeof apiRecordSchema>

/** The record schema as JSON Schema, for users outside TypeScript. */
export function apiRecordJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(z.array(apiRecordSchema), { target: 'draft-2020-12' }),
    title: 'Strata API records',
    description: `API records, shape version ${recordSchemaVersion}: removed status, callback kind, forbiddenContexts, locking, returnValues, release, since and fact conditions and files are new in version 2.`,
  }
}
