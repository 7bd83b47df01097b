// @vitest-environment node
// The contract on generated articles (src/test/arbitraries.ts): valid by construction, or broken in
// exactly one place. A schema that throws fails the property like a wrong answer does, with the
// document that made it throw. Documents here: 2,500 valid + 3,500 broken = 6,000.
import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { brokenArticle, counted, documents, timeLimit, validArticle } from '../test/arbitraries'
import { issuePath } from './issuePath'
import { ArticleSchema, DateTimeSchema } from './schema'

describe('the article contract, on generated documents', () => {
  it(
    `accepts every valid article as it is (${counted(2_500)})`,
    () => {
      fc.assert(
        fc.property(validArticle, (article) => {
          const result = v.safeParse(ArticleSchema, article)
          expect(result.issues?.map((i) => `${issuePath(i)}: ${i.message}`)).toBeUndefined()
          expect(result.output).toEqual(article)
        }),
        { numRuns: documents(2_500) },
      )
    },
    timeLimit(60_000),
  )

  it(
    `refuses every article broken in one place, naming that place and no other (${counted(3_500)})`,
    () => {
      fc.assert(
        fc.property(brokenArticle, ({ doc, path, fault, message, alsoPath }) => {
          const result = v.safeParse(ArticleSchema, doc)
          expect(result.success, fault).toBe(false)
          const issues = result.issues ?? []
          // Several issues may name the one field (too long and a bad character), never another.
          expect([...new Set(issues.map(issuePath))], fault).toEqual(
            alsoPath ? [path, alsoPath] : [path],
          )
          if (message)
            expect(
              issues.map((i) => i.message),
              fault,
            ).toContainEqual(expect.stringContaining(message))
        }),
        { numRuns: documents(3_500) },
      )
    },
    timeLimit(60_000),
  )

  // Found by the property above with years from 0000: Date.UTC read years 0-99 as 1900-1999, and
  // 1900, unlike the year 0, is no leap year.
  it('accepts 29 February of the year 0000, a real day', () => {
    expect(v.safeParse(DateTimeSchema, '0000-02-29T12:00:00Z').issues).toBeUndefined()
  })

  // Found by the feed property (scripts/feeds/feeds.property.test.ts): a time late on 31 December
  // 9999 west of Greenwich is in the year 10000 in UTC, which no RFC 822 date in a feed can carry.
  it('refuses an instant past the year 9999 in UTC, saying so', () => {
    expect(v.safeParse(DateTimeSchema, '9999-12-31T23:00:00-02:00').issues?.[0]?.message).toBe(
      'must fall between the years 0000 and 9999 in UTC',
    )
    expect(v.safeParse(DateTimeSchema, '9999-12-31T21:59:59-02:00').issues).toBeUndefined()
  })
})
