import { useEffect, useId, useRef, useState } from 'preact/hooks'
import type { TargetedEvent } from 'preact'
import { urls } from '../lib/urls.ts'
import type { SearchHead } from '../search/format.ts'
import type { SearchOptions, SearchOutcome, SearchResult } from '../search/query.ts'
import './search.css'

/**
 * The search: an island, because it has state. In the header it is one
 * button; the button, `/`, Ctrl-K and Cmd-K open a modal dialog (a native
 * `<dialog>`: the page behind is inert, so focus stays inside, and Escape
 * closes it) holding the field, the version scope, "Hide deprecated", a
 * status line and the results. Closing returns focus where it was. The
 * query module (with lunr) and the index load when the dialog first opens,
 * or when the pointer or focus reaches the button, so a page where nobody
 * searches pays only for this component.
 *
 * Keyboard, in the dialog: ArrowDown moves from the field into the results
 * and ArrowUp/ArrowDown between them (ArrowUp from the first goes back to
 * the field); Enter opens the focused result (or the first, from the
 * field); Tab reaches the versions each result is found in.
 *
 * Why a list of links with real focus, not a combobox with
 * `aria-activedescendant`: each result holds links, a status badge, its
 * versions and a snippet. An ARIA `option` flattens its content to one
 * string and must not contain a link (axe: nested-interactive), while a link
 * in a list is announced with its name, keeps its description (via
 * `aria-describedby`), opens in a new tab on middle click and needs no ARIA
 * support at all.
 */

export interface SearchProps {
  /** Every version, in the order the select shows them; `key` is `versionKey(document, id)`. */
  versions: Array<{ key: string; label: string; document: string }>
  /** The version key selected first, or `all`. */
  defaultKey: string
}

/** A loaded index, ready to answer queries. */
type Engine = (query: string, options: SearchOptions) => Promise<SearchOutcome>

type Phase = 'idle' | 'loading' | 'ready' | 'failed'

/** Fetch one search file as JSON. */
async function fetchJson(key: string): Promise<unknown> {
  const response = await fetch(urls.searchIndex(key))
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`)
  return response.json()
}

/**
 * Load the query module (with lunr) and the head of one index; the index
 * fetches its parts as queries need them.
 *
 * @param key `all` or a version key.
 * @returns A function that runs queries against that index.
 */
async function loadEngine(key: string): Promise<Engine> {
  const [module, head] = await Promise.all([import('../search/query.ts'), fetchJson(key)])
  const index = module.openSearchIndex(head as SearchHead, (part) => fetchJson(module.partKey(key, part)))
  return (query, options) => module.runSearch(index, query, options)
}

/** Whether a key press lands in something the reader is typing into. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
}

/** Whether a key press is one of the shortcuts that open the search: `/` outside a field, Ctrl-K, Cmd-K. */
function isShortcut(event: KeyboardEvent): boolean {
  if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) return true
  return event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)
}

/** A message with its `backticked` parts as code. */
function withCode(message: string) {
  return message.split('`').map((part, at) => (at % 2 ? <code key={at}>{part}</code> : part))
}

/** Text for the status line. */
function statusText(phase: Phase, query: string, shown: number, total: number): string {
  if (phase === 'failed') return 'Search is unavailable: the index could not be loaded.'
  if (!query.trim()) return ''
  if (phase !== 'ready') return 'Loading the search index…'
  if (shown < total) return `The best ${shown} of ${total.toLocaleString('en-US')} results.`
  return shown === 0 ? 'No results.' : shown === 1 ? '1 result.' : `${shown} results.`
}

/** A search icon, for the button (decorative: the button says "Search"). */
function Icon() {
  return (
    <svg class="strata-search__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="6.75" cy="6.75" r="4.75" fill="none" stroke="currentColor" stroke-width="1.75" />
      <path d="M10.25 10.25 14.5 14.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
    </svg>
  )
}

