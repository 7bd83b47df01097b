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
})

describe("ingest's process", () => {
  it("runs libuv's pool on one thread, as npm run ingest starts it, unless the caller says otherwise", async () => {
    expect(ingestEnv({ SOURCE_DATE_EPOCH: '1796400000' })).toEqual({
      SOURCE_DATE_EPOCH: '1796400000',
      UV_THREADPOOL_SIZE: INGEST_POOL,
    })
    expect(ingestEnv({ UV_THREADPOOL_SIZE: '4' }).UV_THREADPOOL_SIZE).toBe('4')
    // The bench measures ingest in that environment: the newsroom's command must run in the same.
    // Its command as npm runs it, with Node printing the pool's size in place of the script.
    const { scripts } = JSON.parse(await readFile('package.json', 'utf8')) as {
      scripts: Record<string, string>
    }
    const command = (scripts.ingest ?? '').replace(
      'tsx scripts/ingest.ts',
      `"${process.execPath}" -p process.env.UV_THREADPOOL_SIZE`,
    )
    expect(command).not.toBe(scripts.ingest)
    const env = { ...process.env }
    delete env.UV_THREADPOOL_SIZE
    const poolOf = (more: NodeJS.ProcessEnv) =>
      execFileSync('sh', ['-c', command], { env: { ...env, ...more }, encoding: 'utf8' }).trim()
    expect(poolOf({})).toBe(INGEST_POOL)
    expect(poolOf({ UV_THREADPOOL_SIZE: '4' })).toBe('4')
  })
})
