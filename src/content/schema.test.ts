import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  altProblem,
  ArticleSchema,
  DateTimeSchema,
  LIMITS,
  type Article,
  type Image,
} from './schema'
import { issuePath } from './issuePath'

const problems = (schema: v.GenericSchema, value: unknown) => {
  const result = v.safeParse(schema, value)
  return result.success ? [] : result.issues.map((i) => `${issuePath(i)}: ${i.message}`)
}

const article: Article = {
  slug: 'ferry-deal',
  headline: 'Ferry crews accept pay deal',
  standfirst: 'Skerrin Ferries and the union agree terms.',
  section: 'Cities',
  publishedAt: '2026-11-27T08:00:00Z',
  credit: 'Dispatch staff',
  body: [
    { type: 'paragraph', id: 'p1', content: [{ type: 'text', text: 'The deal was signed.' }] },
  ],
}

describe('dates in the contract', () => {
  it('accept a real instant in UTC or with an offset, with or without milliseconds', () => {
    for (const date of [
      '2026-11-27T08:00:00Z',
      '2025-08-15T16:00:00+02:00',
      '2024-02-29T23:59:59.999-05:30',
    ])
      expect(problems(DateTimeSchema, date), date).toEqual([])
  })

  it('refuse an offset without minutes, which the browser cannot read', () => {
    expect(problems(DateTimeSchema, '2025-08-15T14:00:00+02')).toEqual([
      '$: must be a real date-time with a time zone, e.g. 2025-08-15T14:00:00Z',
    ])
  })

  it('refuse a day that does not exist, rather than move it to another', () => {
    for (const date of ['2025-02-31T10:00:00Z', '2025-02-29T10:00:00Z', '2025-13-01T10:00:00Z'])
      expect(problems(DateTimeSchema, date)[0], date).toMatch(/^\$: must be a real date-time/)
    expect(problems(DateTimeSchema, '2025-08-15T24:00:00Z')).toHaveLength(1)
  })

  it('refuse a date without seconds or a time zone', () => {
    expect(problems(DateTimeSchema, '2025-08-15T14:00Z')).toHaveLength(1)
    expect(problems(DateTimeSchema, '2025-08-15T14:00:00')).toHaveLength(1)
  })
})

describe('text in the contract', () => {
  it('has a length limit, named with the length found', () => {
    const headline = 'A'.repeat(LIMITS.headline + 1)
    expect(problems(ArticleSchema, { ...article, headline })).toEqual([
      `$.headline: is ${LIMITS.headline + 1} characters; at most ${LIMITS.headline}`,
    ])
  })

  it('refuses characters that XML feeds cannot carry, naming the character', () => {
    expect(problems(ArticleSchema, { ...article, headline: 'Ferry\u000Bdeal' })).toEqual([
      '$.headline: contains U+000B, a character feeds cannot carry',
    ])
    expect(problems(ArticleSchema, { ...article, standfirst: 'Agreed\uFFFE' })).toEqual([
      '$.standfirst: contains U+FFFE, a character feeds cannot carry',
    ])
    expect(problems(ArticleSchema, { ...article, credit: 'Staff \uD800' })).toEqual([
      '$.credit: contains U+D800, a character feeds cannot carry',
    ])
  })

  it('accepts tabs, line breaks, accents and characters beyond the basic plane', () => {
    const standfirst = 'Łukasz Żarnowiec\tsays:\n“Fair winds” ⛴️ 𝄞'
    expect(problems(ArticleSchema, { ...article, standfirst })).toEqual([])
  })

  it('limits a paragraph’s total length, however its runs split it', () => {
    const half = 'x'.repeat(LIMITS.paragraph / 2 + 1)
    const body = [
      {
        type: 'paragraph',
        id: 'p1',
        content: [
          { type: 'text', text: half },
          { type: 'text', text: half },
        ],
      },
    ]
    expect(problems(ArticleSchema, { ...article, body })).toEqual([
      `$.body[0].content: a paragraph holds at most ${LIMITS.paragraph} characters (are several run together?)`,
    ])
  })

  it('says "must not be empty" for blank text', () => {
    expect(problems(ArticleSchema, { ...article, headline: '  ' })).toEqual([
      '$.headline: headline must not be empty',
    ])
  })
})

describe('pictures in the contract', () => {
  const image: Image = {
    file: 'harbour-quay.svg',
    alt: 'Fishing boats moored at the quay at dawn',
    credit: 'Dispatch graphics',
    focus: { x: 0.3, y: 0.7 },
  }
  const block = { type: 'image', id: 'i1', ...image }
  const pictured = (lead: unknown, inBody: unknown = block) => ({
    ...article,
    image: lead,
    body: [...article.body, inBody],
  })

  it('accept a lead image and one in the body, each naming a file in content/images/', () => {
    expect(problems(ArticleSchema, pictured(image))).toEqual([])
    for (const file of ['map.png', 'photo-2.jpg', 'photo-3.jpeg', 'chart.webp'])
      expect(problems(ArticleSchema, pictured({ ...image, file })), file).toEqual([])
  })

  it('refuse a file name that is not a plain, lower-case image name', () => {
    for (const file of [
      'Harbour-Quay.svg',
      '../harbour-quay.svg',
      'harbour quay.svg',
      'quay.gif',
      'quay',
    ]) {
      expect(problems(ArticleSchema, pictured({ ...image, file })), file).toEqual([
        '$.image.file: must be the name of an SVG, PNG, JPEG or WebP file in content/images/, e.g. "harbour-map.svg"',
      ])
      expect(problems(ArticleSchema, pictured(image, { ...block, file }))[0], file).toMatch(
        /^\$\.body\[1\]\.file: must be the name of an SVG/,
      )
    }
  })

  it('refuse a focus outside the picture', () => {
    const paths = (value: unknown) => problems(ArticleSchema, value).map((p) => p.split(':')[0])
    expect(paths(pictured({ ...image, focus: { x: 1.2, y: 0.5 } }))).toEqual(['$.image.focus.x'])
    expect(paths(pictured(image, { ...block, focus: { x: 0, y: -0.1 } }))).toEqual([
      '$.body[1].focus.y',
    ])
    // The edges are in the picture.
    expect(paths(pictured({ ...image, focus: { x: 0, y: 1 } }))).toEqual([])
  })

  it('want alt text that says something, unless the picture is decorative and has none', () => {
    expect(altProblem({ alt: 'Fishing boats at the quay' })).toBeUndefined()
    expect(altProblem({ alt: '' })).toMatch(/^alt text is required/)
    expect(altProblem({ alt: ' \t ' })).toMatch(/^alt text is required/)
    expect(altProblem({ alt: '', decorative: true })).toBeUndefined()
    expect(altProblem({ alt: 'A wave', decorative: true })).toMatch(
      /^a decorative image has an empty alt/,
    )
  })
})
