/**
 * Dates as mailers and archives write them, turned into ISO 8601 that keeps the
 * sender's offset: `Tue, 6 Dec 2022 08:00:29 +0100` → `2022-12-06T08:00:29+01:00`.
 * `Date` objects are of no use here: they forget the offset.
 */

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * Zone abbreviations in minutes east of UTC: RFC 5322's obsolete US zones plus
 * the European and other zones list archives print. `IST` is read as India
 * (+05:30), the common meaning on kernel lists.
 */
const zones: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  BST: 60, IST: 330, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, MEZ: 60, MESZ: 120,
  EET: 120, EEST: 180, MSK: 180, CST6CDT: -360,
  JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660,
  NZST: 720, NZDT: 780,
}

/**
 * Parse a mail or archive date.
 *
 * Reads the parts wherever they stand, so RFC 5322 (`Tue, 6 Dec 2022 08:00:29
 * +0100 (CET)`), web archives (`Tue Dec 06 2022 - 02:00:42 EST`) and mbox `From `
 * lines (`Mon Sep 17 00:00:00 2001`) all work; git's ISO form
 * (`2022-12-06 08:00:29 +0100`) is read as such.
 *
 * @param text
 *   The date as written.
 * @returns
 *   ISO 8601 with the offset (`+00:00` for UTC), without one when the text
 *   names no zone, or `null` when there is no day, month, year and time.
 */
export function toIsoDate(text: string): string | null {
  const iso = /^\s*(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?\s*(Z|[+-]\d\d:?\d\d)?\s*$/.exec(text)
  if (iso) {
    const zone = iso[7] === undefined ? '' : iso[7] === 'Z' ? '+00:00' : `${iso[7].slice(0, 3)}:${iso[7].slice(-2)}`
    return `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${iso[6] ?? '00'}${zone}`
  }
  const tokens = text.replace(/\([^)]*\)/g, ' ').split(/[\s,]+/).filter(Boolean)
  let day: number | undefined
  let month: number | undefined
  let year: number | undefined
  let time: number[] | undefined
  let offset: number | undefined
  for (const token of tokens) {
    const lower = token.toLowerCase()
    const monthIndex = months.indexOf(lower.slice(0, 3))
    const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(token)
    const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(token)
    if (clock) time = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)]
    else if (numeric) offset = (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]))
    else if (month === undefined && monthIndex >= 0 && /^[a-z]+\.?$/.test(lower)) month = monthIndex + 1
    else if (/^\d{4}$/.test(token)) year = Number(token)
    else if (/^\d{1,2}$/.test(token) && day === undefined) day = Number(token)
    else if (/^\d{2}$/.test(token) && year === undefined) year = Number(token) + (Number(token) < 50 ? 2000 : 1900)
    else if (token.toUpperCase() in zones && time !== undefined) offset = zones[token.toUpperCase()]
  }
  if (!day || !month || !year || !time || day > 31 || time[0] > 23 || time[1] > 59 || time[2] > 60) return null
  const local = `${year}-${pad(month)}-${pad(day)}T${pad(time[0])}:${pad(time[1])}:${pad(time[2])}`
  return offset === undefined ? local : local + formatOffset(offset)
}

/**
 * Format minutes east of UTC as `+hh:mm`.
 *
 * @param minutes
 *   The offset.
 * @returns
 *   The ISO 8601 offset.
 */
function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/**
 * Two digits.
 *
 * @param value
 *   A number below 100.
 * @returns
 *   It, zero-padded.
 */
function pad(value: number): string {
  return String(value).padStart(2, '0')
}
