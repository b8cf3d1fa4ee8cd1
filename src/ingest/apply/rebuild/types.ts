/** How sure an inference is: `high` when the structure leaves one reading, `low` when it is a guess. */
export type Confidence = 'high' | 'medium' | 'low'

/**
 * A place in a rebuilt line where more than one spelling is possible, the
 * preferred first. The file's blob id (from the patch's `index` line) can pick
 * among them later.
 */
export interface Alternatives {
  options: string[]
  /** The rule that produced them, for the report. */
  rule: string
  /**
   * Another place whose choice this one follows, option for option: a
   * continuation line is indented as the line it continues, whichever way
   * that one goes. Only places without `follows` are searched.
   */
  follows?: Alternatives
}

/** The place that makes the choice for `alternatives`. */
export function rootOf(alternatives: Alternatives): Alternatives {
  let root = alternatives
  while (root.follows) root = root.follows
  return root
}

/** A rebuilt line as fixed text and open choices, in order. */
export type Template = Array<string | Alternatives>

/** What was inferred about one rebuilt line, for `--report`. */
export interface Inference {
  indent: { rule: string; confidence: Confidence }
  spacing: { rule: string; confidence: Confidence }
  /** The weaker of the two. */
  confidence: Confidence
}

const order: Confidence[] = ['high', 'medium', 'low']

/** The weaker of two confidences. */
export function weaker(a: Confidence, b: Confidence): Confidence {
  return order[Math.max(order.indexOf(a), order.indexOf(b))]
}

/** Render a template with a choice per open place (0, the preferred, when absent). */
export function render(template: Template, pick: (alternatives: Alternatives) => number = () => 0): string {
  let out = ''
  for (const part of template) out += typeof part === 'string' ? part : part.options[pick(rootOf(part))] ?? part.options[0]
  return out
}
