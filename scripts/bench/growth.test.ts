import { describe, expect, it } from 'vitest'
import { alternatedEdits, editAcrossSizes, growthTable, project, type SizeFigures } from './growth'

const size = (
  stories: number,
  buildSeconds: number,
  contentPeakMb: number,
  edits: [number, number, number] = [1.4, 1.5, 1.7],
): SizeFigures => ({
  stories,
  ingestPerSecond: 2500,
  buildSeconds,
  contentPeakMb,
  editSeconds: edits[1],
  editRangeSeconds: [edits[0], edits[2]],
  editAllSeconds: 1.9,
  editWatchedSeconds: 0.6,
  correctSeconds: 1.4,
  withdrawSeconds: 2.5,
  publishSeconds: 9.5,
})

describe('the growth projection', () => {
  it('follows the straight line through the measured sizes', () => {
    expect(
      project(
        [
          [10_000, 90],
          [40_000, 360],
        ],
        1_000_000,
      ),
    ).toBeCloseTo(9000)
    // Three points off a line: the least-squares fit, not the last two.
    expect(
      project(
        [
          [0, 0],
          [1, 2],
          [2, 1],
        ],
        3,
      ),
    ).toBeCloseTo(2)
  })

  it('says a figure that falls with size is noise, not a projection', () => {
    const lines = growthTable([size(300, 24, 412), size(600, 31.7, 392)])
    expect(lines.at(-1)).toMatch(/content peak n\/a \(falls with size: noise\)/)
    expect(lines.at(-1)).toMatch(/full build \d+ min/)
  })

  it('projects nothing from one size', () => {
    expect(project([[10_000, 90]], 1_000_000)).toBeUndefined()
    expect(growthTable([size(10_000, 90, 900)]).at(-1)).toMatch(/needs two sizes or more/)
  })

  it('prints a row for each size, then the projection to a million stories', () => {
    const lines = growthTable([size(10_000, 90, 900), size(40_000, 360, 1200)])
    expect(lines).toHaveLength(5)
    expect(lines[1]).toMatch(
      /^\s*10,000\s+2500\s+90\.0\s+900\s+1\.50 \(1\.40-1\.70\)\s+1\.90\s+0\.60\s+1\.40\s+2\.50\s+9\.50$/,
    )
    expect(lines[3]).toMatch(/^one edit live: /)
    expect(lines[4]).toMatch(/full build 150 min, content peak 10\.5 GB, one edit live 1\.5 s/)
  })

  it('calls one edit the same at two sizes only when their spreads of three overlap', () => {
    // Given in any order: the smallest size against the largest.
    expect(
      editAcrossSizes([
        size(100_000, 280, 540, [0.43, 0.47, 0.52]),
        size(10_000, 40, 370, [0.4, 0.44, 0.45]),
        size(40_000, 110, 450, [0.9, 0.95, 0.99]),
      ]),
    ).toBe(
      'one edit live: 0.44 s (0.40-0.45) at 10,000, 0.47 s (0.43-0.52) at 100,000 stories: ' +
        'the same within noise (the spreads overlap)',
    )
    expect(
      editAcrossSizes([
        size(10_000, 40, 370, [0.4, 0.44, 0.45]),
        size(100_000, 280, 540, [0.46, 0.5, 0.52]),
      ]),
    ).toMatch(/: slower at 100,000 \(the spreads do not overlap\)$/)
    expect(editAcrossSizes([size(10_000, 40, 370)])).toMatch(/needs two sizes or more/)
  })

  it('judges edits made alternately at two sizes by their medians and spreads, in any order', () => {
    expect(
      alternatedEdits(
        10_000,
        [0.41, 0.36, 0.5, 0.39, 0.38],
        100_000,
        [0.45, 0.44, 0.47, 0.52, 0.43],
      ),
    ).toBe(
      'one edit live, 5 and 5 edits made alternately: 0.39 s (0.36-0.50) at 10,000, ' +
        '0.45 s (0.43-0.52) at 100,000 stories: the same within noise (the spreads overlap)',
    )
    expect(alternatedEdits(10_000, [0.3, 0.32, 0.31], 100_000, [0.9, 0.8, 0.85])).toMatch(
      /, 0\.85 s \(0\.80-0\.90\) at 100,000 stories: slower at 100,000 \(the spreads do not overlap\)$/,
    )
  })
})
