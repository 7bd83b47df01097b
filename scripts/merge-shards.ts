// `tsx scripts/merge-shards.ts --out <site> <shard dist> <shard dist> …`: puts together the sites
// that `npm run build -- --shard i/n` built, one a shard, into one new folder. A file that more
// than one shard has (the API, the scripts, the shared pages) must have the same bytes in each:
// if one differs, the merge stops naming it, and nothing is left at --out.
import { existsSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { removeLeftovers, workingName } from './lib/leftovers'

const { values, positionals } = parseArgs({
  options: { out: { type: 'string' } },
  allowPositionals: true,
})
const out = values.out
if (!out || positionals.length === 0) {
  console.error('usage: tsx scripts/merge-shards.ts --out <site> <shard dist> [<shard dist> …]')
  process.exit(2)
}
if (existsSync(out)) {
  console.error(`--out ${out} exists already: merge into a new folder (nothing is overwritten)`)
  process.exit(1)
}

// A merge killed part-way left its staging folder: gone, unless that merge is still running.
removeLeftovers(out, ['tmp'])
const staging = workingName(out, 'tmp')
/** Where each file came from first, by its path in the site. */
const from = new Map<string, string>()
try {
  await mkdir(staging, { recursive: true })
  for (const shard of positionals) {
    const entries = await readdir(shard, { recursive: true, withFileTypes: true })
    for (const entry of entries) {
      if (!entry.isFile()) continue
      const source = path.join(entry.parentPath, entry.name)
      const file = path.relative(shard, source)
      const first = from.get(file)
      if (first === undefined) {
        from.set(file, shard)
        await mkdir(path.dirname(path.join(staging, file)), { recursive: true })
        await copyFile(source, path.join(staging, file))
      } else if (!(await readFile(source)).equals(await readFile(path.join(staging, file)))) {
        throw new Error(
          `${file} differs between ${first} and ${shard}: were the shards built from the same content and code?`,
        )
      }
    }
  }
  await rename(staging, out)
  console.log(`merged ${positionals.length} shards into ${out}: ${from.size} files`)
} catch (error) {
  await rm(staging, { recursive: true, force: true })
  console.error((error as Error).message)
  process.exit(1)
}
