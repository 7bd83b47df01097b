import { useEffect, useState } from 'react'
import { apiUrl } from '../api/config'
import { paths } from '../app/paths'
import { keptWhole, READING_CACHE } from './keep'

const match = (url: string) => caches.match(url, { cacheName: READING_CACHE })

/**
 * Which of these saved stories the service worker has kept whole for reading offline (the story
 * and the people and places it links to). Looked up again each time the worker says it kept more.
 */
export function useKeptOffline(slugs: readonly string[]): ReadonlySet<string> {
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set())
  const key = slugs.join('\n')
  useEffect(() => {
    const workers = navigator.serviceWorker as ServiceWorkerContainer | undefined
    if (!workers || typeof caches === 'undefined') return
    let current = true
    const look = async () => {
      const origin = window.location.origin
      const apiBase = apiUrl('')
      const found = await Promise.all(
        key
          .split('\n')
          .filter(Boolean)
          .map(async (slug) =>
            (await keptWhole(paths.article(slug), match, origin, apiBase)) ? [slug] : [],
          ),
      )
      if (current) setKept(new Set(found.flat()))
    }
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: unknown } | null)?.type === 'kept') void look()
    }
    void look()
    workers.addEventListener('message', onMessage)
    return () => {
      current = false
      workers.removeEventListener('message', onMessage)
    }
  }, [key])
  return kept
}
