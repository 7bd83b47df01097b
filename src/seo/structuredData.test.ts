import { describe, expect, it } from 'vitest'
import type { ArticleDocument, Entity } from '../content/schema'
import { entityPage, frontPage, newsArticle } from './structuredData'

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
  })

  it('types entity pages by kind', () => {
    expect(entityPage(quill)['@type']).toBe('Person')
    expect(entityPage(ellery)['@type']).toBe('Place')
    expect(entityPage({ ...quill, kind: 'organisation' })['@type']).toBe('Organization')
  })

  it('lists the front page as a CollectionPage of stories in order', () => {
    const ld = frontPage({
      page: 2,
      totalPages: 2,
      totalItems: 3,
      items: [{ ...doc.article, slug: 'a' }],
    })
    expect(ld['@type']).toBe('CollectionPage')
    expect(ld.mainEntity).toMatchObject({
      '@type': 'ItemList',
      itemListElement: [{ position: 1, name: 'Harbour reopens' }],
    })
  })
})
