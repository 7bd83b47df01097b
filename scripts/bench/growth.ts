// `npm run bench:content -- --sizes 10000,40000,100000`: the content benchmark at each size (with
// a tenth as many entities), one after another, each in its own process and archive, then how the
// figures grow: a table, and a projection to 1,000,000 stories from the measured slope.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/** What one size's run reports (bench-content.ts `--json`). */
export interface SizeFigures {
  stories: number
  ingestPerSecond: number
  /** Content build, prerender and precompress of the whole site, in seconds. */
  buildSeconds: number
  contentPeakMb: number
  /** One story edited (re-ingested) and live after a refresh, in process: the median of three. */
  editSeconds: number
  /** The fastest and slowest of the three edits: their spread, to tell a change from noise. */
  editRangeSeconds: [number, number]
  /** The same edit's whole command, the look at every story file that follows included. */
  editAllSeconds: number
  /** The same edit under a watching refresh (`npm run refresh -- --watch`), warm: the median. */
  editWatchedSeconds: number
  /** One story corrected, and one withdrawn, each live after a refresh. */
  correctSeconds: number
  withdrawSeconds: number
  /** A new story, the newest, published by a refresh (live). */
  publishSeconds: number
}

/** The least-squares line through the points, at `x`. */
export function project(points: readonly [number, number][], x: number): number | undefined {
  if (points.length < 2) return undefined
  const n = points.length
  const mx = points.reduce((s, [px]) => s + px, 0) / n
  const my = points.reduce((s, [, py]) => s + py, 0) / n
  const sxx = points.reduce((s, [px]) => s + (px - mx) ** 2, 0)
  if (sxx === 0) return undefined
  const slope = points.reduce((s, [px, py]) => s + (px - mx) * (py - my), 0) / sxx
  return my + slope * (x - mx)
}

const TARGET = 1_000_000

/** One edit's median and, in brackets, its fastest and slowest: `0.42 (0.38-0.43)`. */
const editSpread = (r: SizeFigures, unit = '') =>
  `${r.editSeconds.toFixed(2)}${unit} (${r.editRangeSeconds.map((v) => v.toFixed(2)).join('-')})`

export function growthTable(rows: readonly SizeFigures[]): string[] {
  const header = [
    'stories',
    'ingest/s',
    'full build s',
    'content peak MB',
    'edit live s (range)',
    'edit in all s',
    'edit watched s',
    'correct live s',
    'withdraw live s',
    'publish live s',
  ]
  const cells = rows.map((r) => [
    r.stories.toLocaleString('en-GB'),
    r.ingestPerSecond.toFixed(0),
    r.buildSeconds.toFixed(1),
    r.contentPeakMb.toFixed(0),
    editSpread(r),
    r.editAllSeconds.toFixed(2),
    r.editWatchedSeconds.toFixed(2),
    r.correctSeconds.toFixed(2),
    r.withdrawSeconds.toFixed(2),
    r.publishSeconds.toFixed(2),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)))
  const format = (row: string[]) => row.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')
  const lines = [format(header), ...cells.map(format)]
  const at = (pick: (r: SizeFigures) => number) =>
    project(
      rows.map((r): [number, number] => [r.stories, pick(r)]),
      TARGET,
    )
  const build = at((r) => r.buildSeconds)
  const memory = at((r) => r.contentPeakMb)
  const edit = at((r) => r.editSeconds)
  // A figure that falls as the archive grows is noise at these sizes, not a trend to project.
  const shown = (value: number, text: (v: number) => string) =>
    value < 0 ? 'n/a (falls with size: noise)' : text(value)
  lines.push(editAcrossSizes(rows))
  lines.push(
    build === undefined || memory === undefined || edit === undefined
      ? `projected to ${TARGET.toLocaleString('en-GB')} stories: needs two sizes or more`
      : `projected to ${TARGET.toLocaleString('en-GB')} stories (straight line through the sizes above): ` +
          `full build ${shown(build, (v) => `${(v / 60).toFixed(0)} min`)}, ` +
          `content peak ${shown(memory, (v) => `${(v / 1024).toFixed(1)} GB`)}, ` +
          `one edit live ${shown(edit, (v) => `${v.toFixed(1)} s`)}`,
  )
  return lines
}

/** One size's edits: the median, and the fastest and slowest, to tell a change from noise. */
interface EditSpread {
  stories: number
  median: number
  low: number
  high: number
}

