/**
 * `parseKernelDoc`: every kernel-doc comment of a C file and the declaration
 * after it, as plain entries; malformed comments become located warnings on
 * the file, never exceptions.
 */
import type { VFile } from 'vfile'
import type { KernelDocEntry } from '../../schema/kernel-doc.ts'
import { parseComment, parseMemberComment, type ParsedComment, type ParsedParam } from './body.ts'
import { commentLines } from './comment.ts'
import { readDeclaration, type Declaration } from './declaration.ts'
import { diagnosticRules } from '../../schema/diagnostic-rules.ts'
import { warn } from './report.ts'
import { findWord, pointAt, scanC, type CView, type CommentSpan } from './text.ts'

const { rules } = diagnosticRules.kernelDoc

/**
 * Parse the kernel-doc comments of a C header or source file.
 *
 * @param file
 *   The C file: `value` holds its text, `path` names it in `source.file`.
 * @returns
 *   The entries in file order. Comments that name nothing are left out (with
 *   a warning); a comment with no declaration after it is kept without a
 *   prototype (with a warning).
 */
export function parseKernelDoc(file: VFile): KernelDocEntry[] {
  const entries: KernelDocEntry[] = []
  try {
    collect(file, entries)
  } catch (error) {
    // A parser bug must not take the build down: keep what was read so far
    // and say so (the fuzz tests assert this never happens).
    warn(file, `kernel-doc parser failed, entries after this point are missing: ${String(error)}`, undefined, rules.internal)
  }
  return entries
}

/**
 * The parse proper: push the entries of `file` onto `entries`.
 *
 * @param file
 *   The C file.
 * @param entries
 *   Where to put them, in file order.
 */
function collect(file: VFile, entries: KernelDocEntry[]): void {
  const text = typeof file.value === 'string' ? file.value : new TextDecoder().decode(file.value ?? new Uint8Array())
  const view = scanC(text)
  const docs = view.comments.filter((span) => span.doc)
  const lines = new Map(docs.map((span) => [span, commentLines(text, span, view.lineStarts)]))
  const member = docs.map((span) => /^\s*@/.test(lines.get(span)!.find((line) => line.text.trim() !== '')?.text ?? ''))
  // Where each declaration must stop: the next comment that is not a member
  // comment (`/** @x: … */` inside a struct body belongs to the struct).
  const limits: number[] = []
  for (let k = docs.length - 1, next = text.length; k >= 0; k--) {
    limits[k] = next
    if (!member[k]) next = docs[k].start
  }
  const consumed = new Set<CommentSpan>()
  for (const [index, span] of docs.entries()) {
    if (consumed.has(span)) continue
    if (member[index]) {
      const first = lines.get(span)!.find((line) => line.text.trim() !== '')!
      warn(
        file,
        `Member comment \`${first.text.trim()}\` is not inside a struct, union or enum body: put it in the body or in the comment above the type`,
        { line: first.line, column: first.column },
        rules.noName,
      )
      continue
    }
    const parsed = parseComment(lines.get(span)!, file)
    if (!parsed) continue
    const startLine = pointAt(view.lineStarts, span.start).line
    const commentEnd = pointAt(view.lineStarts, Math.max(span.start, span.end - 1)).line
    const where = { file: file.path ?? '', startLine, endLine: commentEnd }
    if (parsed.head.kind === 'doc') {
      entries.push(entry(parsed, 'doc', parsed.head.name, where))
      continue
    }
    const declaration = readDeclaration(view.decl, span.end, limits[index])
    if (!declaration) {
      warn(
        file,
        `No declaration follows the kernel-doc comment for \`${label(parsed.head.kind, parsed.head.name)}\``,
        { line: commentEnd, column: 1 },
        rules.noDeclaration,
      )
      const kind = parsed.head.kind === 'function' ? 'function' : parsed.head.kind
      entries.push(entry(parsed, kind, parsed.head.name, where))
      continue
    }
    if (declaration.body) {
      for (let k = index + 1; k < docs.length && docs[k].start < declaration.body.close; k++) {
        const inner = docs[k]
        if (inner.start <= declaration.body.open) continue
        consumed.add(inner)
        parsed.params.push(...parseMemberComment(lines.get(inner)!, file))
      }
    }
    const name = nameOf(parsed, declaration, file)
    where.endLine = Math.max(commentEnd, pointAt(view.lineStarts, declaration.end).line)
    checkParams(parsed.params, declaration, name, view, file)
    entries.push({
      ...entry(parsed, kindOf(parsed, declaration), name, where),
      prototype: declaration.prototype,
      ...(declaration.attributes.length > 0 ? { attributes: declaration.attributes } : {}),
    })
  }
}

/**
 * @param parsed
 *   The comment.
 * @param kind
 *   The entry's kind.
 * @param name
 *   The entry's name.
 * @param source
 *   Where it is.
 * @returns
 *   The entry without prototype.
 */
