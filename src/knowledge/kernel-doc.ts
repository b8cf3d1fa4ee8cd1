import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { fieldsFromFacts, kernelDocFacts, type ApiRecord } from '../../plugins/remark-api-records/index.ts'
import type { KernelDocOutcome } from '../../plugins/remark-kernel-doc/index.ts'
import type { Directive } from '../../plugins/rst-parse/index.ts'
import { resolveKernelDoc, type KernelDocEntry } from '../ingest/kernel-doc/index.ts'

/**
 * Resolve every `kernel-doc` directive of a document against the kernel tree
 * (the I/O edge of the pipeline) and put the outcome on the node for
 * `remarkKernelDoc`. Returns the entries found and the C files read, which
 * carry the kernel-doc parser's warnings.
 */
export async function resolveKernelDocDirectives(
  tree: Root,
  kernelTree: string | undefined,
  file: VFile,
): Promise<{ entries: KernelDocEntry[]; sources: VFile[] }> {
  const nodes: Directive[] = []
  visit(tree, 'directive', (node: Directive) => {
    if (node.name === 'kernel-doc') nodes.push(node)
  })
  // A file named by many directives is parsed once: its entries and its file come back the same each time, and count once.
  const entries = new Set<KernelDocEntry>()
  const sources = new Set<VFile>()
  const files = new Map()
  for (const node of nodes) {
    const result = await resolveKernelDoc({ argument: node.argument, options: node.options, position: node.position }, kernelTree, file, files)
    let outcome: KernelDocOutcome
    if (result.status === 'resolved') {
      for (const entry of result.entries) entries.add(entry)
      if (result.source.messages.length > 0) sources.add(result.source)
      outcome = { status: 'resolved', path: result.path, entries: result.entries }
    } else outcome = result
    node.data = { ...node.data, kernelDoc: outcome }
  }
  return { entries: [...entries], sources: [...sources] }
}

/**
 * Merge kernel-doc entries into the records: the signature, parameters,
 * `Return:` and `Context:` of an API the document describes or mentions, and a
 * record of its own for an API only the C file documents.
 */
export function mergeKernelDoc(records: ApiRecord[], entries: readonly KernelDocEntry[], where: { document: string; version: string; path: string }): ApiRecord[] {
  const byName = new Map(records.map((record) => [record.name, record]))
  for (const entry of entries) {
    if (entry.kind === 'doc') continue
    const kind = entry.kind === 'function' ? 'function' : entry.kind === 'macro' ? 'macro' : 'type'
    let record = byName.get(entry.name)
    if (!record) {
      record = {
        name: entry.name,
        kind,
        document: where.document,
        version: where.version,
        status: /\b__deprecated\b/.test((entry.attributes ?? []).join(' ')) ? 'deprecated' : 'available',
        described: true,
        replacement: [],
        unmap: null,
        contexts: [],
        forbiddenContexts: [],
        effects: [],
        locking: [],
        returnValues: [],
        release: null,
        since: null,
        summary: entry.summary,
        notes: [],
        legacy: null,
        related: [],
        mentions: [],
        text: [entry.summary, entry.description].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim(),
        source: { file: entry.source.file, startLine: entry.source.startLine, endLine: entry.source.endLine },
        facts: [],
      }
      byName.set(entry.name, record)
      records.push(record)
    }
    if (entry.prototype) record.signature = entry.prototype
    if (entry.params.length > 0) record.parameters = entry.params.map(({ name, description }) => ({ name, description }))
    if (entry.returns) record.returns = entry.returns
    if (entry.context) record.contextDoc = entry.context
    if (!record.summary && entry.summary) record.summary = entry.summary
    // `Context:` and `Return:` are structured facts: read them, and derive the record's fields again from all its facts.
    const facts = kernelDocFacts({ name: entry.name, context: entry.context, returns: entry.returns, file: entry.source.file, line: entry.source.startLine })
    if (facts.length > 0) {
      const seen = new Set(record.facts.map((fact) => `${fact.field}\0${fact.value}`))
      record.facts.push(...facts.filter((fact) => !seen.has(`${fact.field}\0${fact.value}`)))
      const attributed = record.status
      Object.assign(record, fieldsFromFacts(record.facts))
      // A `__deprecated` attribute is no sentence; it still stands.
      if (record.status === 'available') record.status = attributed
    }
  }
  return records.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}
