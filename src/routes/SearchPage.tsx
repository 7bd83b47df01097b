import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import {
  startTransition,
  useCallback,
  useEffect,
  useId,
  useState,
  type SyntheticEvent,
} from 'react'
import { useLocation, useNavigate } from 'react-router'
import { Link } from '../components/Link'
import { apiHref } from '../api/config'
import { apiFiles } from '../app/siteMap'
import { entityKindLabel } from '../app/entityKind'
import { paths } from '../app/paths'
import { useLive } from '../app/useLive'
import { PageMeta } from '../components/PageMeta'
import { SaveButton } from '../components/SaveButton'
import { RelativeTime } from '../components/RelativeTime'
import { searchDocsQueryOptions } from '../queries/search'
import {
  RESULTS_PAGE,
  searchResultsQueryOptions,
  warmSearch,
  type SearchOutcome,
} from '../search/engine'
import type { SearchDocs, SearchItem } from '../search/schema'
import type { ArticleDocument } from '../content/schema'
import { excerpt, highlight } from '../search/words'
import { articleQueryOptions } from '../queries/articles'

const PAGE = RESULTS_PAGE

/** Starts the search a page opened at `url` asks for (see `warm` in src/app/routes.tsx). */
export async function warm(queryClient: QueryClient, url: URL) {
  const query = url.searchParams.get('q')?.trim()
  if (query) await warmSearch(queryClient, query, url.searchParams.get('section') || undefined)
}

/**
 * What `load` resolves to, loaded again when `key` changes (the last answer stays meanwhile), with
 * its failure and a retry. In place of useQuery, which this page alone would use: the bundler
 * would split the internals it shares with useSuspenseQuery out of the start-up chunk, about 2.4 KB
 * of gzip on every page. The files still come through the query cache (`ensureQueryData`).
 */
function useLoaded<T>(
  key: string | undefined,
  load: (client: QueryClient) => Promise<T>,
  /** What the query cache already holds for `key`: shown in the same render, without a wait. */
  cached?: (client: QueryClient) => T | undefined,
) {
  const client = useQueryClient()
  const [state, setState] = useState<{ key?: string; data?: T; error?: unknown }>({})
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (key === undefined) return
    let current = true
    // As a transition: React renders what arrived in slices, so a page of results never holds
    // the main thread long enough to delay a key the reader presses meanwhile.
    load(client).then(
      (data) => current && startTransition(() => setState({ key, data })),
      (error: unknown) =>
        current && startTransition(() => setState((last) => ({ ...last, key, error }))),
    )
    return () => {
      current = false
    }
  }, [key, load, client, attempt])
  const retry = useCallback(() => {
    setState((last) => ({ ...last, error: undefined }))
    setAttempt((n) => n + 1)
  }, [])
  const fromCache = key !== undefined && state.key !== key ? cached?.(client) : undefined
  return {
    data: fromCache ?? state.data,
    /** Whether `data` answers `key`, not an earlier one kept on screen meanwhile. */
    current: fromCache !== undefined || (state.key === key && state.data !== undefined),
    error: state.key === key ? state.error : undefined,
    retry,
  }
}

/** Text with the words a search matched in <mark>, as text: never as markup. */
function Marked({ text, found }: { text: string; found: readonly string[] }) {
  return highlight(text, found).map((run, i) =>
    run.match ? <mark key={i}>{run.text}</mark> : run.text,
  )
}

/** A story's text, for the sentence its body matched in. */
function bodyExcerpt(article: ArticleDocument['article'], found: readonly string[]) {
  return article.body
    .map((block) =>
      block.type === 'paragraph'
        ? block.content.map((run) => run.text).join('')
        : block.type === 'quote'
          ? block.text
          : '',
    )
    .map((paragraph) => excerpt(paragraph, found))
    .find(Boolean)
}

const matches = (text: string, found: readonly string[]) =>
  highlight(text, found).some((run) => run.match)

/** A result as shown: its summary from the index, and for a story found by its body, where. */
interface Shown {
  doc: number
  item: SearchItem
  /** The sentence of the body the words are in (fetched from the story, then cached for it). */
  excerpt?: string | undefined
}

/**
 * The first `count` results, with everything they show: their blocks of the index's documents
 * (each fetched once, however many results are in it) and, for stories found by words in their
 * body alone, that sentence. They appear together, so no result grows or moves another once
 * shown; a story that cannot be fetched is shown without its sentence.
 */
