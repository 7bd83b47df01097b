/// <reference lib="webworker" />
// The service worker (docs/decisions/021). Workbox precaches the app shell: the scripts, the saved
// page, the offline page, the manifest and icons. Beside it, one cache of pages kept for reading
// offline: the front page, the stories and entity pages a reader last opened, every saved story and
// the entity pages it links to (src/offline/keep.ts). Online, pages and API files always come from
// the network; a kept copy is refreshed by a good answer and dropped by a 404 or 410 (a withdrawn
// story), and nothing else is ever stored. Offline, kept copies answer; any other page gets the
// offline page.
import { clientsClaim } from 'workbox-core'
import {
  cleanupOutdatedCaches,
  getCacheKeyForURL,
  matchPrecache,
  precache,
  type PrecacheEntry,
} from 'workbox-precaching'
import {
  emptyState,
  entityPagesOf,
  isReadingMessage,
  keptFiles,
  keptKindOf,
  keptPages,
  normalPath,
  opened,
  READING_CACHE,
  type ReadingState,
} from './keep'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] }

const manifest = self.__WB_MANIFEST
precache(manifest)
cleanupOutdatedCaches()

/** The offline page, and the pages the shell has whole (the saved list reads the device). */
const OFFLINE_PAGE = '/offline/index.html'
const SHELL_PAGES: Record<string, string> = {
  '/saved': '/saved/index.html',
  '/offline': OFFLINE_PAGE,
}

/** Which build this is: the offline page's revision, which changes with the build's scripts. */
const offlineEntry = manifest.find((e) => typeof e !== 'string' && e.url.endsWith(OFFLINE_PAGE))
const BUILD = (typeof offlineEntry === 'object' && offlineEntry.revision) || 'unbuilt'

const READING = READING_CACHE
/** How long a file fetched for keeping may take. */
const FETCH_TIMEOUT_MS = 20_000
const ORIGIN = self.location.origin
const configuredBase = import.meta.env.VITE_API_BASE || '/api/'
const API_BASE = new URL(
  configuredBase.endsWith('/') ? configuredBase : `${configuredBase}/`,
  ORIGIN,
).href
/** Where the state is kept: a key in the reading cache that no page ever requests. */
const STATE_KEY = new URL('/.dispatch-offline-state', ORIGIN).href

const filesOf = (page: string) => keptFiles(page, ORIGIN, API_BASE)
const isGone = (response: Response) => response.status === 404 || response.status === 410

// A first install takes the open pages at once, so the page the reader is on is kept. Updates wait:
// a page keeps the worker it started with until its next navigation (src/offline/connect.ts).
clientsClaim()

// State changes run one after another: a page's reports and the fetches' findings interleave.
let queue: Promise<unknown> = Promise.resolve()
function serially<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task)
  queue = next.catch(() => undefined)
  return next
}

async function readState(cache: Cache): Promise<ReadingState> {
  try {
    const saved = (await (await cache.match(STATE_KEY))?.json()) as
      Partial<ReadingState> | undefined
    return { ...emptyState, ...saved }
  } catch {
    return emptyState
  }
}

const writeState = (cache: Cache, state: ReadingState) =>
  cache.put(
    STATE_KEY,
    new Response(JSON.stringify(state), { headers: { 'content-type': 'application/json' } }),
  )

/** Fetches one kept file into the cache: stored when whole and 200, dropped when gone. */
async function fetchInto(cache: Cache, url: string): Promise<'kept' | 'gone' | 'failed'> {
  try {
    const response = await fetch(url, {
      credentials: 'same-origin',
      // A background fetch that hangs would keep this worker busy, and a new build waiting.
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    })
    if (response.status === 200) {
      await cache.put(url, response)
      return 'kept'
    }
    if (isGone(response)) {
      await cache.delete(url)
      return 'gone'
    }
  } catch {
    // Offline or cut off: the copy we have, if any, stays.
  }
  return 'failed'
}

async function entitiesOf(cache: Cache, story: string): Promise<string[]> {
  const file = filesOf(story)[1]
  const response = file ? await cache.match(file) : undefined
  try {
    return response ? entityPagesOf(await response.json()) : []
  } catch {
    return []
  }
}

/**
 * Brings the cache in line with the state: fetches what a kept page lacks (all of it, once per
 * build, as a new build's pages name its new scripts), drops what is no longer kept, and records
 * pages the server says are gone.
 */
async function reconcile(change: (state: ReadingState) => ReadingState = (s) => s) {
  return serially(async () => {
    const cache = await caches.open(READING)
    let state = change(await readState(cache))
    const newBuild = state.build !== BUILD
    const gone = new Set(state.gone)
    const fill = async (pages: readonly string[]) => {
      for (const page of pages) {
        if (gone.has(page)) continue
        for (const url of filesOf(page)) {
          if (!newBuild && (await cache.match(url))) continue
          if ((await fetchInto(cache, url)) === 'gone') gone.add(page)
        }
      }
    }
    // Stories first: the entity pages a saved story links to are read from its file.
    await fill(['/', ...state.saved, ...state.recent])
    const entityPages = new Map<string, string[]>()
    for (const story of state.saved) entityPages.set(story, await entitiesOf(cache, story))
    await fill([...entityPages.values()].flat())
    state = { ...state, gone: [...gone], build: BUILD }
    const wanted = new Set(keptPages(state, (s) => entityPages.get(s) ?? []).flatMap(filesOf))
    for (const request of await cache.keys())
      if (!wanted.has(request.url) && request.url !== STATE_KEY) await cache.delete(request)
    await writeState(cache, state)
    // Pages that show what is kept (the saved list) look again.
    for (const client of await self.clients.matchAll({ type: 'window' }))
      client.postMessage({ type: 'kept' })
  })
}

