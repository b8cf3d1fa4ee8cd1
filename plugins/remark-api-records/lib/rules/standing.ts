import type { Status } from '../../../../src/schema/records.ts'
import { groupBefore, objectAt, subjectAt, type ReadClause, ownTopic } from '../subjects.ts'
import { factsFor, hedge, matches, mayMatch, needed, negatedBefore, type ClauseRule, type Derived, type SentenceState } from './derived.ts'

/**
 * Status and replacement: what kernel authors write when an interface is
 * removed, deprecated, advised against or recommended, and what to use
 * instead. A phrase's subject is found the way `subjects.ts` reads clauses;
 * an imperative ("do not use X", "prefer X over Y") takes its object.
 */

/** Phrases whose subject takes a status. */
/** Each with the words it cannot match without (`mayMatch`). */
const subjectPhrases: Array<{ status: Status; needs: RegExp; pattern: RegExp }> = [
  {
    status: 'removed',
    needs: needed('remov', 'drop', 'delet', 'kill', 'retir', 'ripped', 'gone', 'no more', 'exist', 'went away', 'static', 'no longer'),
    pattern:
      /\b(?:(?:has|have) (?:now |since |long since )?been|(?:was|were)(?: (?:later|since|eventually|finally|then))?) (?:removed|dropped|deleted|killed|retired|ripped out)\b(?! from (?!(?:the )?(?:kernel|tree|mainline|linux|source)))|\b(?:is|are) (?:now |long )?gone\b|\b(?:is|are) no more\b|\bno longer exists?\b|\b(?:does|do|did) not exist any ?(?:more|longer)\b|\bdoesn't exist any ?(?:more|longer)\b|\b(?:has|have) gone away\b|\bwent away\b|\b(?:has|have) become static\b|\b(?:is|are) no longer (?:exported|available|provided)\b/i,
  },
  {
    status: 'deprecated',
    needs: needed('deprecat', 'obsolet', 'going away', 'remov', 'go away', 'new code', 'no longer', 'not be used any', 'legacy', 'replaced', 'superseded'),
    pattern:
      /\b(?:has|have) (?:now |also |long )?been (?:deprecated|obsoleted)\b|\b(?:is|are|was|were) (?:now |also |being |officially |considered |long )?(?:deprecated|obsolete)\b|\bdeprecated in favou?r of\b|\b(?:is|are|will be) going away\b|\bwill (?:be removed|go away|be deprecated)\b|\b(?:is|are) (?:scheduled|slated|queued) for removal\b|\b(?:should|must) not be used (?:in|by|for) new code\b|\b(?:should|must) no longer be used\b|\b(?:should|must) not be used any ?(?:more|longer)\b|\bis(?: now)? legacy\b|\b(?:is|are|was|were|has been|have been)\s+(?:now\s+|since\s+|also\s+)?(?:replaced|superseded)\s+(?:by|with)\b/i,
  },
  {
    status: 'discouraged',
    needs: needed('discouraged', 'avoided', 'be used', 'be called', 'not recommended', 'bad idea', 'restricted'),
    pattern:
      /\b(?:is|are) (?:strongly |highly |now |very much |generally )?discouraged\b|\bshould (?:generally |really )?be avoided\b|\b(?:should|must) (?:not|never) be (?:used|called)(?! (?:in|by|for) new code)(?!\s+(?:to|from|in|inside|within|with|while|under|without|on|before|after|outside|by|for|unless|if|when|during|until|as|at|again|twice|more|on|except|concurrently|simultaneously|together)\b)|\b(?:is|are) not recommended\b|\b(?:is|are) (?:a )?bad idea\b|\bshould (?:only )?be used (?:only )?(?:if you have a (?:very )?good reason|with (?:great )?(?:moderation|care|caution)|sparingly|rarely|as a last resort)\b|\b(?:should|must) be restricted to\b/i,
  },
  {
    status: 'preferred',
    needs: needed('instead', 'be used', 'preferred', 'recommended', 'required'),
    pattern:
      /\bshould (?:always |generally )?be (?:used|preferred) instead\b|\bshould always be used\b|\bshould be preferred\b|\b(?:is|are) (?:now |also )?(?:the )?(?:preferred|recommended)\b(?! (?:to|for) )|\b(?:is|are) (?:strongly |highly )?recommended\b(?!\s+to\s)|\b(?:must|should) (?:always )?be used\b(?!\s+(?:to|for|with|by|on|only|when|if|in(?! preference| order to)|as|at|from|inside|within|before|after|under|while|together)\b)|\bmust (?:always )?be used to\b|\b(?:is|are) (?:now )?required\b(?!\s+(?:to|for|by|when|if|in|on|with)\b)|\b(?:is|are) to be used instead\b/i,
  },
]

