import { VFile } from 'vfile'

/** One file's messages as plain data, to pass from Astro's process to the CLI's. */
export interface SerialisedFile {
  path: string
  messages: Array<{
    reason: string
    line?: number
    column?: number
    fatal?: boolean | null
    ruleId?: string
    source?: string
    note?: string
  }>
}

/** The messages of processed files, as JSON-ready data. */
export function serialiseMessages(files: readonly VFile[]): SerialisedFile[] {
  return files.map((file) => ({
    path: file.path,
    messages: file.messages.map((message) => ({
      reason: message.reason,
      ...(message.line === undefined ? {} : { line: message.line, column: message.column }),
      fatal: message.fatal,
      ...(message.ruleId ? { ruleId: message.ruleId } : {}),
      ...(message.source ? { source: message.source } : {}),
      ...(message.note ? { note: message.note } : {}),
    })),
  }))
}

/**
 * Files with their messages again, from `serialiseMessages` output; anything
 * else (a file from elsewhere) gives no files.
 */
export function deserialiseMessages(data: unknown): VFile[] {
  if (!Array.isArray(data)) return []
  return data.flatMap((entry: SerialisedFile) => {
    if (typeof entry?.path !== 'string' || !Array.isArray(entry.messages)) return []
    const file = new VFile({ path: entry.path })
    for (const each of entry.messages) {
      const place = typeof each.line === 'number' ? { line: each.line, column: each.column ?? 1 } : undefined
      const message = file.message(String(each.reason), { place, ruleId: each.ruleId, source: each.source })
      message.fatal = each.fatal
      if (each.note) message.note = each.note
    }
    return [file]
  })
}
