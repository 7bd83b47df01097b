// schema.org structured data for prerendered pages: NewsArticle for stories, Person / Place /
// Organization for entity pages, CollectionPage with an ItemList for the pages that list stories,
// ProfilePage for authors.
import { paths } from '../app/paths'
import { absoluteUrl, SITE_LANG, SITE_NAME } from '../app/site'
import { shareImageOf, type ShareImage } from './shareImage'
import type {
  ArticleDocument,
  ArticleSummary,
  Author,
  AuthorStoriesPage,
  Entity,
} from '../content/schema'
// schema-dts types every schema.org type and property: a misspelt or misplaced property is a
// compile error, so what we emit validates against the vocabulary.
import type {
  CollectionPage,
  ImageObject,
  ItemList,
  NewsArticle,
  NewsMediaOrganization,
  Organization,
  Person,
  Place,
  ProfilePage,
  WithContext,
} from 'schema-dts'

const imageObject = ({ url, width, height, alt }: ShareImage): ImageObject => ({
  '@type': 'ImageObject',
  url,
  contentUrl: url,
  width: { '@type': 'QuantitativeValue', value: width, unitCode: 'E37' },
  height: { '@type': 'QuantitativeValue', value: height, unitCode: 'E37' },
  ...(alt ? { description: alt } : {}),
})

const publisher = (): NewsMediaOrganization => ({
  '@type': 'NewsMediaOrganization',
  name: SITE_NAME,
  url: absoluteUrl('/'),
  logo: { '@type': 'ImageObject', url: absoluteUrl('/favicon.svg') },
})

/** A person, place or organisation as an object (schema-dts also allows a bare id string). */
type EntityThing = Exclude<Person | Place | Organization, string>

function entityThing(entity: Entity): EntityThing {
  const fields = {
    name: entity.name,
    ...(entity.aliases.length > 0 ? { alternateName: entity.aliases } : {}),
    description: entity.description,
    url: absoluteUrl(paths.entity(entity.id)),
  }
  switch (entity.kind) {
    case 'person':
      return { '@type': 'Person', ...fields }
    case 'place':
      return { '@type': 'Place', ...fields }
    case 'organisation':
      return { '@type': 'Organization', ...fields }
  }
}

export function newsArticle({
  article,
  entities,
  authors,
}: ArticleDocument): WithContext<NewsArticle> {
  const url = absoluteUrl(paths.article(article.slug))
  // The entities the story is about: the people quoted; the rest it mentions.
  const speakers = new Set(article.body.flatMap((b) => (b.type === 'quote' ? [b.speakerId] : [])))
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    description: article.standfirst,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: article.publishedAt,
    dateModified: article.updatedAt ?? article.publishedAt,
    articleSection: article.section,
    inLanguage: SITE_LANG,
    image: [imageObject(shareImageOf(article.image))],
    // Agency copy has no person to name: the site stands behind it.
    author: authors.length
      ? authors.map(person)
      : { '@type': 'Organization', name: SITE_NAME, url: absoluteUrl('/') },
    creditText: article.credit,
    publisher: publisher(),
    isAccessibleForFree: true,
    about: entities.filter((e) => speakers.has(e.id)).map(entityThing),
    mentions: entities.filter((e) => !speakers.has(e.id)).map(entityThing),
    ...(article.corrections?.length
      ? {
          correction: article.corrections.map((c) => ({
            '@type': 'CorrectionComment' as const,
            text: c.text,
            datePublished: c.at,
          })),
        }
      : {}),
  }
}

export function entityPage(entity: Entity): WithContext<EntityThing> {
  return { '@context': 'https://schema.org', ...entityThing(entity) }
}

/** A page that lists stories (the front, the latest, a section): its name, address and list. */
export function collectionPage(
  name: string,
  path: string,
  stories: readonly ArticleSummary[],
): WithContext<CollectionPage> {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    name: `${SITE_NAME}: ${name}`,
    url: absoluteUrl(path),
    inLanguage: SITE_LANG,
    publisher: publisher(),
    mainEntity: itemList(stories),
  }
}

const itemList = (stories: readonly ArticleSummary[]): ItemList => ({
  '@type': 'ItemList',
  itemListOrder: 'https://schema.org/ItemListOrderDescending',
  numberOfItems: stories.length,
  itemListElement: stories.map((story, i) => ({
    '@type': 'ListItem',
    position: i + 1,
    url: absoluteUrl(paths.article(story.slug)),
    name: story.headline,
  })),
})

/** A journalist, as a story's author and as their page's subject. */
const person = (author: Author): Person => ({
  '@type': 'Person',
  name: author.name,
  url: absoluteUrl(paths.author(author.id)),
  jobTitle: author.role,
  description: author.bio,
  worksFor: publisher(),
})

/** An author's page: who they are. */
export function authorPage({ author, page }: AuthorStoriesPage): WithContext<ProfilePage> {
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    name: `${SITE_NAME}: ${author.name}`,
    url: absoluteUrl(paths.author(author.id, page)),
    inLanguage: SITE_LANG,
    mainEntity: person(author),
  }
}