/** Imperatives whose object takes a status. */
const objectPhrases: Array<{ status: Status; pattern: RegExp }> = [
  { status: 'deprecated', pattern: /\b(?:do not|don't|never) (?:use|call)\b/i },
  { status: 'discouraged', pattern: /\bavoid (?:the use of|using|calling)\b|\bavoid\b|\btry not to use\b|\b(?:should|must) (?:not|never) (?:normally |generally |usually |ever )?(?:use|call)\b/i },
  // "use X" as an imperative only: at the start of its clause; "writers can just use X" permits, it does not recommend.
  { status: 'preferred', pattern: /^\s*instead\b,?[^;]{0,120}?\b(?:you )?should (?:call|use)\b|\b(?:prefer|should (?:always |generally |really |probably )?(?:use|be using)|consider (?:using|implementing)|(?:is|are) (?:strongly )?encouraged to use|(?:is|are) advised to use|it is (?:better|best) to use|preferably use|take advantage of|switch to|convert to|migrate to)\b|^\s*(?:[-*]\s+)?(?:(?:please|always|instead|so|now|otherwise|then)\s*(?:\([^)]{0,80}\)\s*)?,?\s+)?use\b/i },
]

/** The strongest status the facts so far give. */
function derivedStatus(derived: Derived[]): Status | undefined {
  const statuses = derived.filter((fact) => fact.field === 'status').map((fact) => fact.value as Status)
  return (['removed', 'deprecated', 'discouraged', 'preferred'] as const).find((status) => statuses.includes(status))
}

/** A use constraint after the object: "do not use X from interrupt context" restricts, it does not deprecate. */
const constraintAfter = /^\s*[`*()]*\s*(?:to|for|from|with|while|when|if|unless|on|inside|outside|under|within|without|during|before|after|unless|in(?! new code)|here|there|directly|twice|again|more than once|concurrently|recursively|repeatedly)\b/i

/** Whether the stretch before a phrase negates or hedges it. */
function undone(clause: ReadClause, at: number): boolean {
  return negatedBefore(clause.text, at, 60) || hedge.test(clause.text.slice(Math.max(0, at - 60), at))
}

const question = /\?\s*$/

/** A clause that opens by setting itself against the one before. */
const contrast = /^\W*but\b/i

function readStatus(clause: ReadClause, derived: Derived[], state: SentenceState): void {
  for (const { status, needs, pattern } of subjectPhrases) {
    if (!mayMatch(clause, needs)) continue
    for (const match of matches(pattern, clause.text)) {
      if (undone(clause, match.index)) continue
      const subjects = subjectAt(clause, match.index, { weak: status === 'removed' || status === 'deprecated' })
      derived.push(...factsFor(subjects, 'status', status, clause.condition))
      // "Some common API abuses will be caught with CONFIG_DEBUG_MUTEXES, but CONFIG_PROVE_LOCKING is
      // recommended": what the clause before named gives way to what the contrast recommends.
      if (status === 'preferred' && state.named?.length && contrast.test(clause.text)) addReplacement(derived, clause, state.named, subjects, false)
      if (status === 'deprecated' || status === 'removed') state.deprecated.push(...subjects)
      if (status === 'discouraged') state.advisedAgainst.push(...subjects)
    }
  }
  // "->read_super() is no more.  Ditto for DECLARE_FSTYPE": the same status as the statement before it.
  const ditto = /^\s*ditto(?: for| with)?\s+/i.exec(clause.text)
  const before = derivedStatus(derived) ?? clause.recentStatus
  if (ditto && before) derived.push(...factsFor(objectAt(clause, ditto[0].length, { weak: true }), 'status', before, clause.condition))
  // "Gone is ``int *opened``, along with FILE_OPENED/FILE_CREATED".
  const gone = /^\s*gone (?:is|are)\s+/i.exec(clause.text)
  if (gone) {
    const names = clause.mentions.filter((mention) => mention.index >= gone[0].length).map((mention) => mention.name)
    derived.push(...factsFor([...new Set(names)], 'status', 'removed', clause.condition))
    state.deprecated.push(...names)
  }
  for (const { status, pattern } of objectPhrases) {
    for (const match of matches(pattern, clause.text)) {
      const at = match.index + match[0].length
      if (status !== 'deprecated' && undone(clause, match.index)) continue
      let objects = objectAt(clause, at, { weak: true })
      // "Most drivers should not use this": the object is the topic.
      // "Use them." and "should generally use these for any access" recommend the topic; "it should use this call
      // for slave transactions" is a rule of use.
      const pronounObject = status === 'preferred' ? /^\s+(?:it|this|them|these)\s*(?:[.!]?\s*$|for (?:any|all|every)\b)/i : /^\s+(?:it|this|them|these|this one|those)\b(?!\s+(?:to|for)\b\s+\w)/i
      // "f_dentry is gone; use f_path.dentry, or, better yet, see if you can avoid it entirely": "it" is what the sentence just removed.
      if (objects.length === 0 && pronounObject.test(clause.text.slice(at))) objects = state.deprecated.length > 0 ? [...state.deprecated] : clause.topic
      // "Don't use in new code", "so don't use.": the object is the topic.
      if (objects.length === 0 && status === 'deprecated' && /^\s+in new code\b|^\s*[.!]?\s*$/i.test(clause.text.slice(at))) objects = clause.topic
      if (objects.length === 0) continue
      const after = afterGroup(clause, at, objects)
      // "Do not use memset on IO addresses", "must not call X from interrupt context": a rule for one use, not a
      // deprecation, nor advice against the API itself.
      if ((status === 'deprecated' || status === 'discouraged') && constraintAfter.test(after)) {
        const condition = after.replace(/[.;,](?:\s.*)?$/, '').replace(/^[\s`*()]+/, '').trim()
        derived.push(...factsFor(objects, 'status', 'discouraged', [clause.condition, condition].filter(Boolean).join('; ') || undefined))
        state.advisedAgainst.push(...objects)
        continue
      }
      derived.push(...factsFor(objects, 'status', status, clause.condition))
      if (status === 'deprecated') state.deprecated.push(...objects)
      if (status === 'discouraged') state.advisedAgainst.push(...objects)
    }
  }
}