async function loadShown(client: QueryClient, outcome: SearchOutcome, count: number) {
  const { blockSize } = outcome.manifest
  const docs = outcome.docs.slice(0, count)
  const blocks = new Map<number, SearchDocs>()
  await Promise.all(
    [...new Set(docs.map((doc) => Math.floor(doc / blockSize)))].map(async (block) => {
      blocks.set(block, await client.ensureQueryData(searchDocsQueryOptions(block)))
    }),
  )
  const results = await Promise.all(
    docs.map(async (doc): Promise<Shown> => {
      const item = blocks.get(Math.floor(doc / blockSize))?.items[doc % blockSize]
      if (!item) throw new Error(`The search index has no document ${doc}`)
      if (item.kind !== 'story' || matches(`${item.headline} ${item.standfirst}`, outcome.words))
        return { doc, item }
      const story = await client
        .ensureQueryData(articleQueryOptions(item.slug))
        .catch(() => undefined)
      return { doc, item, excerpt: story && bodyExcerpt(story.article, outcome.words) }
    }),
  )
  return { results, words: outcome.words, total: outcome.docs.length }
}

function Result({ item, excerpt, found }: Shown & { found: readonly string[] }) {
  if (item.kind === 'story') {
    return (
      <>
        <h2 className="story-card__headline">
          <Link to={paths.article(item.slug)}>
            <Marked text={item.headline} found={found} />
          </Link>
        </h2>
        <p className="story-card__standfirst">
          <Marked text={item.standfirst} found={found} />
        </p>
        {excerpt && (
          <p className="search-result__excerpt">
            <Marked text={excerpt} found={found} />
          </p>
        )}
        <p className="story-card__meta">
          <span className="section-label">{item.section}</span>
          <RelativeTime iso={item.publishedAt} />
          <SaveButton story={item} />
        </p>
      </>
    )
  }
  return (
    <>
      <h2 className="story-card__headline">
        <Link to={paths.entity(item.id)}>
          <Marked text={item.name} found={found} />
        </Link>
      </h2>
      <p className="story-card__standfirst">
        <Marked text={item.description} found={found} />
      </p>
      <p className="story-card__meta">
        <span className="section-label">{entityKindLabel[item.kind]}</span>
      </p>
    </>
  )
}

/**
 * The results shown so far and "Show more results". A query's first page appears whole; more
 * results are added below the ones shown, which stay while they load.
 */
function Results({
  outcome,
  shown,
  onMore,
}: {
  outcome: SearchOutcome
  shown: number
  onMore: () => void
}) {
  const count = Math.min(shown, outcome.docs.length)
  const key = `${outcome.words.join(' ')}|${outcome.docs.slice(0, count).join(',')}`
  const load = useCallback(
    (client: QueryClient) => loadShown(client, outcome, count),
    [outcome, count],
  )
  // Until they come, the results shown before stay (with the words they were found by).
  const { data, current, error, retry } = useLoaded(key, load)
  if (error !== undefined)
    return (
      <p className="search-results__failed">
        These results could not be loaded.{' '}
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      </p>
    )
  if (!data) return null
  return (
    <>
      <ol className="story-list search-results">
        {data.results.map((result) => (
          <li key={result.doc} className="story-card">
            <Result {...result} found={data.words} />
          </li>
        ))}
      </ol>
      {data.total > data.results.length && (
        <button type="button" className="button" onClick={onMore} aria-busy={!current}>
          Show more results
        </button>
      )}
    </>
  )
}

/** The section filter: every section with results for the query, and how many each has. */
function SectionFilter({
  outcome,
  section,
  onChange,
}: {
  outcome: SearchOutcome
  section: string | undefined
  onChange: (section: string | undefined) => void
}) {
  const id = useId()
  const sections = new Map<string, number>()
  let all = 0
  for (const [code, count] of outcome.groupCounts) {
    all += count
    const group = outcome.manifest.groups[code]
    if (group?.kind === 'story') sections.set(group.section, count)
  }
  if (sections.size === 0) return null
  const options: [string | undefined, string, number][] = [
    [undefined, 'Everything', all],
    ...[...sections]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, count]): [string, string, number] => [name, name, count]),
  ]
  return (
    <fieldset className="search-filter">
      <legend>Section</legend>
      {options.map(([value, label, count]) => (
        <label key={label} className="search-filter__option">
          <input
            type="radio"
            name="section"
            value={value ?? ''}
            checked={section === value}
            onChange={() => onChange(value)}
            aria-describedby={`${id}-${label}`}
          />
          {label}{' '}
          <span id={`${id}-${label}`} className="search-filter__count">
            ({count})
          </span>
        </label>
      ))}
    </fieldset>
  )
}

function statusText(query: string, outcome: SearchOutcome | undefined, failed: boolean) {
  if (failed) return 'Search is not available right now. Check your connection, then try again.'
  if (!query.trim()) return 'Type a word to search stories, people, places and organisations.'
  if (!outcome) return 'Searching…'
  const n = outcome.docs.length
  if (outcome.words.length === 0) return `“${query}” is too common a word to search for.`
  return n === 0
    ? `No results for “${query}”. Check the spelling, or try fewer words.`
    : `${n} ${n === 1 ? 'result' : 'results'} for “${query}”`
}

