import { absoluteUrl, SHARE_IMAGE, SITE_NAME } from '../app/site'

interface Props {
  title: string
  description: string
  /** The page's own path, for its canonical URL; omit on pages that should not be indexed. */
  path?: string
  type?: 'website' | 'article' | 'profile'
  article?: { publishedTime: string; modifiedTime?: string | undefined; section: string }
}

/**
 * Title, description, canonical URL and share-card tags for the page. React hoists them into the
 * document head, on the server and on client navigation alike.
 */
export function PageMeta({ title, description, path, type = 'website', article }: Props) {
  const url = path === undefined ? undefined : absoluteUrl(path)
  const image = absoluteUrl(SHARE_IMAGE.path)
  return (
    <>
      <title>{`${title} | ${SITE_NAME}`}</title>
      <meta name="description" content={description} />
      {url ? <link rel="canonical" href={url} /> : <meta name="robots" content="noindex" />}
      <meta property="og:site_name" content={SITE_NAME} />
      <meta property="og:type" content={type} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      {url && <meta property="og:url" content={url} />}
      <meta property="og:image" content={image} />
      <meta property="og:image:width" content={String(SHARE_IMAGE.width)} />
      <meta property="og:image:height" content={String(SHARE_IMAGE.height)} />
      <meta property="og:image:alt" content={SHARE_IMAGE.alt} />
      <meta property="og:locale" content="en_GB" />
      {article && <meta property="article:published_time" content={article.publishedTime} />}
      {article && (
        <meta
          property="article:modified_time"
          content={article.modifiedTime ?? article.publishedTime}
        />
      )}
      {article && <meta property="article:section" content={article.section} />}
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      <meta name="twitter:image" content={image} />
      <meta name="twitter:image:alt" content={SHARE_IMAGE.alt} />
    </>
  )
}