function entry(
  parsed: ParsedComment,
  kind: KernelDocEntry['kind'],
  name: string,
  source: KernelDocEntry['source'],
): KernelDocEntry {
  return {
    kind,
    name,
    summary: parsed.head.summary,
    params: parsed.params.map((param) => ({ name: param.name, description: param.description })),
    ...(parsed.returns === undefined ? {} : { returns: parsed.returns }),
    ...(parsed.context === undefined ? {} : { context: parsed.context }),
    sections: parsed.sections,
    description: parsed.description,
    source,
  }
}

/**
 * The kind: the declaration's, except that a `typedef struct` documented as
 * `struct name` stays a struct.
 *
 * @param parsed
 *   The comment.
 * @param declaration
 *   What follows it.
 * @returns
 *   The entry's kind.
 */
function kindOf(parsed: ParsedComment, declaration: Declaration): KernelDocEntry['kind'] {
  const said = parsed.head.kind
  if (declaration.kind === 'typedef' && (said === 'struct' || said === 'union' || said === 'enum')) return said
  return declaration.kind
}

/**
 * The entry's name, warning as `scripts/kernel-doc` does when the comment
 * and the declaration disagree (then the declaration wins: it is what the
 * code has).
 *
 * @param parsed
 *   The comment.
 * @param declaration
 *   What follows it.
 * @param file
 *   For the warning.
 * @returns
 *   The name.
 */
function nameOf(parsed: ParsedComment, declaration: Declaration, file: VFile): string {
  const { head } = parsed
  const kindAgrees =
    head.kind === 'function'
      ? declaration.kind === 'function' || declaration.kind === 'macro' || declaration.kind === 'typedef'
      : head.kind === declaration.kind || declaration.kind === 'typedef'
  const nameAgrees = declaration.name === head.name || declaration.tag === head.name || declaration.name === ''
  if (kindAgrees && nameAgrees) return head.name
  const found = label(declaration.kind, declaration.name || declaration.tag || '?')
  warn(
    file,
    `Expected a declaration of \`${label(head.kind, head.name)}\` after the comment, found \`${found}\``,
    { line: head.line, column: head.column },
    rules.nameMismatch,
  )
  return declaration.name || head.name
}

/**
 * Compare the documented parameters or members with the declaration's.
 *
 * @param documented
 *   `@name:` lines of the comment (and of comments inside the body).
 * @param declaration
 *   What follows the comment.
 * @param name
 *   The entry's name, for the messages.
 * @param view
 *   The scanned file, to place missing ones.
 * @param file
 *   For the warnings.
 */
function checkParams(
  documented: readonly ParsedParam[],
  declaration: Declaration,
  name: string,
  view: CView,
  file: VFile,
): void {
  const what = {
    function: 'function parameter',
    macro: 'macro parameter',
    typedef: 'parameter',
    struct: 'struct member',
    union: 'union member',
    enum: 'enum constant',
  }[declaration.kind]
  const declared = declaration.params
  if (!declared) {
    if (declaration.kind === 'function') {
      warn(file, `Cannot read the prototype of \`${name}\` as a C function`, pointAt(view.lineStarts, declaration.start), rules.unparsedPrototype)
    }
    return
  }
  const covers = (doc: string, param: string) =>
    doc === param || (param.endsWith('...') && (doc === '...' || doc === param.slice(0, -3)))
  for (const doc of documented) {
    if (declared.some((param) => covers(doc.name, param)) || declaration.optional?.includes(doc.name)) continue
    warn(file, `Excess ${what} \`${doc.name}\` description in \`${name}\``, { line: doc.line, column: doc.column }, rules.excessParam)
  }
  for (const param of declared) {
    if (documented.some((doc) => covers(doc.name, param))) continue
    warn(file, `${capitalise(what)} \`${param}\` not described in \`${name}\``, locate(view, declaration, param), rules.missingParam)
  }
}

/**
 * @param view
 *   The scanned file.
 * @param declaration
 *   The declaration holding `param`.
 * @param param
 *   A parameter or member name.
 * @returns
 *   Where it is declared (the declaration's start when not found).
 */
function locate(view: CView, declaration: Declaration, param: string) {
  const slice = view.decl.slice(declaration.paramsFrom, declaration.end + 1)
  const at = findWord(slice, param)
  return pointAt(view.lineStarts, at === -1 ? declaration.start : declaration.paramsFrom + at)
}

/**
 * @param kind
 *   An entry kind.
 * @param name
 *   Its name.
 * @returns
 *   How kernel-doc writes it: `foo()`, `struct foo`.
 */
function label(kind: string, name: string): string {
  return kind === 'function' || kind === 'macro' ? `${name}()` : kind === 'doc' ? `DOC: ${name}` : `${kind} ${name}`
}

/**
 * @param text
 *   Some words.
 * @returns
 *   The words with the first letter upper case.
 */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