/** The text after the object group that starts after `at`. */
function afterGroup(clause: ReadClause, at: number, objects: string[]): string {
  const last = clause.mentions.filter((mention) => mention.index >= at && objects.includes(mention.name)).pop()
  return last ? clause.text.slice(last.end) : clause.text.slice(at)
}

/** Words `inFavourOf` cannot match without. */
const favourWords = needed('favo')

/** Words `replacedBy` cannot match without. */
const replacedWords = needed('replaced', 'superseded', 'obsoleted', 'renamed')

/** Words `replaces` cannot match without. */
const replacesWords = needed('replace', 'supersedes', 'obsoletes', 'deprecates')

/** Words the replacement phrases cannot match without. */
const replacementWords = needed('replacement')

/** Words `usedInstead` cannot match without. */
const usedWords = needed('be used')

/** Words `convertVerb` cannot match without. */
const convertWords = needed('convert', 'switch', 'migrat', 'port')

/**
 * Facts that `worse` gives way to `better`: name for name where the two
 * lists match, and `better` recommended unless it only took the place.
 */
function addReplacement(derived: Derived[], clause: ReadClause, worse: string[], better: string[], recommended = true): void {
  worse = worse.filter((each) => !better.includes(each))
  if (worse.length === 0 || better.length === 0) return
  // "->aio_read/->aio_write are gone.  Use ->read_iter/->write_iter.": name for name; "use d_add() or d_splice_alias()
  // instead" offers alternatives, each for every one.
  const offered = better.length > 1 && alternatives(clause, better)
  if (worse.length === better.length && worse.length > 1 && !offered) worse.forEach((each, index) => derived.push(...factsFor([each], 'replacement', better[index], clause.condition)))
  // "collect_mounts()/drop_collected_mounts()/iterate_mounts() are gone … Replacement is collect_paths()/drop_collected_path()":
  // as many as there are names alike (iterate_mounts has none).
  else if (better.length > 1 && worse.length > 1 && !offered) for (const each of worse) derived.push(...factsFor([each], 'replacement', likeNamed(each, better) ?? each, clause.condition))
  else for (const name of better) derived.push(...factsFor(worse, 'replacement', name, clause.condition))
  // What the document tells the reader to use instead is what it recommends; a rename or a supersession only says what took the place.
  if (recommended) derived.push(...factsFor(better, 'status', 'preferred', clause.condition))
}

