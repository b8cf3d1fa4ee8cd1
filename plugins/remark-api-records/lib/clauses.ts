/**
 * Clauses of a sentence. Rules read clauses, not whole sentences, so that
 * "its use is strongly discouraged … and the preceding functions should be
 * preferred" does not make the subject preferred, and so that a negation or
 * a condition stays with the statement it belongs to.
 */

export interface Clause {
  text: string
  /** The condition a leading "If …," or "On 64-bit systems," puts on the clauses after it. */
  condition?: string
}

/** A leading subordinate clause: "Although …, the CPU …". */
const leadingSubordinate = /^(?:although|though|while|since|if|when|whenever|unless|as said|as|once|because|after|before|until)\b[^,]*,\s*/i
/** A leading phrase that restricts what follows: a configuration, an architecture, a case. */
const leadingCondition = /^(?:(?:if|unless|when|whenever|once)\b[^,]*|(?:on|for|with|in|under)\s+(?:[\w`*+-]+\s+){0,4}?(?:systems?|kernels?|architectures?|arches|machines?|platforms?|configurations?|builds?|hardware|cpus?|CONFIG_\w+(?:=\w+)?)\b[^,]*|(?:with|when|if)\s+`*CONFIG_\w+[^,]*),\s*/i
/**
 * Where a clause ends and the next begins ("X() and its variants" is one noun phrase, not two clauses). A
 * "while" before a participle or a place ("called while holding the lock", "while in interrupt context") says
 * when the call is made, and stays with it.
 */
const clauseBreak = /;\s*|,?\s+\b(?=(?:but|because|since|while(?!\s+(?:[a-z]+ing|in|under|inside|within|with|still)\b)|whereas|although|though|unless|lest|otherwise|so that)\b)|,\s+(?=(?:and|so)\s+(?:it|its|this|these|they|their|the)\b)|\s+and\s+(?=(?:it|its|they|their)\b(?!\s+(?:variants?|friends|relatives|siblings|family)\b))/gi
/** A colon before a new statement ("Locking rules: caller locks …" is one clause, "Note: The …" two); case matters, so apart. */
const colonBreak = /:\s+(?=[A-Z`*])/g

/** The clauses of a sentence, as text. */
export function splitClauses(sentence: string): string[] {
  return readClauses(sentence).map((clause) => clause.text)
}

/** The clauses of a sentence, each with the condition that governs it. */
export function readClauses(sentence: string): Clause[] {
  let text = sentence
  const clauses: Clause[] = []
  let condition: string | undefined
  const conditional = leadingCondition.exec(text)
  const leading = conditional ?? leadingSubordinate.exec(text)
  if (leading) {
    const head = leading[0].replace(/,\s*$/, '')
    if (conditional && !/^(?:when|whenever|once)\b/i.test(head)) condition = head
    clauses.push({ text: head })
    text = text.slice(leading[0].length)
  }
  for (const piece of splitAt(text, clauseBreak)) {
    for (const part of piece.includes(':') ? splitAt(piece, colonBreak) : [piece]) {
      if (part.trim() === '') continue
      clauses.push(condition ? { text: part, condition } : { text: part })
    }
  }
  return clauses
}

/**
 * `text.split(breaks)` for breaks that are never empty, by one scan: `split`
 * with a regular expression builds a new one on every call, which costs more
 * than reading the sentence.
 */
function splitAt(text: string, breaks: RegExp): string[] {
  const pieces: string[] = []
  let from = 0
  // How deep in parentheses each break stands, counted as the scan goes: a semicolon inside them is C written
  // inline ("(equivalent of d_add(dentry, NULL); return NULL;)"), not the end of a clause.
  let depth = 0
  let counted = 0
  breaks.lastIndex = 0
  for (let found = breaks.exec(text); found; found = breaks.exec(text)) {
    for (; counted < found.index; counted++) depth += text[counted] === '(' ? 1 : text[counted] === ')' && depth > 0 ? -1 : 0
    if (depth > 0 && found[0].startsWith(';')) continue
    pieces.push(text.slice(from, found.index))
    from = found.index + found[0].length
  }
  pieces.push(text.slice(from))
  return pieces
}
