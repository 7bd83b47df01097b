import { describe, expect, it } from 'vitest'
import type { ArticleDocument, Author, Entity } from '../content/schema'
import { testAuthors } from '../test/registers'
import { authorPage, collectionPage, entityPage, newsArticle } from './structuredData'

const quill: Entity = {
  id: 'mara-quill',
  name: 'Mara Quill',
  kind: 'person',
  aliases: ['Quill'],
  description: 'Mayor of Port Ellery.',
}
const ellery: Entity = {
  id: 'port-ellery',
  name: 'Port Ellery',
  kind: 'place',
  aliases: [],
  description: 'A harbour city.',
}
const doc: ArticleDocument = {
  article: {
    slug: 'harbour-reopens',
    headline: 'Harbour reopens',
    standfirst: 'The quay is open again.',
    section: 'Cities',
    publishedAt: '2026-11-26T09:00:00Z',
    credit: 'Reporting by Dispatch staff',
    body: [
      {
        type: 'paragraph',
        id: 'p1',
        content: [{ type: 'entity', entityId: 'port-ellery', text: 'Port Ellery' }],
      },
      { type: 'quote', id: 'q1', text: 'We are open.', speakerId: 'mara-quill' },
    ],
  },
  entities: [ellery, quill],
  related: [],
  authors: [],
}

describe('structured data', () => {
  it('describes a story as a NewsArticle, about its speakers and mentioning the rest', () => {
    const ld = newsArticle(doc)
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Harbour reopens',
      datePublished: '2026-11-26T09:00:00Z',
      dateModified: '2026-11-26T09:00:00Z',
      articleSection: 'Cities',
      creditText: 'Reporting by Dispatch staff',
      publisher: { '@type': 'NewsMediaOrganization', name: 'Dispatch' },
      about: [{ '@type': 'Person', name: 'Mara Quill', alternateName: ['Quill'] }],
      mentions: [{ '@type': 'Place', name: 'Port Ellery' }],
    })
    expect(ld.url).toMatch(/\/articles\/harbour-reopens$/)
    // Agency copy, with no byline: the site is its author.
    expect(ld.author).toMatchObject({ '@type': 'Organization', name: 'Dispatch' })
  })

  it('names a bylined story’s authors as people, with their pages', () => {
    const [brisk, fenner] = testAuthors as [Author, Author]
    const ld = newsArticle({ ...doc, authors: [brisk, fenner] })
    expect(ld.author).toEqual([
      expect.objectContaining({
        '@type': 'Person',
        name: 'Ada Brisk',
        jobTitle: 'Harbour reporter',
      }),
      expect.objectContaining({ '@type': 'Person', name: 'Col Fenner' }),
    ])
    expect((ld.author as unknown as { url: string }[])[0]?.url).toMatch(/\/authors\/ada-brisk$/)
    const profile = authorPage({ author: brisk, page: 1, totalItems: 0, items: [] })
    expect(profile).toMatchObject({ '@type': 'ProfilePage', mainEntity: { name: 'Ada Brisk' } })
  })

  it('types entity pages by kind', () => {
    expect(entityPage(quill)['@type']).toBe('Person')
    expect(entityPage(ellery)['@type']).toBe('Place')
    expect(entityPage({ ...quill, kind: 'organisation' })['@type']).toBe('Organization')
  })

  it('lists a page of stories as a CollectionPage of them in order', () => {
    const { headline, standfirst, section, publishedAt } = doc.article
    const summary = { slug: 'a', headline, standfirst, section, publishedAt }
    const ld = collectionPage('Cities', '/sections/cities', [summary])
    expect(ld['@type']).toBe('CollectionPage')
    expect(ld.url).toMatch(/\/sections\/cities$/)
    expect(ld.mainEntity).toMatchObject({
      '@type': 'ItemList',
      itemListElement: [{ position: 1, name: 'Harbour reopens' }],
    })
  })
})