/** Whether the clause writes these names as alternatives: "d_add() or d_splice_alias()". */
function alternatives(clause: ReadClause, names: string[]): boolean {
  const written = clause.mentions.filter((mention) => names.includes(mention.name))
  if (written.length < 2) return false
  return /\bor\b/i.test(clause.text.slice(written[0].end, written[written.length - 1].index))
}

/** Constructions naming what to use instead: each gives the APIs that give way and those that replace them. */
function readReplacements(clause: ReadClause, derived: Derived[], state: SentenceState): void {
  // "X() is gone; use Y()", "X is deprecated. Use Y.": an imperative right after a deprecation names its replacement.
  // So does what the reader who relied on it is told to do instead: "FS_NOMOUNT is gone.  If you use it - just set
  // SB_NOUSER", "if you used to have it, add ->d_weak_revalidate()", "Filesystems must use nd_set_link".
  const gone = state.deprecated.length > 0 ? state.deprecated : clause.recent ?? []
  const imperative = gone.length > 0 ? directiveAfterRemoval.exec(clause.text) : null
  // The directive is evidence enough that a bare name it gives is an API: "Filesystems must use nd_set_link from ->follow_link".
  if (imperative && !/\binstead of\b/i.test(clause.text)) addReplacement(derived, clause, gone, objectAt(clause, imperative[0].length, { weak: true }))
  // "d_materialise_unique() is gone; d_splice_alias() does everything you need now": what takes the place of what went.
  if (gone.length > 0) for (const match of matches(takesThePlace, clause.text)) addReplacement(derived, clause, gone, subjectAt(clause, match.index))
  // "Replacement: d_make_root(inode)".
  const labelled = /^\s*(?:the\s+)?(?:replacement|replaced by|use instead)\s*:\s*/i.exec(clause.text)
  if (labelled) addReplacement(derived, clause, gone.length > 0 ? gone : ownTopic(clause), objectAt(clause, labelled[0].length))
  const text = clause.text
  // Most clauses name no replacement: a word each construction cannot do without spares the scan of its pattern.
  // "prefer X over Y", "use X instead of Y", "X rather than Y": Y gives way to X.
  for (const match of matches(preferredVerb, text)) {
    const at = match.index + match[0].length
    const better = objectAt(clause, at)
    if (better.length === 0) continue
    const after = afterGroup(clause, at, better)
    let over = /^\s*[`*()]*\s*(?:instead of|over|rather than|in preference to|as opposed to|to)\s+(?:using |calling |the use of )?/i.exec(after)
    // Only "prefer X to Y" compares with "to"; "use X to map" states a purpose.
    if (over && /^\s*[`*()]*\s*to\s/i.test(after) && !/^prefer/i.test(match[0])) over = null
    if (over) {
      const offset = text.length - after.length + over[0].length
      const worse = objectAt(clause, offset, { weak: true })
      if (worse.length > 0) {
        addReplacement(derived, clause, worse, better)
        if (/^prefer|^use/i.test(match[0])) derived.push(...factsFor(better, 'status', 'preferred', clause.condition))
        if (/^prefer/i.test(match[0])) derived.push(...factsFor(worse, 'status', 'discouraged', clause.condition))
        continue
      }
    }
    // "Use X instead." after a deprecation: the topic gives way; "invalidate_inodes() is gone use evict_inodes() instead": what the clause removed;
    // "must not use d_rehash() alone - call d_add() instead": what it advised against.
    if (/^use|^call|^consider/i.test(match[0]) && /^\s*[`*()]*\s*(?:\w+\s+){0,2}instead\b(?! of)/i.test(after)) {
      const worse = state.deprecated.length > 0 ? state.deprecated : state.advisedAgainst.length > 0 ? state.advisedAgainst : clause.recent?.length ? clause.recent : ownTopic(clause)
      addReplacement(derived, clause, worse, better)
      derived.push(...factsFor(better, 'status', 'preferred', clause.condition))
    }
    // "avoid the use of kmap() … and prefer kmap_local_page()": the avoided API gives way.
    if (/^prefer/i.test(match[0]) && !over) addReplacement(derived, clause, [...state.advisedAgainst, ...state.deprecated], better)
  }
  // "Instead of Y, use X", "Instead of using Y, drivers are encouraged to use X", "instead of passing
  // IPERM_FLAG_RCU we add MAY_NOT_BLOCK into mask", "instead of checking for ->write or ->read being NULL, look
  // for FMODE_CAN_{WRITE,READ}", "In place of those we have FMODE_OPENED/FMODE_CREATED" (those the sentence before removed).
  const insteadFirst = insteadOpening.exec(text)
  if (insteadFirst) {
    const pronoun = /^(?:those|these|them|it|this|that)\b/i.test(text.slice(insteadFirst[0].length))
    const worse = pronoun ? (state.deprecated.length > 0 ? state.deprecated : (clause.recent ?? [])) : objectAt(clause, insteadFirst[0].length, { weak: true })
    const use = insteadVerb.exec(text.slice(insteadFirst[0].length))
    if (worse.length > 0 && use) {
      const at = insteadFirst[0].length + use.index + use[0].length
      const better = objectAt(clause, at)
      // "… are encouraged to use higher-level APIs" in a paragraph that lists them: the list's APIs.
      addReplacement(derived, clause, worse, better.length === 0 && clause.listed && listedObject.test(text.slice(at)) ? clause.listed : better)
    }
  }
  // "setattr_prepare (which used to be inode_change_ok)", "X (formerly Y)": a rename told in passing, Y gives way to X.
  if (mayMatch(clause, formerWords)) for (const match of matches(formerly, text)) {
    addReplacement(derived, clause, objectAt(clause, match.index + match[0].length, { weak: true }), groupBefore(clause, match.index, { weak: true }), false)
  }
  // "(->d_children/->d_sib instead of ->d_subdirs/->d_child …)": names set against names, name for name.
  if (mayMatch(clause, insteadWords)) for (const match of matches(namesInsteadOf, text)) {
    const better = groupBefore(clause, match.index)
    if (better.length > 0 && !verbBefore.test(text.slice(0, match.index).replace(/[\s`*"')]*$/, '').slice(0, -1))) {
      addReplacement(derived, clause, objectAt(clause, match.index + match[0].length, { weak: true }), better, false)
    }
  }
  // "Y is deprecated in favour of X", "Y was removed in favour of X".
  if (mayMatch(clause, favourWords)) for (const match of matches(inFavourOf, text)) {
    const better = objectAt(clause, match.index + match[0].length)
    addReplacement(derived, clause, subjectAt(clause, match.index, { weak: true }), better, false)
  }
  // "Y has been replaced by X", "Y should be replaced with X", "Y is superseded by X".
  // "Functions try_lookup_one_len(), lookup_one_len() … have been renamed to try_lookup_noperm(), lookup_noperm() …", name for name.
  if (mayMatch(clause, replacedWords)) for (const match of matches(replacedBy, text)) {
    if (undone(clause, match.index)) continue
    const better = objectAt(clause, match.index + match[0].length)
    addReplacement(derived, clause, subjectAt(clause, match.index, { weak: true }), better, false)
    // A function that takes the place of another is what to call now ("->follow_link() is replaced with ->get_link()");
    // a field or a lock that took another's name is not an API to prefer.
    if (!/renamed/i.test(match[0])) derived.push(...factsFor(writtenAsCalls(clause, better, match.index + match[0].length), 'status', 'preferred', clause.condition))
  }
  // "X replaces Y", "X supersedes Y".
  if (mayMatch(clause, replacesWords)) for (const match of matches(replaces, text)) {
    if (undone(clause, match.index)) continue
    const worse = objectAt(clause, match.index + match[0].length, { weak: true })
    const better = subjectAt(clause, match.index)
    addReplacement(derived, clause, worse, better, false)
    // What something else replaces is on its way out.
    if (better.length > 0 && /^(?:replaces|supersedes|obsoletes)/i.test(match[0])) derived.push(...factsFor(worse, 'status', 'deprecated', clause.condition))
  }
  // "the safe replacement (for Y) is X".
  const replacement = mayMatch(clause, replacementWords)
  if (replacement) for (const match of matches(replacementFor, text)) {
    const worse = objectAt(clause, match.index + match[0].length, { weak: true })
    const is = /\b(?:is|are|would be)\s+/i.exec(text.slice(match.index + match[0].length))
    if (worse.length > 0 && is) addReplacement(derived, clause, worse, objectAt(clause, match.index + match[0].length + is.index + is[0].length))
  }
  // "The respective kstrtol() and kstrtoul() functions tend to be the correct replacements".
  if (replacement) for (const match of matches(isTheReplacement, text)) {
    if (undone(clause, match.index)) continue
    addReplacement(derived, clause, ownTopic(clause), subjectAt(clause, match.index))
  }
  if (replacement) for (const match of matches(theReplacementIs, text)) {
    if (/replacements? (?:for|of)\b/i.test(text.slice(match.index, match.index + match[0].length + 20))) continue
    addReplacement(derived, clause, ownTopic(clause), objectAt(clause, match.index + match[0].length))
  }
  // "X should be used instead (of Y)", "X should be used in preference to Y", "X are to be used instead".
  if (mayMatch(clause, usedWords)) for (const match of matches(usedInstead, text)) {
    const permitted = /^(?:can|may)/i.test(match[0])
    if (permitted && !/in place of/i.test(match[0])) continue
    const better = subjectAt(clause, match.index)
    const worse = /(?:of|to)\s+(?:using |calling )?$/i.test(match[0]) ? objectAt(clause, match.index + match[0].length, { weak: true }) : clause.recent?.length ? clause.recent : ownTopic(clause)
    // "READ_ONCE() may be used in place of rcu_dereference()" names an alternative; it recommends nothing.
    addReplacement(derived, clause, worse, better, !permitted)
  }
  // "convert to X", "switch from Y to X", "callers should be converted to X".
  if (mayMatch(clause, convertWords)) for (const match of matches(convertVerb, text)) {
    const at = match.index + match[0].length
    // "… calls can safely be converted to readX_relaxed() calls, since …" says what is possible, not what to do.
    if (/\b(?:can|may|could|might)\s+(?:\w+\s+)?be\s+$/i.test(text.slice(Math.max(0, match.index - 30), match.index))) continue
    let worse = /from\s+$/i.test(match[0]) ? objectAt(clause, at, { weak: true }) : []
    const rest = text.slice(at)
    const to = /^(?:[^,;]*?)\bto\s+(?:use\s+|using\s+)?/i.exec(rest.slice(0, 200))
    if (!to) continue
    const better = objectAt(clause, at + to.index + to[0].length)
    if (worse.length === 0) worse = state.deprecated.length > 0 ? state.deprecated : ownTopic(clause)
    addReplacement(derived, clause, worse, better)
  }
}

