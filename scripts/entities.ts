// `npm run entities -- add|drop|list …`: adds people, places and organisations to the gazetteer
// (content/entities.json) from flags or a file, checked as the content build checks it; drops
// stubs from the pending file; lists both.
import { parseArgs } from 'node:util'
import { addEntities, gazetteerFile, type AddResult } from './entities/add'
import { readJsonArray } from './entities/json'
import { dropPending, readPending, relinkCommands } from './entities/pending'

const usage = `usage: npm run entities -- <command> [options]
  add --name <name> --kind <kind> --description <one line> [--alias <name>]...
      [--ambiguous <alias>]... [--id <id>]
                         adds one entity to the gazetteer; kind is person, place or organisation;
                         the id defaults to the name's slug (accents folded: "Zoran Vidmaršek" is
                         zoran-vidmarsek); --alias once for each other name it goes by;
                         --ambiguous for an alias that names it only once a story has named it in
                         full ("Harbour Authority")
  add --file <file>      adds every entry of a JSON file, [{ "name", "kind", "description",
                         "aliases"?, "id"? }, …], and takes them out of it; stubs from
                         ingest --accept-suggestions whose description is still empty stay there
  drop <name>...         removes stubs from the pending file (names ingest suggested that are not
                         entities)
  list                   the gazetteer, then the stubs waiting in the pending file
  --content <dir>        content folder (default "content")
Every entry is checked as the content build checks the gazetteer; if one is wrong, nothing is added.
Then link the names in the stories (ingest again with --force) and publish (npm run refresh).`

const ADD_FLAGS = ['name', 'kind', 'description', 'alias', 'ambiguous', 'id', 'file'] as const

function usageError(message: string): never {
  console.error(`entities: ${message}\n${usage}`)
  process.exit(2)
}

async function printAdded(result: AddResult, contentDir: string) {
  for (const { entry } of result.added) {
    console.log(`${result.gazetteer}: added ${entry.id} "${entry.name}" (${entry.kind})`)
  }
  for (const note of result.notes) console.log(`  warning: ${note}`)
  if (result.file !== undefined) {
    const { length } = result.waiting
    console.log(
      length === 0
        ? `${result.file}: ${result.added.length} taken out; nothing left in it`
        : `${result.file}: ${length} still to complete (no description yet): ${result.waiting.map((w) => w.name).join(', ')}`,
    )
  }
  const commands = await relinkCommands(
    result.added.flatMap((a) => a.origins),
    contentDir,
  )
  if (commands.length > 0) {
    console.log('Link them in the stories they came from, then publish (npm run refresh):')
    for (const command of commands) console.log(`  ${command}`)
  } else {
    console.log(
      'Stories ingested from now on link them; ingest a story again with --force to link it.',
    )
  }
}

async function list(contentDir: string) {
  const gazetteer = await readJsonArray(gazetteerFile(contentDir))
  const pending = await readPending(contentDir)
  const rows = [...gazetteer.value, ...pending.value].filter(
    (e): e is Record<string, unknown> => typeof e === 'object' && e !== null,
  )
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  const width = Math.max(0, ...rows.map((e) => text(e.id).length))
  const line = (e: Record<string, unknown>) => {
    const aliases = Array.isArray(e.aliases) ? (e.aliases as unknown[]).filter((a) => a) : []
    const also = aliases.length > 0 ? `  (also ${aliases.map(text).join(', ')})` : ''
    return `  ${text(e.id).padEnd(width)}  ${(text(e.kind) || '?').padEnd(12)}  ${text(e.name)}${also}`
  }
  console.log(`${gazetteer.file}: ${gazetteer.value.length} entities`)
  for (const e of rows.slice(0, gazetteer.value.length)) console.log(line(e))
  console.log(`${pending.file}: ${pending.value.length} waiting`)
  for (const e of rows.slice(gazetteer.value.length)) console.log(line(e))
}

async function main() {
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        kind: { type: 'string' },
        description: { type: 'string' },
        alias: { type: 'string', multiple: true },
        ambiguous: { type: 'string', multiple: true },
        id: { type: 'string' },
        file: { type: 'string' },
        content: { type: 'string', default: 'content' },
        help: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    usageError((error as Error).message)
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help) {
    console.log(usage)
    process.exit(0)
  }
  const contentDir = values.content
  const addFlags = ADD_FLAGS.filter((flag) => values[flag] !== undefined)

  if (command === 'add') {
    if (rest.length > 0) usageError(`add takes flags, not "${rest.join(' ')}"`)
    if (values.file !== undefined) {
      if (addFlags.length > 1) usageError('add takes --file or the entry as flags, not both')
      await printAdded(await addEntities(contentDir, { file: values.file }), contentDir)
      return
    }
    const { name, kind, description, id } = values
    if (name === undefined || kind === undefined || description === undefined) {
      const missing = (['name', 'kind', 'description'] as const).filter(
        (f) => values[f] === undefined,
      )
      usageError(`add needs ${missing.map((f) => `--${f}`).join(', ')} (or --file)`)
    }
    const flags = {
      name,
      kind,
      description,
      aliases: values.alias ?? [],
      ambiguous: values.ambiguous ?? [],
    }
    const input = { flags: id === undefined ? flags : { ...flags, id } }
    await printAdded(await addEntities(contentDir, input), contentDir)
  } else if (command === 'drop') {
    if (addFlags.length > 0) usageError('drop takes the names of stubs, and no other flags')
    if (rest.length === 0) usageError('drop needs the name of at least one stub')
    const { file, dropped, left } = await dropPending(contentDir, rest)
    console.log(`${file}: ${dropped} dropped, ${left} waiting`)
  } else if (command === 'list') {
    if (addFlags.length > 0 || rest.length > 0) usageError('list takes only --content')
    await list(contentDir)
  } else {
    usageError(command === undefined ? 'give a command' : `no command "${command}"`)
  }
}

try {
  await main()
} catch (error) {
  console.error(`entities: ${(error as Error).message}`)
  process.exit(1)
}