/**
 * `/search?q=…&section=…`: results as the reader types, from the search index the content build
 * writes (src/search/). The prerendered page is the form, which works without JavaScript as far as
 * a form can: it submits to this address, and the results appear once the app runs.
 */
export function SearchPage() {
  const live = useLive()
  // The router's plainest hooks: the ones every page already ships (useSearchParams would put
  // its code into every page's start-up chunk, for this page alone).
  const location = useLocation()
  const navigate = useNavigate()
  const params = new URLSearchParams(location.search)
  // What is in the box: the search runs on it at once, and the address follows it. The address
  // fills the box when the reader arrives (a link, back or forward), not when typing here wrote
  // it (marked in its history state): the router commits a beat after each key, and would take
  // back what was typed meanwhile.
  const [text, setText] = useState('')
  const [arrival, setArrival] = useState<string | undefined>(undefined)
  const typed = (location.state as { typed?: boolean } | null)?.typed === true
  const arrived = live && (!typed || arrival === undefined) ? location.key : arrival
  if (arrived !== arrival) {
    setArrival(arrived)
    setText(params.get('q') ?? '')
  }
  // The prerendered page has no query: the first render in the browser must match it.
  const query = live ? text : ''
  const section = (live && params.get('section')) || undefined
  const [shown, setShown] = useState(PAGE)
  const wanted = live && query.trim() ? JSON.stringify([query.trim(), section]) : undefined
  const load = useCallback(
    (client: QueryClient) =>
      client.ensureQueryData(searchResultsQueryOptions(query.trim(), section)),
    [query, section],
  )
  // A search opened at its address has its results ready by now (warmSearch, src/app/routes.tsx).
  const cached = useCallback(
    (client: QueryClient) =>
      client.getQueryData(searchResultsQueryOptions(query.trim(), section).queryKey),
    [query, section],
  )
  const found = useLoaded(wanted, load, cached)
  const outcome = wanted === undefined ? undefined : found.data

  const update = (next: { q?: string; section?: string | undefined }, replace = true) => {
    const q = next.q ?? query
    setText(q)
    const s = 'section' in next ? next.section : section
    setShown(PAGE)
    const search = new URLSearchParams(
      Object.entries({ q, section: s }).filter((entry): entry is [string, string] => !!entry[1]),
    ).toString()
    void navigate(
      { search: search && `?${search}` },
      { replace, preventScrollReset: true, state: { typed: true } },
    )
  }
  const onSubmit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault()
    update({ q: query }, false)
  }

  return (
    <section className="search-page" aria-labelledby="search-title">
      <PageMeta
        title={query ? `Search: ${query}` : 'Search'}
        description="Search Dispatch's stories and the people, places and organisations in them."
        // One address for every query: the form is what a search engine finds here.
        path={paths.search()}
        // A search opened at its address then has the index by the time the app runs
        // (src/app/routes.tsx fetches the rest as start-up begins).
        preloadFetch={
          typeof __BROWSER_BUNDLE__ === 'undefined'
            ? apiHref(apiFiles.searchIndex.file.fill({}))
            : undefined
        }
      />
      <h1 id="search-title" className="page-title" tabIndex={-1}>
        Search
      </h1>
      <form
        role="search"
        action={paths.search()}
        method="get"
        onSubmit={onSubmit}
        className="search-form"
      >
        <label htmlFor="search-query">Stories, people, places and organisations</label>
        <div className="search-form__row">
          <input
            id="search-query"
            type="search"
            name="q"
            value={query}
            onChange={(event) => update({ q: event.target.value })}
            autoComplete="off"
            enterKeyHint="search"
            maxLength={200}
          />
          <button type="submit" className="button">
            Search
          </button>
        </div>
        <noscript>
          <p className="search-form__note">
            Search results need JavaScript, which is off or has not loaded in this browser. The
            latest stories are on the front page.
          </p>
        </noscript>
      </form>
      {/* In the prerendered page too, with its hint: the page paints whole before any script
          runs, and the line that changes as the reader types moves nothing below it. */}
      <p role="status" className="search-status">
        {/* The count is the current query's: the last results stay below until it comes. */}
        {statusText(query, found.current ? outcome : undefined, found.error !== undefined)}
      </p>
      {/* Below the status line: filter and results arrive together, and push nothing above them. */}
      {outcome && (
        <SectionFilter
          outcome={outcome}
          section={section}
          onChange={(s) => update({ section: s })}
        />
      )}
      {found.error !== undefined && (
        <button type="button" className="button" onClick={found.retry}>
          Try again
        </button>
      )}
      {outcome && outcome.docs.length > 0 && (
        <Results outcome={outcome} shown={shown} onMore={() => setShown((n) => n + PAGE)} />
      )}
    </section>
  )
}
