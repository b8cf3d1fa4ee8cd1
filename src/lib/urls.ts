/**
 * Every URL of the site, built in one place so that pages, plugins, the search
 * index and the tests agree. Paths end in `/` (Astro's directory format) and
 * are relative to the site's base (`/`).
 */

/** Encode each segment of a path-like id (`mm/highmem` stays two segments). */
const segments = (id: string) => id.split('/').map(encodeURIComponent).join('/')

export const urls = {
  home: () => '/',
  document: (document: string, version: string) => `/docs/${segments(document)}/${encodeURIComponent(version)}/`,
  api: (document: string, version: string, name: string) =>
    `/api/${segments(document)}/${encodeURIComponent(version)}/${encodeURIComponent(name)}/`,
  compare: (document: string, from: string, to: string) =>
    `/compare/${segments(document)}/${encodeURIComponent(from)}...${encodeURIComponent(to)}/`,
  /** The patches that made a version and the review replies they got. */
  patch: (document: string, version: string) => `/patch/${segments(document)}/${encodeURIComponent(version)}/`,
  deprecations: () => '/deprecations/',
  deprecationsJson: () => '/deprecations.json',
  /** A version's records, machine-readable. */
  apiJson: (document: string, version: string) => `/data/${segments(document)}/${encodeURIComponent(version)}/api.json`,
  /** What changed from `from` to `to`, machine-readable. */
  changesJson: (document: string, from: string, to: string) =>
    `/data/${segments(document)}/${encodeURIComponent(from)}...${encodeURIComponent(to)}/changes.json`,
  /** The lunr index of one version, and of all versions together (`key` = `all`). */
  searchIndex: (key: string) => `/search/${encodeURIComponent(key)}.json`,
  simulator: () => '/simulator/',
  /** The source of a document version (its reST), for links to exact lines (`#L12-L20`). */
  source: (document: string, version: string) => `/source/${segments(document)}/${encodeURIComponent(version)}/`,
}

/** The anchor of a line on a source page. */
export function lineAnchor(line: number): string {
  return `L${line}`
}

/** The search-index key of one version of one document. */
export function versionKey(document: string, version: string): string {
  return `${document.replace(/\//g, '~')}@${version}`
}
