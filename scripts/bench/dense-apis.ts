/**
 * Documents dense with distinct APIs, of about `size` bytes each: the shapes
 * where a records stage that looks up each API's block, sentences or facts
 * by scanning all of them turns quadratic. Kernel documents come close (a
 * table of a few hundred helpers, porting.rst's hundreds of sections); these
 * push it to tens of thousands. The bench times them and the fuzzer feeds
 * them to the records stage.
 */

/** Repeat `unit` with a rising index until the text reaches `size` bytes. */
function numbered(size: number, unit: (index: number) => string, head = ''): string {
  const parts = [head]
  let length = head.length
  for (let index = 0; length < size; index++) {
    const part = unit(index)
    parts.push(part)
    length += part.length
  }
  return parts.join('')
}

const underline = (title: string, char: string) => `${title}\n${char.repeat(title.length)}\n\n`

/** The dense shapes by name. */
export const denseApiInputs: Record<string, (size: number) => string> = {
  'list items each led by an API': (size) => numbered(size, (index) => `- helper_${index}() may sleep and returns NULL on failure.\n`),
  'sections titled by APIs in a deprecated document': (size) =>
    numbered(size, (index) => `${underline(`helper_${index}()`, '-')}Use helper_${index + 1}() instead; it must be called with the zone lock held.\n\n`, underline('Deprecated interfaces', '=')),
  'definition list of APIs': (size) => numbered(size, (index) => `helper_${index}()\n   Returns -ENOMEM if no memory is left; the caller must hold rcu_read_lock().\n`),
  'prototype blocks': (size) => numbered(size, (index) => `The mapping is obtained with one call::\n\n    void *helper_${index}(struct page *page);\n\n`),
  'methods described, each followed by what all callbacks may do': (size) =>
    numbered(size, (index) => `- @method_${index}:\n\tCalled to do ${index}.\n\nAll callbacks are called from a task context. You may sleep.\n\n`),
  'one paragraph of facts about many APIs': (size) =>
    numbered(size, (index) => `helper_${index % 997}() is deprecated in favour of helper_local_${index % 89}(), and the caller must not sleep; `),
}
