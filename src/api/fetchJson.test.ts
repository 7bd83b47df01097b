import { afterEach, describe, expect, it, vi } from 'vitest'
import { ArticleDocumentSchema, type ArticleDocument } from '../content/schema'
import { ContractError, HttpError, isTransient, NetworkError } from './errors'
import { fetchJson, readAnswersWith } from './fetchJson'
import { ANSWER_MAX_CHARS, ANSWER_TIMEOUT_MS } from './limits'

const doc: ArticleDocument = {
  article: {
    slug: 'harbour-reopens',
    headline: 'Port Ellery harbour reopens',
    standfirst: 'Boats are back.',
    section: 'Local',
    publishedAt: '2025-08-12T09:00:00Z',
    credit: 'Dispatch reporter',
    body: [
      { type: 'paragraph', id: 'p1', content: [{ type: 'text', text: 'The harbour is open.' }] },
    ],
  },
  entities: [],
  related: [],
  authors: [],
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  })

afterEach(() => {
  vi.unstubAllGlobals()
  readAnswersWith(undefined)
})

function stubFetch(answer: (url: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  const fetchMock = vi.fn<typeof fetch>(answer)
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

/** A server that never answers: the request waits until it is aborted. */
const stalled = (_url: RequestInfo | URL, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => {
      reject(new DOMException('Aborted', 'AbortError'))
    })
  })

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (error: unknown) => error,
  )
}

