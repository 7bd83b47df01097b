// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { parseWire, WireError } from './wire'

const story = (...lines: string[]) => lines.join('\n')
const valid = [
  '3 hours ago',
  'Headline',
  'Standfirst.',
  'First paragraph.',
  'Second paragraph.',
  'Reporting by Dispatch staff',
]

function errorOf(text: string): WireError {
  try {
    parseWire(text, 'wire/x.txt')
  } catch (error) {
    if (error instanceof WireError) return error
    throw error
  }
  throw new Error('expected a WireError')
}

describe('reading wire copy', () => {
  it('reads the capture line, headline, standfirst, paragraphs and credit', () => {
    const wire = parseWire(story(...valid), 'x.txt')
    expect(wire.captured.text).toBe('3 hours ago')
    expect(wire.headline.text).toBe('Headline')
    expect(wire.standfirst.text).toBe('Standfirst.')
    expect(wire.items).toEqual([
      { kind: 'paragraph', text: 'First paragraph.', line: 4 },
      { kind: 'paragraph', text: 'Second paragraph.', line: 5 },
    ])
    expect(wire.credit.text).toBe('Reporting by Dispatch staff')
  })

  it('reads "Correction:" lines as corrections, and wants the credit after them', () => {
    const wire = parseWire(
      story(...valid.slice(0, 5), 'CORRECTION:  The quay is in Port Ellery.', valid[5] ?? ''),
      'x.txt',
    )
    expect(wire.items.at(-1)).toEqual({
      kind: 'correction',
      text: 'The quay is in Port Ellery.',
      line: 6,
    })
    expect(errorOf(story(...valid, 'Correction: Late.')).message).toBe(
      'wire/x.txt:7: a correction where the credit line should be: the credit comes last, after any correction',
    )
    expect(errorOf(story(...valid.slice(0, 5), 'Correction:', valid[5] ?? '')).message).toBe(
      'wire/x.txt:6: a correction line with nothing after "Correction:"',
    )
  })

  it('reads ad markers in any case, on their own line, and skips blank lines', () => {
    const wire = parseWire(
      story(
        'yesterday',
        'H',
        'S',
        'One.',
        '',
        'Story continues below this ad',
        'Two.',
        '— STORY CONTINUES BELOW THE ADVERTISEMENT —',
        'Three.',
        'Credit',
      ),
      'x.txt',
    )
    expect(wire.items.map((i) => i.kind)).toEqual([
      'paragraph',
      'ad',
      'paragraph',
      'ad',
      'paragraph',
    ])
    expect(wire.items[1]).toEqual({ kind: 'ad', line: 6 })
  })

  it('keeps a sentence that merely mentions the marker as a paragraph', () => {
    const wire = parseWire(
      story(
        'yesterday',
        'H',
        'S',
        'The sign said the story continues below this ad, oddly.',
        'Credit',
      ),
      'x.txt',
    )
    expect(wire.items[0]?.kind).toBe('paragraph')
  })

  it('accepts CRLF and CR line endings and a byte-order mark', () => {
    const lf = parseWire(story(...valid), 'x.txt')
    expect(parseWire(`\uFEFF${valid.join('\r\n')}\r\n`, 'x.txt')).toEqual(lf)
    expect(parseWire(valid.join('\r'), 'x.txt')).toEqual(lf)
  })

  it('tidies runs of spaces and tabs without touching the words', () => {
    const wire = parseWire(
      story('yesterday', '  Ferry\tstrike   ends ', 'S', 'One  two.', 'Credit'),
      'x.txt',
    )
    expect(wire.headline.text).toBe('Ferry strike ends')
    expect(wire.items[0]).toMatchObject({ text: 'One two.' })
  })

  it('names the problem and the line for an empty file', () => {
    expect(errorOf('').message).toBe('wire/x.txt:1: the file is empty')
    expect(errorOf('\n  \n').line).toBe(1)
  })

  it('refuses a headline with no body', () => {
    expect(errorOf(story('yesterday', 'Headline only')).message).toMatch(
      /^wire\/x\.txt:2: expected a standfirst/,
    )
    expect(errorOf(story('yesterday', 'Headline', 'Standfirst')).message).toMatch(
      /^wire\/x\.txt:3: expected body paragraphs/,
    )
    expect(errorOf(story('yesterday', 'Headline', 'Standfirst', 'Credit')).message).toBe(
      'wire/x.txt:3: the story has no body paragraphs after the standfirst',
    )
    expect(
      errorOf(
        story('yesterday', 'Headline', 'Standfirst', 'STORY CONTINUES BELOW THIS AD', 'Credit'),
      ).message,
    ).toMatch(/:3: the story has no body paragraphs/)
  })

  it('refuses over-long lines with their line number', () => {
    const long = `${'word '.repeat(1100)}end.`
    const error = errorOf(story('yesterday', 'H', 'S', 'Fine.', long, 'Credit'))
    expect(error.line).toBe(5)
    expect(error.problem).toMatch(/paragraph is 5504 characters; at most 5000/)
    expect(errorOf(story('yesterday', 'H'.repeat(201), 'S', 'P.', 'C')).problem).toMatch(
      /^headline is 201 characters/,
    )
    expect(errorOf(story('yesterday', 'H', 'S', 'P.', 'C'.repeat(121))).problem).toMatch(
      /^credit is 121 characters/,
    )
  })

  it('refuses binary files', () => {
    const error = errorOf(story('yesterday', 'H', 'S\u0000x', 'P.', 'C'))
    expect(error.line).toBe(3)
    expect(error.problem).toMatch(/control character U\+0000/)
  })

  it('keeps non-Latin scripts and HTML-looking text exactly as written', () => {
    const wire = parseWire(
      story(
        'yesterday',
        'Мирослава Стоянова читает',
        'Ελένη Καβούρη',
        '<b>Bold</b> & <script>alert(1)</script>',
        'C',
      ),
      'x.txt',
    )
    expect(wire.headline.text).toBe('Мирослава Стоянова читает')
    expect(wire.items[0]).toMatchObject({ text: '<b>Bold</b> & <script>alert(1)</script>' })
  })
})