/** After a network answer for a kept file: refresh the copy, or drop the page if it is gone. */
async function afterAnswer(url: string, response: Response, page: string | undefined) {
  const cache = await caches.open(READING)
  if (response.status === 200) {
    if (await cache.match(url)) await cache.put(url, response)
    return
  }
  if (!isGone(response) || !(await cache.match(url))) return
  const pages = page ? [page] : (await cache.keys()).map((r) => new URL(r.url).pathname)
  const owner = pages.find((p) => filesOf(p).includes(url))
  if (owner)
    await reconcile((state) => ({
      ...state,
      recent: state.recent.filter((p) => p !== owner),
      gone: [...state.gone, owner],
    }))
}

/**
 * The request to send: a page of a kind the device keeps, or an API file it keeps, asks the server
 * whether the browser's HTTP cache is still right (a 304 costs little), so a story withdrawn a
 * moment ago is never shown from any cache once online. Others go as they are.
 */
async function revalidated(request: Request, kept: boolean): Promise<Request> {
  const keeps = kept || (await (await caches.open(READING)).match(request.url)) !== undefined
  return keeps ? new Request(request, { cache: 'no-cache' }) : request
}

/** After a kept kind of page answered a navigation: keep it as opened, or drop it if gone. */
async function keepPage(path: string, response: Response) {
  const url = new URL(path, ORIGIN).href
  if (response.status !== 200 || response.redirected) return afterAnswer(url, response, path)
  await serially(async () => (await caches.open(READING)).put(url, response))
  return reconcile((state) => opened(state, path))
}

/** A page navigation: the network's answer online; offline, a kept copy or the offline page. */
async function navigate(event: FetchEvent): Promise<Response> {
  const path = normalPath(new URL(event.request.url).pathname)
  const kind = keptKindOf(path)
  try {
    const response = await fetch(await revalidated(event.request, kind !== undefined))
    if (kind) event.waitUntil(keepPage(path, response.clone()))
    return response
  } catch (error) {
    const cache = await caches.open(READING)
    const shell = SHELL_PAGES[path]
    const answer =
      (kind && (await cache.match(new URL(path, ORIGIN).href))) ||
      (shell && (await matchPrecache(shell))) ||
      (await matchPrecache(OFFLINE_PAGE))
    if (answer) return answer
    throw error
  }
}

/**
 * Pictures the reader has seen, kept for reading offline: their names change with their bytes
 * (scripts/images/renditions.ts), so a kept copy is always right and is answered first. Only the
 * newest are kept: the widths a reader's screen picked for the pages they read.
 */
const IMAGES = 'dispatch-images'
const IMAGE_LIMIT = 300
const IMAGES_PATH = new URL('/images/', ORIGIN).href

async function picture(event: FetchEvent): Promise<Response> {
  const cache = await caches.open(IMAGES)
  const kept = await cache.match(event.request.url)
  if (kept) return kept
  const response = await fetch(event.request)
  if (response.status === 200)
    event.waitUntil(keepPicture(cache, event.request.url, response.clone()))
  return response
}

async function keepPicture(cache: Cache, url: string, response: Response) {
  await cache.put(url, response)
  // Keys come back oldest first.
  const keys = await cache.keys()
  for (const old of keys.slice(0, Math.max(0, keys.length - IMAGE_LIMIT))) await cache.delete(old)
}

/** An API file: the network's answer online; offline, the kept copy if there is one. */
async function apiFile(event: FetchEvent): Promise<Response> {
  const url = event.request.url
  try {
    const response = await fetch(await revalidated(event.request, false))
    event.waitUntil(afterAnswer(url, response.clone(), undefined))
    return response
  } catch (error) {
    const kept = await (await caches.open(READING)).match(url)
    if (kept) return kept
    throw error
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (request.mode === 'navigate' && url.origin === ORIGIN) event.respondWith(navigate(event))
  else if (url.href.startsWith(API_BASE)) event.respondWith(apiFile(event))
  else if (url.href.startsWith(IMAGES_PATH)) event.respondWith(picture(event))
  else if (getCacheKeyForURL(url.href))
    event.respondWith(matchPrecache(url.href).then((hit) => hit ?? fetch(request)))
})

self.addEventListener('message', (event) => {
  const data: unknown = event.data
  if ((data as { type?: unknown } | null)?.type === 'take-over') {
    void self.skipWaiting()
    return
  }
  if (!isReadingMessage(data)) return
  event.waitUntil(
    reconcile((state) => ({
      ...(data.page ? opened(state, data.page) : state),
      saved: data.saved.map(normalPath),
    })),
  )
})
