// @vitest-environment node
import { execFileSync } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
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

  it('keeps the heap near what is live, however high its limit', () => {
    // With V8's own choice (up to 4 times what a full collection found live, when the limit is
    // 2 GB or more) the probe's old generation peaked at 4.3-4.9 times, with the build's 2.0-2.3.
    vi.stubEnv('DISPATCH_CONTENT_HEAP_MB', '4000')
    expect(heapPeakOverLive(contentHeapFlags(dir))).toBeLessThan(3)
  }, 60_000)

  it('bounds the growth of a process already running, as npm run refresh does', () => {
    const heap = pathToFileURL(path.resolve('scripts/lib/heap.ts')).href
    const bounded = `(await import(${JSON.stringify(heap)})).boundHeapGrowth();`
    expect(
      heapPeakOverLive(['--max-old-space-size=4000', '--import', 'tsx'], bounded),
    ).toBeLessThan(3)
  }, 60_000)

  it('runs npm run content in a process of its own with the flags and malloc settings of the build', async () => {
    // The seed story and the registers: a build of a second or two.
    const content = path.join(dir, 'content')
    await mkdir(path.join(content, 'articles'), { recursive: true })
    for (const register of ['entities.json', 'sections.json', 'authors.json'])
      await copyFile(path.join('content', register), path.join(content, register))
    const seed =
      'trump-speaks-with-putin-ally-lukashenko-thanks-him-for-prisoner-release-ahead-of-alaska-summit.json'
    await copyFile(path.join('content/articles', seed), path.join(content, 'articles', seed))
    // Each Node process npm starts writes its arguments, flags and heap limit as it ends.
    const probe = path.join(dir, 'probe.cjs')
    const seen = path.join(dir, 'processes.jsonl')
    await writeFile(
      probe,
      `const { appendFileSync } = require('node:fs')
      const v8 = require('node:v8')
      process.on('exit', () => appendFileSync(${JSON.stringify(seen)}, JSON.stringify({
        argv: process.argv,
        execArgv: process.execArgv,
        limitMb: v8.getHeapStatistics().heap_size_limit / 2 ** 20,
        arenas: process.env.MALLOC_ARENA_MAX,
      }) + '\\n'))`,
    )
    vi.stubEnv('DISPATCH_CONTENT_HEAP_MB', '777')
    const out = path.join(dir, 'site', 'api')
    execFileSync('npm', ['run', 'content', '--', '--content', content, '--out', out], {
      env: { ...process.env, NODE_OPTIONS: `--require ${probe}`, MALLOC_ARENA_MAX: '' },
      stdio: 'pipe',
    })
    expect(JSON.parse(await readFile(path.join(out, 'front.json'), 'utf8'))).toBeTruthy()
    const processes = (await readFile(seen, 'utf8'))
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            argv: string[]
            execArgv: string[]
            limitMb: number
            arenas?: string
          },
      )
    const flagged = processes.filter((p) => p.execArgv.includes(contentHeapFlags(content)[2] ?? ''))
    expect(flagged).toHaveLength(1)
    const [build] = flagged
    expect(build?.argv.slice(1)).toEqual([
      path.resolve('scripts/build-content.ts'),
      '--content',
      content,
      '--out',
      out,
    ])
    expect(build?.execArgv).toEqual(expect.arrayContaining(contentHeapFlags(content)))
    // The limit is the old generation's and the young one's.
    expect(build?.limitMb).toBeGreaterThanOrEqual(777)
    expect(build?.limitMb).toBeLessThan(777 + 200)
    expect(build?.arenas).toBe(contentEnv({}).MALLOC_ARENA_MAX)
  }, 60_000)

  it('takes the limit the desk sets instead', () => {
    vi.stubEnv('DISPATCH_CONTENT_HEAP_MB', '3000')
    expect(contentHeapFlags(dir)).toContain('--max-old-space-size=3000')
  })

  it("keeps malloc to two arenas, its big blocks mapped and room at its top, in the caller's environment, unless it says otherwise", () => {
    const env = contentEnv({ SOURCE_DATE_EPOCH: '1796400000' })
    expect(env).toEqual({
      SOURCE_DATE_EPOCH: '1796400000',
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
      MALLOC_TOP_PAD_: '16777216',
    })
    expect(contentEnv({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX).toBe('8')
    expect(contentEnv({ MALLOC_MMAP_THRESHOLD_: '4194304' }).MALLOC_MMAP_THRESHOLD_).toBe('4194304')
  })

  it.each(['content', 'refresh'])(
    'runs with the same malloc settings when the desk starts it as npm run %s',
    async (script) => {
      // `npm run refresh -- --watch` stays running and makes pictures' renditions as they come:
      // the settings npm run build gives its content step matter as much there (decision 062).
      const mallocOf = await scriptEnv(
        script,
        'MALLOC_ARENA_MAX',
        'MALLOC_MMAP_THRESHOLD_',
        'MALLOC_TOP_PAD_',
      )
      const { MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_, MALLOC_TOP_PAD_ } = contentEnv({})
      const rest = `${MALLOC_MMAP_THRESHOLD_} ${MALLOC_TOP_PAD_}`
      expect(mallocOf({})).toBe(`${MALLOC_ARENA_MAX} ${rest}`)
      expect(mallocOf({ MALLOC_ARENA_MAX: '8' })).toBe(`8 ${rest}`)
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
 * A script's old generation at its peak against what is live at its end, run with these flags
 * after `prelude`: a live set that grows, as the build's facts do, among batches that outlive a
 * few young collections before they go, as the stories in flight do.
 */
function heapPeakOverLive(flags: string[], prelude = '') {
  const probe = `${prelude}
    const v8 = await import('node:v8')
    const old = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')
    const live = []
    const batches = []
    let peak = 0
    for (let i = 0; i < 200; i++) {
      for (let j = 0; j < 2500; j++) live.push({ key: 'story-' + i + '-' + j, at: [i, j], n: j })
      batches.push(
        Array.from({ length: 20000 }, (_, j) => ({ text: 'x'.repeat(20) + j, at: [j, i, 0] })),
      )
      if (batches.length > 4) batches.shift()
      peak = Math.max(peak, old().space_size)
    }
    batches.length = 0
    globalThis.gc()
    console.log(JSON.stringify({ stories: live.length, peak, live: old().space_used_size }))`
  const out = execFileSync(
    process.execPath,
    [...flags, '--expose-gc', '--input-type=module', '-e', probe],
    { encoding: 'utf8' },
  )
  const { stories, peak, live } = JSON.parse(out) as { stories: number; peak: number; live: number }
  expect(stories).toBe(500_000)
  return peak / live
}

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