/** "Y does everything you need", "Y takes its place": said of what follows a removal, Y replaces it. */
const takesThePlace = /\b(?:now\s+)?(?:does|do) (?:everything|all) (?:you|it|they|that|the \w+) (?:need|needs|did|used to)\b|\b(?:takes|take) (?:its|their|the old one's) place\b|\b(?:does|do) the same (?:job|thing)\b/i

/** "prefer X", "use X", "consider using X": what may name the better of two. */
const preferredVerb = /\b(?:prefer|use|call|using|calling|through|via|with|consider(?: using| calling| implementing)?)\s+/i

/** Words `formerly` cannot match without. */
const formerWords = needed('used to be', 'formerly', 'previously', 'renamed from', 'née', 'known as')

/** "X (which used to be Y)", "X (formerly Y)", "X (previously known as Y)", "X (renamed from Y)". */
const formerly = /\(\s*(?:(?:which|that) used to be|formerly|previously|renamed from|née)\s+(?:(?:called|named|known as)\s+)?/gi

/** Words `namesInsteadOf` cannot match without. */
const insteadWords = needed('instead of')

/** "X instead of Y", where X is a group of names (the constructions with a verb are read by `preferredVerb`). */
const namesInsteadOf = /\s*\binstead of\s+/gi

/**
 * A verb right before the names that are set against others: "it returns NULL instead of …", "calls foo()
 * instead of bar()" tell what happens, not what took the place; the verbs of advice are read elsewhere.
 */
const verbBefore = /\b(?:returns?|returning|calls?|calling|uses?|using|use|call|passes|passing|takes?|taking|gets?|sets?|prefer|consider|via|through|with|is|are|was|were|be)\s*[`*"']*\S*$/i

/** "in favour of X". */
const inFavourOf = /\bin favou?r of\s+/i

/** "has been replaced by X", "was renamed to X". */
const replacedBy = /\b(?:is|are|was|were|has been|have been|will be|should be|must be|can be|gets?|got)\s+(?:now\s+|since\s+|also\s+)?(?:(?:replaced|superseded|obsoleted)\s+(?:by|with)|renamed\s+(?:to|into))\s+/i

/** "X replaces Y", "X supersedes the old Y". */
const replaces = /\b(?:replaces|supersedes|obsoletes|deprecates|should replace|will replace)\s+(?:the (?:old|older|deprecated|legacy) |[\w.']+'s )?/i

/** "the safe replacement for Y". */
const replacementFor = /\b(?:the |a )?(?:\w+ )?replacements? (?:for|of)\s+/i

/** "X is the correct replacement". */
const isTheReplacement = /\b(?:is|are|tends? to be|would be|remains?)\s+the\s+(?:\w+\s+)?replacements?\b(?!\s+(?:for|of)\b)/i

/** "the replacement is X". */
const theReplacementIs = /\b(?:the |a )?(?:\w+ )?replacement (?:is|would be)\s+/i

/** "X should be used instead (of Y)", "X may be used in place of Y". */
const usedInstead = /\b(?:should|must|can|may) (?:always |now )?be used (?:instead(?: of\s+(?:using |calling )?)?|in preference to\s+|in place of\s+)|\b(?:is|are) to be used instead\b/i

/** "convert to X", "switch from Y to X". */
const convertVerb = /\b(?:convert|switch|migrate|port)(?:ed|ing|s)?\s+(?:(?:it|them|this|these|callers|users|code|drivers|the code)\s+)?(?:(?:away )?from\s+)?/i

/**
 * The start of a directive to whoever used what was just removed or
 * deprecated: an imperative, perhaps after "If you use it -", or what the
 * users of the interface must now do. Only verbs that put the object in the
 * removed one's place: "set", "provide" and "add" name the new flag or method.
 */
const directiveAfterRemoval =
  /^\s*(?:if\b[^-,;:]{0,80}?(?:\s[-\u2013\u2014]+|,)\s*)?(?:(?:(?:all\s+|new\s+|existing\s+)?(?:filesystems|drivers|callers|users|modules|architectures|subsystems|you)\s+(?:must|should|need to|will need to|have to)\s+(?:now\s+|instead\s+|just\s+)?)|(?:just|simply|please|instead|so|then|now)\s*,?\s*)?(?:use|switch to|call|convert to|migrate to|set|provide|add|implement)\s+(?:the\s+)?/i

/** "Instead of", "In place of", with the gerund of what was done with the API ("passing", "checking for", "the use of"). */
const insteadOpening = /^\s*(?:(?:but|and|so|or)\s+)?(?:instead of|in place of) (?:the use of |[a-z]+ing (?:for )?)?/i

/** What is done with the API that takes the place: used, called, added, passed, set, looked for, or had. */
const insteadVerb = /\b(?:use|call|prefer|add|pass|set|look for|check for|check|have)\s+/i

/** A noun phrase standing for APIs a list below names: "higher-level APIs", "one of the following helpers". */
const listedObject = /^(?:one of\s+)?(?:the\s+)?(?:following\s+)?(?:[\w-]+\s+){0,2}?(?:APIs|interfaces|functions|helpers|wrappers|macros|variants|alternatives)\b/i

/** The one of `names` that begins with the same word as `name` (`collect_mounts` → `collect_paths`), if only one does. */
function likeNamed(name: string, names: readonly string[]): string | undefined {
  const head = name.split('_')[0]
  const alike = names.filter((each) => each.split('_')[0] === head)
  return alike.length === 1 ? alike[0] : undefined
}

/** Those of `names` the clause writes as calls (`get_link()`, not `->i_rwsem`) after offset `at`. */
function writtenAsCalls(clause: ReadClause, names: string[], at: number): string[] {
  return names.filter((name) => clause.mentions.some((mention) => mention.name === name && mention.index >= at && /\)\W*$/.test(clause.text.slice(mention.index, mention.end))))
}

/** Status and replacement facts of one clause. */
export const standingRule: ClauseRule = (clause, state) => {
  if (question.test(clause.text)) return []
  const derived: Derived[] = []
  readStatus(clause, derived, state)
  readReplacements(clause, derived, state)
  return derived
}
