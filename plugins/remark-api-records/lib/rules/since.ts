import { subjectAt, type ReadClause } from '../subjects.ts'
import { factsFor, matches, type ClauseRule, type Derived } from './derived.ts'

/**
 * Since: the version a status or an API dates from, where the clause says so
 * next to a change ("deprecated since v5.11", "removed in kernel 3.10",
 * "introduced in 2.6.20"). A bare version number states nothing.
 */

const version = /\b(?:since|as of|starting (?:with|from)|from|in|after|with)\s+(?:linux\s+|kernel\s+|version\s+|release\s+|the\s+)*(v?\d+\.\d+(?:\.\d+)?(?:-rc\d+)?)\b/i
const change = /\b(?:deprecated|obsolete|removed|dropped|gone|introduced|added|available|appeared|changed|renamed|replaced|exists?|new)\b/i

export const sinceRule: ClauseRule = (clause: ReadClause) => {
  const derived: Derived[] = []
  for (const match of matches(version, clause.text)) {
    const verb = change.exec(clause.text)
    if (!verb) continue
    const apis = subjectAt(clause, verb.index, { weak: true })
    derived.push(...factsFor(apis, 'since', match[1]))
  }
  return derived
}