/**
 * The verdict on one edit at two sizes: the same within noise when their spreads overlap;
 * `how` says which edits.
 */
function editVerdict(how: string, small: EditSpread, large: EditSpread): string {
  const count = (n: number) => n.toLocaleString('en-GB')
  const at = (e: EditSpread) =>
    `${e.median.toFixed(2)} s (${e.low.toFixed(2)}-${e.high.toFixed(2)}) at ${count(e.stories)}`
  const overlap = small.low <= large.high && large.low <= small.high
  return (
    `one edit live${how}: ${at(small)}, ${at(large)} stories: ` +
    (overlap
      ? 'the same within noise (the spreads overlap)'
      : `${large.median > small.median ? 'slower' : 'faster'} at ${count(large.stories)} (the spreads do not overlap)`)
  )
}

/**
 * Whether one edit costs the same at the smallest size and the largest: the same within noise when
 * the two sizes' spreads of three edits overlap.
 */
export function editAcrossSizes(rows: readonly SizeFigures[]): string {
  const bySize = [...rows].sort((a, b) => a.stories - b.stories)
  const small = bySize[0]
  const large = bySize.at(-1)
  if (!small || !large || small === large) return 'one edit across sizes: needs two sizes or more'
  const spread = (r: SizeFigures): EditSpread => ({
    stories: r.stories,
    median: r.editSeconds,
    low: r.editRangeSeconds[0],
    high: r.editRangeSeconds[1],
  })
  return editVerdict('', spread(small), spread(large))
}

/** Edits made again in the smallest and largest sizes' archives, alternately: five each. */
const ALTERNATED_EDITS = 5

/**
 * Whether one edit costs the same at two sizes, from edits made alternately in their archives:
 * the same within noise when their spreads overlap.
 */
export function alternatedEdits(
  small: number,
  smallTimes: readonly number[],
  large: number,
  largeTimes: readonly number[],
): string {
  const spread = (stories: number, times: readonly number[]): EditSpread => {
    const sorted = [...times].sort((a, b) => a - b)
    return {
      stories,
      median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
      low: sorted[0] ?? Number.NaN,
      high: sorted.at(-1) ?? Number.NaN,
    }
  }
  return editVerdict(
    `, ${smallTimes.length} and ${largeTimes.length} edits made alternately`,
    spread(small, smallTimes),
    spread(large, largeTimes),
  )
}

/** Runs the benchmark at each size and prints the table. */
export async function runGrowth(sizes: readonly number[], script: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-growth-'))
  try {
    const rows: SizeFigures[] = []
    for (const stories of sizes) {
      const json = path.join(dir, `${stories}.json`)
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          script,
          '--stories',
          String(stories),
          '--entities',
          String(Math.max(10, Math.round(stories / 10))),
          '--json',
          json,
          // Each size's folder is removed only after the last size: on a disk without a journal
          // (ext4 as this machine's), files made within a minute or more of a mass removal wait
          // while the disk passes over each inode just freed, and the next size's ingest and
          // builds would measure that (docs/decisions/065).
          '--in',
          path.join(dir, String(stories)),
        ],
        { stdio: 'inherit' },
      )
      rows.push(JSON.parse(await readFile(json, 'utf8')) as SizeFigures)
      console.log('')
    }
    console.log('How the archive grows, on this machine:')
    for (const line of growthTable(rows)) console.log(line)
    // Each size's three edits were timed minutes apart from the others', and this machine's speed
    // moves by more than that from one quarter of an hour to the next: the smallest and largest
    // sizes' archives edited again, alternately, side by side.
    const bySize = [...sizes].sort((a, b) => a - b)
    const small = bySize[0]
    const large = bySize.at(-1)
    if (small !== undefined && large !== undefined && small !== large) {
      const times = new Map<number, number[]>([
        [small, []],
        [large, []],
      ])
      for (let round = 0; round < ALTERNATED_EDITS; round++)
        for (const stories of [small, large]) {
          const json = path.join(dir, `again-${stories}.json`)
          const folder = path.join(dir, String(stories))
          const args = ['--import', 'tsx', script, '--in', folder, '--edit-again', '--json', json]
          execFileSync(process.execPath, args, { stdio: 'inherit' })
          const { liveSeconds } = JSON.parse(await readFile(json, 'utf8')) as {
            liveSeconds: number
          }
          times.get(stories)?.push(liveSeconds)
        }
      console.log(alternatedEdits(small, times.get(small) ?? [], large, times.get(large) ?? []))
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
