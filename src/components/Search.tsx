import { useEffect, useId, useRef, useState } from 'preact/hooks'
import type { TargetedEvent } from 'preact'
import { urls } from '../lib/urls.ts'
import type { SerializedSearchIndex } from '../search/build.ts'
import type { SearchOptions, SearchOutcome, SearchResult } from '../search/query.ts'
import './search.css'

/**
 * The search box: an island, because it has state. The markup is plain
 * (a labelled search field, two filters, a status line and a list of links);
 * lunr, the query code and the index JSON load on first focus or keystroke,
 * so a page where nobody searches pays only for this component.
 *
 * The hint, the status line and the results sit in a panel under the box
 * that shows while focus is inside the form (CSS `:focus-within`), so the
 * island fits in the site header; the filters are always visible.
 *
 * Keyboard: `/` focuses the box from anywhere (unless typing in another
 * field); ArrowDown moves from the box into the results and ArrowUp/ArrowDown
 * between them (ArrowUp from the first goes back to the box); Enter opens the
 * focused result (or the first, from the box); Escape clears the query and
 * returns to the box, and, with the box empty, leaves it.
 *
 * Why a list of links with real focus, not a combobox with
 * `aria-activedescendant`: each result holds a link, a status badge, a
 * version and a snippet. An ARIA `option` flattens its content to one string
 * and must not contain a link (axe: nested-interactive), while a link in a
 * list is announced with its name, keeps its description (via
 * `aria-describedby`), opens in a new tab on middle click and needs no ARIA
 * support at all. Moving focus onto the links keeps Tab order, Enter and the
 * browser's own link handling as they are.
 */

export interface SearchProps {
  /** Every version, in the order the select shows them; `key` is `versionKey(document, id)`. */
  versions: Array<{ key: string; label: string; document: string }>
  /** The version key selected first, or `all`. */
  defaultKey: string
}

/** A loaded index, ready to answer queries. */
type Engine = (query: string, options: SearchOptions) => SearchOutcome

type Phase = 'idle' | 'loading' | 'ready' | 'failed'

/**
 * Load the query module (with lunr) and one index file.
 *
 * @param key `all` or a version key.
 * @returns A function that runs queries against that index.
 */
