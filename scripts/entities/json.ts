// The JSON files the entities command reads and writes: the gazetteer, the pending stubs and the
// editor's own files. Each is written whole (temp file, then rename), only if nobody changed it
// since it was read, and formatted as the project's Prettier settings format it, so that `git diff`
// shows only what changed.
import { fileURLToPath } from 'node:url'
import { format, resolveConfig, type Options } from 'prettier'
import { readFile, writeWhole } from '../lib/fs'

/** A JSON file as read: its bytes (undefined when there is no file) and its value. */
export interface JsonFile {
  file: string
  text: string | undefined
  value: unknown
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

/**
 * Reads a JSON file. A missing file gives `ifMissing` when one is given (and an error otherwise);
 * a file that is not JSON is an error naming it.
 */
export async function readJson(file: string, ifMissing?: unknown): Promise<JsonFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (missing(error) && ifMissing !== undefined)
      return { file, text: undefined, value: ifMissing }
    throw new Error(
      missing(error) ? `${file}: no such file` : `${file}: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
  try {
    return { file, text, value: JSON.parse(text) as unknown }
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error })
  }
}

/** Reads a file that must hold a JSON array (of entities, or of entries to add). */
export async function readJsonArray(
  file: string,
  ifMissing?: unknown[],
): Promise<JsonFile & { value: unknown[] }> {
  const read = await readJson(file, ifMissing)
  if (!Array.isArray(read.value)) {
    throw new Error(`${file}: must be a JSON array of entries, [ { … }, … ]`)
  }
  return { ...read, value: read.value as unknown[] }
}

let settings: Promise<Options> | undefined
/** The project's Prettier settings (the repository's, wherever the content folder is). */
const prettierSettings = () =>
  (settings ??= resolveConfig(fileURLToPath(import.meta.url)).then((found) => ({
    ...found,
    parser: 'json',
  })))

/**
 * A value as JSON text the way Prettier writes it: two-space indent, objects one key a line, short
 * arrays of names on one line, a final newline.
 */
export async function formatJson(value: unknown): Promise<string> {
  return format(JSON.stringify(value, null, 2), await prettierSettings())
}

/**
 * The text of a JSON array file with `items` appended, every byte before them as it was: the
 * entries already there keep their formatting, whatever it is, and the new ones are formatted as
 * Prettier would. Checked by parsing the result back.
 */
export async function appendToArray(
  text: string,
  before: readonly unknown[],
  items: readonly unknown[],
): Promise<string> {
  const all = [...before, ...items]
  const formatted = await formatJson(items)
  const close = text.lastIndexOf(']')
  const head = text.slice(0, close).trimEnd()
  let out: string
  if (before.length === 0 || close < 0 || !head.endsWith('}')) {
    out = await formatJson(all)
  } else {
    // The formatted items without their own brackets: "  {\n    …\n  }" for each.
    const inner = formatted.slice(formatted.indexOf('[') + 1, formatted.lastIndexOf(']')).trim()
    out = `${head},\n  ${inner}\n]\n`
  }
  if (JSON.stringify(JSON.parse(out)) !== JSON.stringify(all)) out = await formatJson(all)
  return out
}

/**
 * Writes `text` over `read.file` whole, if the file still holds the bytes it held when read (or is
 * still absent): an edit made meanwhile, by hand or by another run, is never overwritten.
 */
export async function replaceIfUnchanged(read: Pick<JsonFile, 'file' | 'text'>, text: string) {
  const now = await readFile(read.file, 'utf8').catch((error: unknown) => {
    if (missing(error)) return undefined
    throw error
  })
  if (now !== read.text) {
    throw new Error(`${read.file} changed while this ran; nothing written: run the command again`)
  }
  await writeWhole(read.file, text)
}
