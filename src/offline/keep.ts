// What the service worker keeps for reading offline (docs/decisions/021): the kinds of page a
// reader can open offline, and for each, the files it needs: its prerendered HTML, for a reload or
// a link followed in a new tab, and its API files, for a client-side navigation. The patterns are
// the site map's own (src/app/siteMap.ts); keep.test.ts holds them to it. They are written out here
// because the site map brings the content schema with it, which the service worker does not need.

/** A page kept offline: its route and the API files (relative to the API base) it shows. */
interface KeptKind {
  readonly route: RegExp
  readonly apiFiles: readonly string[]
}

export const keptKinds = {
  front: { route: /^\/$/, apiFiles: ['front.json'] },
  story: { route: /^\/articles\/([^/]+)$/, apiFiles: ['articles/$1.json'] },
  entity: {
    route: /^\/entities\/([^/]+)$/,
    apiFiles: ['entities/$1.json', 'entities/$1/stories/1.json'],
  },
} as const satisfies Record<string, KeptKind>

export type KeptKindName = keyof typeof keptKinds

/** The cache the service worker keeps pages in; the saved page reads it to say what is kept. */
export const READING_CACHE = 'dispatch-reading'

/** How many stories, and entity pages, a reader last opened are kept, beside the saved ones. */
export const RECENT_LIMIT = 20

/** The kind of a page path (`/articles/x`; a trailing slash is the same page), if it is kept. */
export function keptKindOf(pathname: string): KeptKindName | undefined {
  const path = normalPath(pathname)
  return (Object.keys(keptKinds) as KeptKindName[]).find((kind) => keptKinds[kind].route.test(path))
}

/** A page's path without a trailing slash (`/` stays `/`), as the router matches it. */
export const normalPath = (pathname: string) =>
  pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname

/**
 * Every URL a kept page needs offline: the page itself, then its API files. `origin` is the site's,
 * `apiBase` the API's absolute base URL (ending in `/`). None for a page that is not kept.
 */
export function keptFiles(pathname: string, origin: string, apiBase: string): string[] {
  const kind = keptKindOf(pathname)
  if (!kind) return []
  const path = normalPath(pathname)
  const { route, apiFiles } = keptKinds[kind]
  return [
    new URL(path, origin).href,
    ...apiFiles.map((file) => new URL(path.replace(route, file), apiBase).href),
  ]
}

/** The entity pages a story links to, from its API file (`{ entities: [{ id }] }`). */
export function entityPagesOf(storyFile: unknown): string[] {
  const entities = (storyFile as { entities?: unknown } | null)?.entities
  if (!Array.isArray(entities)) return []
  return entities
    .map((entity) => (entity as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === 'string' && id !== '')
    .map((id) => `/entities/${encodeURIComponent(id)}`)
}

/**
 * Whether a story can be read offline whole: its page and API file, and the entity pages it links
 * to, all in the cache `match` reads.
 */
export async function keptWhole(
  story: string,
  match: (url: string) => Promise<Response | undefined>,
  origin: string,
  apiBase: string,
): Promise<boolean> {
  const files = keptFiles(story, origin, apiBase)
  const found = await Promise.all(files.map(match))
  if (found.some((response) => !response)) return false
  let entities: string[]
  try {
    entities = entityPagesOf(await found[1]?.json())
  } catch {
    return false
  }
  const needed = entities.flatMap((page) => keptFiles(page, origin, apiBase))
  return (await Promise.all(needed.map(match))).every(Boolean)
}

/** What the reader's pages tell the service worker, and what it keeps between runs. */
export interface ReadingState {
  /** Story and entity pages opened, newest first, at most RECENT_LIMIT of each kind. */
  readonly recent: readonly string[]
  /** The saved stories' pages, as the saved list on the device has them. */
  readonly saved: readonly string[]
  /** Pages the server said are gone (404, 410): never kept, until they answer again. */
  readonly gone: readonly string[]
  /** The build whose HTML the kept pages are; a new build fetches them again. */
  readonly build: string
}

export const emptyState: ReadingState = { recent: [], saved: [], gone: [], build: '' }

/** The state once the reader has opened a page: first among the recent, the oldest let go. */
export function opened(state: ReadingState, pathname: string): ReadingState {
  const kind = keptKindOf(pathname)
  if (kind !== 'story' && kind !== 'entity') return state
  const path = normalPath(pathname)
  const recent = [path, ...state.recent.filter((p) => p !== path)]
  const counts = { story: 0, entity: 0 }
  return {
    ...state,
    recent: recent.filter((p) => {
      const k = keptKindOf(p)
      return (k === 'story' || k === 'entity') && ++counts[k] <= RECENT_LIMIT
    }),
    gone: state.gone.filter((p) => p !== path),
  }
}

/**
 * The pages to keep: the front page, the saved stories and the entity pages they link to (found by
 * `entitiesOf`, from the kept story file), and the recent pages, less any the server said are gone.
 */
export function keptPages(
  state: ReadingState,
  entitiesOf: (storyPath: string) => readonly string[],
): string[] {
  const gone = new Set(state.gone)
  const saved = state.saved.filter((p) => keptKindOf(p) === 'story').map(normalPath)
  const pages = new Set(['/', ...saved, ...saved.flatMap(entitiesOf), ...state.recent])
  return [...pages].filter((p) => !gone.has(p))
}

/** Whether a message from a page is a reading report: the page it shows and the saved list. */
export function isReadingMessage(
  data: unknown,
): data is { type: 'reading'; page?: string; saved: string[] } {
  const message = data as { type?: unknown; page?: unknown; saved?: unknown } | null
  return (
    typeof message === 'object' &&
    message !== null &&
    message.type === 'reading' &&
    (message.page === undefined || typeof message.page === 'string') &&
    Array.isArray(message.saved) &&
    message.saved.every((p) => typeof p === 'string')
  )
}
