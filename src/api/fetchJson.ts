import * as v from 'valibot'
import { apiUrl } from './config'
import { ContractError, HttpError, NetworkError } from './errors'
import { apiFiles, type ApiFileName } from '../app/siteMap'
import { issuePath } from '../content/issuePath'
import { ANSWER_MAX_CHARS, ANSWER_TIMEOUT_MS } from './limits'

/** Whether `text` is JSON cut off part-way: an object, array or string never closed. */
function cutOff(text: string): boolean {
  let depth = 0
  let inString = false
  let escaped = false
  for (const char of text) {
    if (inString) {
      if (escaped) escaped = false
      else if (char === '\\') escaped = true
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '{' || char === '[') depth++
    else if (char === '}' || char === ']') depth--
  }
  return inString || depth > 0
}

const tooBig = (url: string) =>
  new ContractError(url, [
    {
      path: '$',
      message: `is larger than the ${ANSWER_MAX_CHARS / 1e6} MB any page's data can be`,
    },
  ])

/**
 * An API URL's answer read where it lies rather than asked for: the text of its file, null when
 * there is none (a 404), undefined for a URL the reader does not hold (asked for as usual).
 */
export type AnswerReader = (url: string) => string | null | undefined

let readAnswer: AnswerReader | undefined

/**
 * Has fetchJson read answers with `reader` first: the prerender's, from the built API on its own
 * disk. Through a stand-in for `fetch`, a Response, its body's stream and the request's timer
 * were a tenth of a page's rendering (docs/decisions/069).
 */
export function readAnswersWith(reader: AnswerReader | undefined) {
  readAnswer = reader
}

/** The answer's text, from the network: no whole answer, or an error status, throws. */
async function answerText(url: string, signal: AbortSignal | undefined): Promise<string> {
  // The caller's signal (the reader moved on) or our own time-out, whichever comes first.
  const controller = new AbortController()
  const timeout = setTimeout(() => {
    controller.abort(new NetworkError(url, 'timeout'))
  }, ANSWER_TIMEOUT_MS)
  const forward = () => {
    controller.abort(signal?.reason)
  }
  signal?.addEventListener('abort', forward)
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: controller.signal,
    })
    if (!response.ok) throw new HttpError(response.status, url)
    // Refused before reading when the server says how big it is, else once read.
    if (Number(response.headers.get('content-length')) > ANSWER_MAX_CHARS) throw tooBig(url)
    return await response.text()
  } catch (error) {
    if (error instanceof HttpError || error instanceof ContractError || signal?.aborted) throw error
    // A body that stops mid-way fails while it is read: that, too, is no whole answer.
    throw controller.signal.reason instanceof NetworkError
      ? controller.signal.reason
      : new NetworkError(url)
  } finally {
    clearTimeout(timeout)
    signal?.removeEventListener('abort', forward)
  }
}

/**
 * Fetches one API resource and parses it with its schema: what comes out is typed and checked.
 * Fails with NetworkError (worth retrying) when no whole answer comes, HttpError on an error
 * status, ContractError when the answer is complete but not what the contract says.
 */
export async function fetchJson<S extends v.GenericSchema>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<v.InferOutput<S>> {
  const url = apiUrl(path)
  const read = readAnswer?.(url)
  if (read === null) throw new HttpError(404, url)
  const text = read ?? (await answerText(url, signal))
  if (text.length > ANSWER_MAX_CHARS) throw tooBig(url)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    // Over the network an answer that stops part-way is worth asking for again; a file read where
    // it lies (the prerender's) is as it will stay: its build stopped, or another is writing it.
    const partWay = cutOff(text)
    if (partWay && read === undefined) throw new NetworkError(url, 'cut-off')
    const message = partWay ? 'is not valid JSON: it ends part-way' : 'is not valid JSON'
    throw new ContractError(url, [{ path: '$', message }])
  }
  const result = v.safeParse(schema, json)
  if (!result.success) {
    throw new ContractError(
      url,
      result.issues.map((issue) => ({ path: issuePath(issue), message: issue.message })),
    )
  }
  return result.output
}

type ApiFiles = typeof apiFiles

/**
 * One file of the static API, by its name in the site map: fetched from the path the map gives it
 * and parsed with the schema the map declares for it.
 */
export function fetchApiFile<N extends ApiFileName>(
  name: N,
  params: Record<string, string>,
  signal?: AbortSignal,
): Promise<v.InferOutput<ApiFiles[N]['schema']>> {
  const { file, schema } = apiFiles[name]
  return fetchJson(file.fill(params), schema, signal)
}