/** One result: its link, then its status, where it is (its versions, across versions) and a snippet. */
function Result({ result, id, scoped }: { result: SearchResult; id: string; scoped: boolean }) {
  return (
    <li class={`strata-search__result strata-search__result--${result.status ?? 'section'}`}>
      <a class="strata-search__name" href={result.url} aria-describedby={id}>
        <code>{result.name}</code>
      </a>
      <div id={id} class="strata-search__details">
        <div class="strata-search__where">
          {result.status ? <span class={`strata-search__badge strata-search__badge--${result.status}`}>{result.status}</span> : null}{' '}
          {scoped ? (
            <span class="strata-search__version-label">{result.label}</span>
          ) : (
            <>
              <span class="strata-search__document">{result.document}</span> in{' '}
              <ul class="strata-search__versions" aria-label={`Versions of ${result.name}`}>
                {result.versions.map((version) => (
                  <li key={version.key}>
                    <a href={version.url} title={version.label}>
                      {version.id}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <p class="strata-search__snippet">{result.snippet}</p>
      </div>
    </li>
  )
}

export default function Search({ versions, defaultKey }: SearchProps) {
  // Prefixed: every Preact island root starts its own useId sequence, so bare ids could repeat on a page.
  const id = `strata-search-${useId()}`
  const [query, setQuery] = useState('')
  // An unknown default (a version removed from the manifest) falls back to every version, not to a 404.
  const [key, setKey] = useState(versions.some((version) => version.key === defaultKey) ? defaultKey : 'all')
  const [hideDeprecated, setHideDeprecated] = useState(false)
  const [wanted, setWanted] = useState(false)
  const [phase, setPhase] = useState<Phase>('idle')
  const [outcome, setOutcome] = useState<SearchOutcome>({ results: [], total: 0 })
  /** One promise per index key, so each head is fetched once per page. */
  const engines = useRef(new Map<string, Promise<Engine>>())
  /** The keys whose engine has loaded, so switching back to one does not say "Loading". */
  const loaded = useRef(new Set<string>())
  const dialog = useRef<HTMLDialogElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLUListElement>(null)
  /** Where focus was when the dialog opened, to return it there. */
  const returnTo = useRef<HTMLElement | null>(null)

  const openDialog = () => {
    const element = dialog.current
    if (!element || element.open) return
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    setWanted(true)
    element.showModal()
    input.current?.focus()
    input.current?.select()
  }
  const closeDialog = () => dialog.current?.open && dialog.current.close()

  // The shortcuts open the dialog from anywhere on the page.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcut(event) || dialog.current?.open) return
      event.preventDefault()
      openDialog()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  // Run the query once the reader has opened the dialog; later answers replace earlier ones only.
  useEffect(() => {
    if (!wanted) return
    let current = true
    let engine = engines.current.get(key)
    if (!engine) {
      engine = loadEngine(key)
      engine.catch(() => engines.current.delete(key))
      engines.current.set(key, engine)
    }
    setPhase(loaded.current.has(key) ? 'ready' : 'loading')
    engine
      .then((run) => {
        loaded.current.add(key)
        return query.trim() ? run(query, { version: key, hideDeprecated }) : { results: [], total: 0 }
      })
      .then(
        (answer) => {
          if (!current) return
          setPhase('ready')
          setOutcome(answer)
        },
        () => current && setPhase('failed'),
      )
    return () => {
      current = false
    }
  }, [wanted, key, query, hideDeprecated])

  const results = query.trim() && phase === 'ready' ? outcome.results : []
  const links = () => [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.strata-search__name') ?? [])]

  const onFieldKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault()
      links()[0]?.focus()
    }
  }

  const onListKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const all = links()
    const at = all.findIndex((link) => link.closest('li') === (event.target as Element).closest('.strata-search__result'))
    event.preventDefault()
    const next = at + (event.key === 'ArrowDown' ? 1 : -1)
    if (next < 0) input.current?.focus()
    else all[Math.min(next, all.length - 1)]?.focus()
  }

  const onSubmit = (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (results[0]) window.location.assign(results[0].url)
  }

  const onClose = () => {
    const target = returnTo.current
    returnTo.current = null
    if (target?.isConnected) target.focus()
  }

  // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
  const onDialogClick = (event: MouseEvent) => {
    const element = dialog.current
    if (!element || event.target !== element) return
    const box = element.getBoundingClientRect()
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom
    if (!inside) closeDialog()
  }

  const status = statusText(phase, query, results.length, results === outcome.results ? outcome.total : 0)
  const scoped = key !== 'all'

  return (
    <div class="strata-search">
      <button
        type="button"
        class="strata-search__trigger"
        aria-haspopup="dialog"
        aria-keyshortcuts="/ Control+K Meta+K"
        onClick={openDialog}
        onPointerEnter={() => setWanted(true)}
        onFocus={() => setWanted(true)}
      >
        <Icon />
        <span class="strata-search__trigger-text">Search</span>
        <kbd class="strata-search__trigger-key" aria-hidden="true">
          /
        </kbd>
      </button>
      <dialog ref={dialog} class="strata-search__dialog" aria-labelledby={`${id}-title`} onClose={onClose} onClick={onDialogClick}>
        <form role="search" class="strata-search__form" aria-labelledby={`${id}-title`} onSubmit={onSubmit}>
          <div class="strata-search__top">
            <label id={`${id}-title`} class="strata-search__label" for={`${id}-q`}>
              Search the API
            </label>
            <button type="button" class="strata-search__close" onClick={closeDialog}>
              Close
            </button>
          </div>
          <input
            ref={input}
            id={`${id}-q`}
            class="strata-search__input"
            type="search"
            name="q"
            autocomplete="off"
            spellcheck={false}
            aria-describedby={`${id}-hint`}
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={onFieldKey}
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
          <p id={`${id}-hint`} class="strata-search__hint">
            Try <code>kmap</code>, <code>status:deprecated</code> or <code>name:kmap*</code>.{' '}
            <span class="strata-search__keys">
              <kbd>↓</kbd> <kbd>↑</kbd> move through the results, <kbd>Enter</kbd> opens one, <kbd>Esc</kbd> closes.
            </span>
          </p>
          <div role="status" class="strata-search__status">
            {outcome.message && results === outcome.results ? <span class="strata-search__message">{withCode(outcome.message)} </span> : null}
            {status ? <span class="strata-search__count">{status}</span> : null}
          </div>
          {results.length > 0 ? (
            <ul ref={list} class="strata-search__results" aria-label="Search results" onKeyDown={onListKey}>
              {results.map((result, at) => (
                <Result key={`${result.key}/${result.ref}`} result={result} id={`${id}-r${at}`} scoped={scoped} />
              ))}
            </ul>
          ) : null}
        </form>
      </dialog>
    </div>
  )
}
