// @vitest-environment node
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { contentEnv, contentHeapFlags, contentHeapMb, INGEST_POOL, ingestEnv } from './heap'

describe("the content build's process", () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-heap-'))
  })
  afterEach(async () => {
    vi.unstubAllEnvs()
    await rm(dir, { recursive: true, force: true })
  })

  it('gets a heap limit that grows with the stories in the content folder', async () => {
    await mkdir(path.join(dir, 'articles'))
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        writeFile(path.join(dir, 'articles', `story-${i}.json`), '{}'),
      ),
    )
    // Not a story: the build reads only the JSON files.
    await writeFile(path.join(dir, 'articles', 'notes.txt'), '')
    expect(contentHeapFlags(dir)).toContain(`--max-old-space-size=${contentHeapMb(30)}`)
    expect(contentHeapMb(100_000)).toBeGreaterThan(contentHeapMb(10_000))
    // A folder with no articles still builds (the build itself names what is missing).
    expect(contentHeapFlags(path.join(dir, 'nowhere'))).toContain(
      `--max-old-space-size=${contentHeapMb(0)}`,
    )
  })

  it('takes the limit the desk sets instead', () => {
    vi.stubEnv('DISPATCH_CONTENT_HEAP_MB', '3000')
    expect(contentHeapFlags(dir)).toContain('--max-old-space-size=3000')
  })

  it("keeps malloc to two arenas and its big blocks mapped, in the caller's environment, unless it says otherwise", () => {
    const env = contentEnv({ SOURCE_DATE_EPOCH: '1796400000' })
    expect(env).toEqual({
      SOURCE_DATE_EPOCH: '1796400000',
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
    })
    expect(contentEnv({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX).toBe('8')
    expect(contentEnv({ MALLOC_MMAP_THRESHOLD_: '4194304' }).MALLOC_MMAP_THRESHOLD_).toBe('4194304')
  })

  it.each(['content', 'refresh'])(
    'runs with the same malloc settings when the desk starts it as npm run %s',
    async (script) => {
      // `npm run refresh -- --watch` stays running and makes pictures' renditions as they come:
      // the settings npm run build gives its content step matter as much there (decision 062).
      const mallocOf = await scriptEnv(script, 'MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_')
      const { MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_ } = contentEnv({})
      expect(mallocOf({})).toBe(`${MALLOC_ARENA_MAX} ${MALLOC_MMAP_THRESHOLD_}`)
      expect(mallocOf({ MALLOC_ARENA_MAX: '8' })).toBe(`8 ${MALLOC_MMAP_THRESHOLD_}`)
    },
  )
})

describe("ingest's process", () => {
  it("runs libuv's pool on one thread, as npm run ingest starts it, unless the caller says otherwise", async () => {
    expect(ingestEnv({ SOURCE_DATE_EPOCH: '1796400000' })).toEqual({
      SOURCE_DATE_EPOCH: '1796400000',
      UV_THREADPOOL_SIZE: INGEST_POOL,
    })
    expect(ingestEnv({ UV_THREADPOOL_SIZE: '4' }).UV_THREADPOOL_SIZE).toBe('4')
    // The bench measures ingest in that environment: the newsroom's command must run in the same.
    const poolOf = await scriptEnv('ingest', 'UV_THREADPOOL_SIZE')
    expect(poolOf({})).toBe(INGEST_POOL)
    expect(poolOf({ UV_THREADPOOL_SIZE: '4' })).toBe('4')
  })
})

/**
 * An npm script's command as npm runs it (through `sh`), with Node printing these variables of its
 * environment in place of the script it starts: a function of the caller's environment.
 */
async function scriptEnv(name: string, ...vars: string[]) {
  const { scripts } = JSON.parse(await readFile('package.json', 'utf8')) as {
    scripts: Record<string, string>
  }
  const script = scripts[name] ?? ''
  const print = vars.map((v) => `process.env.${v}`).join(" + ' ' + ")
  const command = script.replace(/tsx scripts\/\S+\.ts/, `"${process.execPath}" -p "${print}"`)
  expect(command).not.toBe(script)
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !vars.includes(k)))
  return (more: NodeJS.ProcessEnv) =>
    execFileSync('sh', ['-c', command], { env: { ...env, ...more }, encoding: 'utf8' }).trim()
}
