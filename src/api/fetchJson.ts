import * as v from 'valibot'
import { apiUrl } from './config'
import { ContractError, HttpError, NetworkError } from './errors'
import { apiFiles, type ApiFileName } from '../app/siteMap'
import { issuePath } from '../content/issuePath'

/** Fetches one API resource and parses it with its schema: what comes out is typed and checked. */
export async function fetchJson<S extends v.GenericSchema>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<v.InferOutput<S>> {
  const url = apiUrl(path)
  let response: Response
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: signal ?? null })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new NetworkError(url)
  }
  if (!response.ok) throw new HttpError(response.status, url)
  let json: unknown
  try {
    json = await response.json()
  } catch {
    throw new ContractError(url, [{ path: '$', message: 'is not valid JSON' }])
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