describe('fetchJson', () => {
  it('returns the parsed payload when it matches the schema', async () => {
    const fetchMock = stubFetch(() => Promise.resolve(json(doc)))
    const result = await fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema)
    expect(result).toEqual(doc)
    expect(result.article.headline).toBe('Port Ellery harbour reopens')
    expect(fetchMock).toHaveBeenCalledWith(
      expect.stringMatching(/\/api\/articles\/harbour-reopens\.json$/),
      expect.objectContaining({ headers: { accept: 'application/json' } }),
    )
  })

  it('throws an HttpError with status 404 for a missing resource, which is not worth retrying', async () => {
    stubFetch(() => Promise.resolve(new Response('Not found', { status: 404 })))
    const error = await failure(fetchJson('articles/missing.json', ArticleDocumentSchema))
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).status).toBe(404)
    expect((error as HttpError).url).toMatch(/articles\/missing\.json$/)
    expect(isTransient(error)).toBe(false)
  })

  it('throws a transient HttpError for a server failure', async () => {
    stubFetch(() => Promise.resolve(new Response('Oops', { status: 500 })))
    const error = await failure(fetchJson('articles/index/1.json', ArticleDocumentSchema))
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).status).toBe(500)
    expect(isTransient(error)).toBe(true)
  })

  it('throws a transient NetworkError when the request gets no answer', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')))
    const error = await failure(fetchJson('articles/index/1.json', ArticleDocumentSchema))
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).message).toMatch(/Check your connection/)
    expect(isTransient(error)).toBe(true)
  })

  it('lets an abort through as is rather than calling it a network failure', async () => {
    const controller = new AbortController()
    controller.abort()
    const abort = new DOMException('Aborted', 'AbortError')
    stubFetch(() => Promise.reject(abort))
    const error = await failure(
      fetchJson('articles/index/1.json', ArticleDocumentSchema, controller.signal),
    )
    expect(error).toBe(abort)
  })

  it('throws a ContractError naming the path of a field with the wrong type', async () => {
    stubFetch(() => Promise.resolve(json({ ...doc, article: { ...doc.article, headline: 42 } })))
    const error = await failure(fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema))
    expect(error).toBeInstanceOf(ContractError)
    const issues = (error as ContractError).issues
    expect(issues.map((issue) => issue.path)).toEqual(['$.article.headline'])
    expect((error as ContractError).message).toMatch(/^\$\.article\.headline: /)
    expect(isTransient(error)).toBe(false)
  })

  it('throws a ContractError when the body is not JSON', async () => {
    stubFetch(() => Promise.resolve(new Response('<html>Gateway page</html>', { status: 200 })))
    const error = await failure(fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema))
    expect(error).toBeInstanceOf(ContractError)
    expect((error as ContractError).issues).toEqual([{ path: '$', message: 'is not valid JSON' }])
  })

  it('throws a transient NetworkError when the body stops part-way, so it is tried again', async () => {
    const whole = JSON.stringify(doc)
    for (const cut of [whole.length / 2, whole.indexOf('"The harbour') + 5]) {
      stubFetch(() => Promise.resolve(new Response(whole.slice(0, cut), { status: 200 })))
      const error = await failure(fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema))
      expect(error).toBeInstanceOf(NetworkError)
      expect((error as NetworkError).reason).toBe('cut-off')
      expect(isTransient(error)).toBe(true)
    }
  })

  it('gives up on a server that does not answer in time, as a transient NetworkError', async () => {
    vi.useFakeTimers()
    try {
      // A stalled server: the answer never comes, until the request is aborted.
      stubFetch(stalled)
      const pending = failure(fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema))
      await vi.advanceTimersByTimeAsync(ANSWER_TIMEOUT_MS - 1)
      let settled = false
      void pending.then(() => (settled = true))
      await vi.advanceTimersByTimeAsync(0)
      expect(settled).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      const error = await pending
      expect(error).toBeInstanceOf(NetworkError)
      expect((error as NetworkError).reason).toBe('timeout')
      expect(isTransient(error)).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('stops waiting when the reader moves on, without calling it a failure', async () => {
    const controller = new AbortController()
    stubFetch(stalled)
    const pending = failure(
      fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema, controller.signal),
    )
    controller.abort()
    const error = await pending
    expect(error).toBeInstanceOf(DOMException)
    expect(error).not.toBeInstanceOf(NetworkError)
  })

  it('refuses an answer larger than any page’s data, by its stated size or once read', async () => {
    const huge = JSON.stringify({
      ...doc,
      article: { ...doc.article, headline: 'A'.repeat(ANSWER_MAX_CHARS) },
    })
    const stated = new Response(huge, { headers: { 'content-length': String(huge.length) } })
    const body = vi.spyOn(stated, 'text')
    stubFetch(() => Promise.resolve(stated))
    const error = await failure(fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema))
    expect(error).toBeInstanceOf(ContractError)
    expect((error as ContractError).issues[0]?.message).toMatch(/^is larger than the 2 MB/)
    expect(body).not.toHaveBeenCalled()
    // Sent without a length (streamed): refused once read.
    stubFetch(() => Promise.resolve(new Response(huge)))
    const unstated = await failure(
      fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema),
    )
    expect(unstated).toBeInstanceOf(ContractError)
    expect(isTransient(unstated)).toBe(false)
  })

  describe('with a reader of answers (the prerender, from the API on its disk)', () => {
    it('parses what the reader holds without asking the network', async () => {
      const fetchMock = stubFetch(() => Promise.reject(new Error('no network here')))
      const read = vi.fn((url: string) =>
        url.endsWith('/api/articles/harbour-reopens.json') ? JSON.stringify(doc) : undefined,
      )
      readAnswersWith(read)
      const result = await fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema)
      expect(result.article.headline).toBe('Port Ellery harbour reopens')
      expect(read).toHaveBeenCalledTimes(1)
      expect(fetchMock).not.toHaveBeenCalled()
    })

    it('answers 404 for what the reader says is not there', async () => {
      stubFetch(() => Promise.resolve(json(doc)))
      readAnswersWith(() => null)
      const error = await failure(fetchJson('articles/missing.json', ArticleDocumentSchema))
      expect(error).toBeInstanceOf(HttpError)
      expect((error as HttpError).status).toBe(404)
    })

    it('checks what the reader holds against the schema, as an answer from the network', async () => {
      readAnswersWith(() => JSON.stringify({ ...doc, article: { ...doc.article, headline: 7 } }))
      const error = await failure(fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema))
      expect(error).toBeInstanceOf(ContractError)
      expect((error as ContractError).message).toMatch(/headline/)
    })

    it('calls a file that ends part-way not valid JSON, not a network failure to try again', async () => {
      readAnswersWith(() => JSON.stringify(doc).slice(0, 60))
      const error = await failure(fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema))
      expect(error).toBeInstanceOf(ContractError)
      expect(isTransient(error)).toBe(false)
      expect((error as ContractError).message).toBe('$: is not valid JSON: it ends part-way')
    })

    it('asks the network for a URL the reader does not hold', async () => {
      const fetchMock = stubFetch(() => Promise.resolve(json(doc)))
      readAnswersWith(() => undefined)
      const result = await fetchJson('articles/harbour-reopens.json', ArticleDocumentSchema)
      expect(result).toEqual(doc)
      expect(fetchMock).toHaveBeenCalledTimes(1)
    })
  })
})