async function loadEngine(key: string): Promise<Engine> {
  const [module, json] = await Promise.all([
    import('../search/query.ts'),
    fetch(urls.searchIndex(key)).then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`)
      return response.json() as Promise<SerializedSearchIndex>
    }),
  ])
  const { index, store } = module.loadSearchIndex(json)
  return (query, options) => module.runSearch(index, store, query, options)
}

/** Whether a key press lands in something the reader is typing into. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
}

/** A message with its `backticked` parts as code. */
function withCode(message: string) {
  return message.split('`').map((part, at) => (at % 2 ? <code key={at}>{part}</code> : part))
}

/** Text for the status line. */
function statusText(phase: Phase, query: string, count: number): string {
  if (phase === 'failed') return 'Search is unavailable: the index could not be loaded.'
  if (!query.trim()) return ''
  if (phase !== 'ready') return 'Loading the search index…'
  return count === 0 ? 'No results.' : count === 1 ? '1 result.' : `${count} results.`
}

export default function Search({ versions, defaultKey }: SearchProps) {
  // Prefixed: every Preact island root starts its own useId sequence, so bare ids could repeat on a page.
  const id = `strata-search-${useId()}`
  const [query, setQuery] = useState('')
  // An unknown default (a version removed from the manifest) falls back to every version, not to a 404.
  const [key, setKey] = useState(versions.some((version) => version.key === defaultKey) ? defaultKey : 'all')
  const [hideDeprecated, setHideDeprecated] = useState(false)
  const [active, setActive] = useState(false)
  const [phase, setPhase] = useState<Phase>('idle')
  const [outcome, setOutcome] = useState<SearchOutcome>({ results: [] })
  /** One promise per index key, so each file is fetched once per page. */
  const engines = useRef(new Map<string, Promise<Engine>>())
  /** The keys whose engine has loaded, so switching back to one does not say "Loading". */
  const loaded = useRef(new Set<string>())
  const input = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLUListElement>(null)

  // `/` from anywhere on the page focuses the box.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
      event.preventDefault()
      input.current?.focus()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  // Run the query once the reader has focused or typed; later answers replace earlier ones only.
  useEffect(() => {
    if (!active) return
    let current = true
    let engine = engines.current.get(key)
    if (!engine) {
      engine = loadEngine(key)
      engine.catch(() => engines.current.delete(key))
      engines.current.set(key, engine)
    }
    setPhase(loaded.current.has(key) ? 'ready' : 'loading')
    engine.then(
      (run) => {
        loaded.current.add(key)
        if (!current) return
        setPhase('ready')
        setOutcome(run(query, { version: key, hideDeprecated }))
      },
      () => current && setPhase('failed'),
    )
    return () => {
      current = false
    }
  }, [active, key, query, hideDeprecated])

  const results = query.trim() && phase === 'ready' ? outcome.results : []
  const links = () => [...(list.current?.querySelectorAll<HTMLAnchorElement>('a[href]') ?? [])]
  const open = (result: SearchResult | undefined) => result && window.location.assign(result.url)
  /** Escape: clear the query, or, when it is already empty, leave the box (closing the panel). */
  const clear = () => {
    if (query) {
      setQuery('')
      input.current?.focus()
    } else input.current?.blur()
  }

  const onBoxKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault()
      links()[0]?.focus()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      clear()
    }
  }

  const onListKey = (event: KeyboardEvent) => {
    const all = links()
    const at = all.indexOf(document.activeElement as HTMLAnchorElement)
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const next = at + (event.key === 'ArrowDown' ? 1 : -1)
      if (next < 0) input.current?.focus()
      else all[Math.min(next, all.length - 1)]?.focus()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      clear()
    }
  }

  const onSubmit = (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    open(results[0])
  }

  const status = statusText(phase, query, results.length)

  // tabIndex -1 on the form: a click on text, or on a checkbox in Safari (which does not focus
  // it), focuses the form, so `:focus-within` holds and the panel stays open for the click.
  return (
    <form role="search" class="strata-search" aria-label="API search" tabIndex={-1} onSubmit={onSubmit}>
      <label class="strata-search__label" for={`${id}-q`}>
        Search the API
      </label>
      <input
        ref={input}
        id={`${id}-q`}
        class="strata-search__input"
        type="search"
        name="q"
        autocomplete="off"
        spellcheck={false}
        aria-keyshortcuts="/"
        aria-describedby={`${id}-hint`}
        value={query}
        onFocus={() => setActive(true)}
        onInput={(event) => {
          setActive(true)
          setQuery(event.currentTarget.value)
        }}
        onKeyDown={onBoxKey}
      />
      <div class="strata-search__filters">
        <label class="strata-search__filter">
          Search in{' '}
          <select class="strata-search__version" value={key} onChange={(event) => setKey(event.currentTarget.value)}>
            <option value="all">All versions</option>
            {versions.map((version) => (
              <option key={version.key} value={version.key}>
                {version.label}
              </option>
            ))}
          </select>
        </label>
        <label class="strata-search__filter">
          <input
            class="strata-search__hide-deprecated"
            type="checkbox"
            checked={hideDeprecated}
            onChange={(event) => setHideDeprecated(event.currentTarget.checked)}
          />{' '}
          Hide deprecated
        </label>
      </div>
      <div class="strata-search__panel">
        <p id={`${id}-hint`} class="strata-search__hint">
          Press <kbd>/</kbd> to search. Try <code>kmap</code>, <code>status:deprecated</code> or{' '}
          <code>name:kmap*</code>.
        </p>
        <div role="status" class="strata-search__status">
          {outcome.message && results === outcome.results ? (
            <span class="strata-search__message">{withCode(outcome.message)} </span>
          ) : null}
          {status ? <span class="strata-search__count">{status}</span> : null}
        </div>
        {results.length > 0 ? (
          <ul ref={list} class="strata-search__results" aria-label="Search results" onKeyDown={onListKey}>
            {results.map((result, at) => (
              <li
                key={`${result.key}/${result.ref}`}
                class={`strata-search__result strata-search__result--${result.status ?? 'section'}`}
              >
                <a class="strata-search__name" href={result.url} aria-describedby={`${id}-r${at}`}>
                  <code>{result.name}</code>
                </a>
                <span id={`${id}-r${at}`} class="strata-search__details">
                  {result.status ? (
                    <span class={`strata-search__badge strata-search__badge--${result.status}`}>{result.status}</span>
                  ) : null}{' '}
                  <span class="strata-search__version-label">{result.label}</span>{' '}
                  <span class="strata-search__snippet">{result.snippet}</span>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </form>
  )
}
