// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../src/content/schema'
import { parseByline, parseWire, WireError } from './wire'

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

describe('a "By …" line after the standfirst', () => {
  it('gives the names of one, two or more authors, however they are joined', () => {
    expect(parseByline('By Ilse Varga')).toEqual(['Ilse Varga'])
    expect(parseByline('By Ilse Varga and Jonah Feld')).toEqual(['Ilse Varga', 'Jonah Feld'])
    expect(parseByline('By Ilse Varga, Jonah Feld and Kit Abernathy')).toEqual([
      'Ilse Varga',
      'Jonah Feld',
      'Kit Abernathy',
    ])
    expect(parseByline('By Ilse Varga, Jonah Feld, and Kit Abernathy')).toEqual([
      'Ilse Varga',
      'Jonah Feld',
      'Kit Abernathy',
    ])
    expect(parseByline('By Ilse Varga & Jonah Feld')).toEqual(['Ilse Varga', 'Jonah Feld'])
    expect(parseByline('BY SEÁN Ó RÍORDÁIN')).toEqual(['SEÁN Ó RÍORDÁIN'])
  })

  it('is not a sentence that opens with "By", nor a name that starts with it', () => {
    expect(parseByline('By noon, crowds had gathered.')).toBeUndefined()
    expect(parseByline('By Friday the quay was open: "at last", said the mayor')).toBeUndefined()
    expect(parseByline('Byron Hale scored twice')).toBeUndefined()
  })

  it('is read as the byline and not as a paragraph', () => {
    const wire = parseWire(
      story(...valid.slice(0, 3), 'By Ilse Varga and Jonah Feld', ...valid.slice(3)),
      'x.txt',
    )
    expect(wire.byline).toEqual({ names: ['Ilse Varga', 'Jonah Feld'], line: 4 })
    expect(wire.items).toEqual([
      { kind: 'paragraph', text: 'First paragraph.', line: 5 },
      { kind: 'paragraph', text: 'Second paragraph.', line: 6 },
    ])
  })

  it('reads the byline after the lead picture’s line too, as a desk may send them', () => {
    const picture = 'Image: quay.svg | The quay at dawn | | Illustration: Dispatch graphics'
    const wire = parseWire(
      story(...valid.slice(0, 3), picture, 'By Ilse Varga', ...valid.slice(3)),
      'x.txt',
    )
    expect(wire.byline).toEqual({ names: ['Ilse Varga'], line: 5 })
    expect(wire.items.map((item) => item.kind)).toEqual(['image', 'paragraph', 'paragraph'])
  })

  it('leaves a first paragraph that opens "By noon, …" in the story, and gives no byline', () => {
    const first = 'By noon, crowds had gathered.'
    const wire = parseWire(story(...valid.slice(0, 3), first, ...valid.slice(4)), 'x.txt')
    expect(wire.byline).toBeUndefined()
    expect(wire.items[0]).toEqual({ kind: 'paragraph', text: first, line: 4 })
  })
})

describe('an "Image:" line', () => {
  const withImage = (line: string, at = 4) => {
    const lines = [...valid]
    lines.splice(at - 1, 0, line)
    return story(...lines)
  }
  const imageAt = (line: string) => {
    const item = parseWire(withImage(line), 'x.txt').items.find((i) => i.kind === 'image')
    if (!item) throw new Error('expected an image item')
    return item
  }

  it('reads file, alt text, caption and credit, in the place the line has', () => {
    const wire = parseWire(
      withImage(
        'Image: harbour-quay.svg | The quay at dawn | Boats wait to sail. | Dispatch graphics',
        5,
      ),
      'x.txt',
    )
    expect(wire.items).toEqual([
      { kind: 'paragraph', text: 'First paragraph.', line: 4 },
      {
        kind: 'image',
        line: 5,
        file: 'harbour-quay.svg',
        alt: 'The quay at dawn',
        decorative: false,
        caption: 'Boats wait to sail.',
        credit: 'Dispatch graphics',
        focus: undefined,
      },
      { kind: 'paragraph', text: 'Second paragraph.', line: 6 },
    ])
  })

  it('makes "(decorative)" a decorative picture with empty alt text', () => {
    expect(imageAt('Image: wave-border.png | (Decorative) | | Dispatch graphics')).toMatchObject({
      alt: '',
      decorative: true,
    })
  })

  it('leaves the caption out when its field is empty', () => {
    expect(imageAt('Image: map.svg | A map of the harbour |  | Dispatch graphics').caption).toBe(
      undefined,
    )
  })

  it('reads "focus 30% 70%" as the point crops keep in view', () => {
    expect(imageAt('Image: map.svg | A map | | Staff | focus 30% 70%').focus).toEqual({
      x: 0.3,
      y: 0.7,
    })
    expect(imageAt('Image: map.svg | A map | | Staff | focus 0% 100%').focus).toEqual({
      x: 0,
      y: 1,
    })
  })

  it('names the file, the line and what is wrong with a bad line', () => {
    const problem = (line: string) => errorOf(withImage(line, 5)).message
    const shape =
      '(an image line is "Image: file | alt text | caption | credit", optionally "| focus 50% 40%")'
    expect(problem('Image: map.svg | A map | Staff')).toBe(
      `wire/x.txt:5: the image line has 3 fields ${shape}`,
    )
    expect(problem('Image: map.svg | A map | | Staff | focus 1% 1% | more')).toBe(
      `wire/x.txt:5: the image line has 6 fields ${shape}`,
    )
    for (const name of ['Harbour Map.svg', '../map.svg', 'map.gif', 'map'])
      expect(problem(`Image: ${name} | A map | | Staff`), name).toBe(
        `wire/x.txt:5: "${name}" is not an image file name like "harbour-map.svg" ${shape}`,
      )
    expect(problem('Image: map.svg |  | | Staff')).toBe(
      `wire/x.txt:5: the image needs alt text saying what it shows, or "(decorative)" ${shape}`,
    )
    expect(problem('Image: map.svg | A map | A caption | ')).toBe(
      `wire/x.txt:5: the image needs a credit ${shape}`,
    )
    for (const focus of ['focus 50%', 'focus 101% 40%', 'focus left top', 'centre'])
      expect(problem(`Image: map.svg | A map | | Staff | ${focus}`), focus).toBe(
        `wire/x.txt:5: "${focus}" is not a focus like "focus 50% 40%" ${shape}`,
      )
    const alt = 'a'.repeat(LIMITS.alt + 1)
    expect(problem(`Image: map.svg | ${alt} | | Staff`)).toBe(
      `wire/x.txt:5: the image's alt text is ${LIMITS.alt + 1} characters; at most ${LIMITS.alt} ${shape}`,
    )
    expect(errorOf(withImage('Image: map.svg | A map | Staff', 6)).line).toBe(6)
  })

  it('is not a paragraph: a story of pictures alone has no body', () => {
    expect(
      errorOf(story(...valid.slice(0, 3), 'Image: map.svg | A map | | Staff', 'Credit')).message,
    ).toBe('wire/x.txt:3: the story has no body paragraphs after the standfirst')
  })
})
