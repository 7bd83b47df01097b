import { paths } from '../app/paths'
import type { Author } from '../content/schema'
import { Link } from './Link'

// The language's own way of joining names ("A, B and C"), from the platform.
const names = new Intl.ListFormat('en-GB', { type: 'conjunction' })

/** "By Ilse Varga and Jonah Feld", each name linking to the author's page. */
export function Byline({ authors }: { authors: readonly Author[] }) {
  if (authors.length === 0) return null
  const parts = names.formatToParts(authors.map((author) => author.id))
  return (
    <p className="byline">
      By{' '}
      {parts.map((part, i) => {
        if (part.type === 'literal') return part.value
        const author = authors.find((a) => a.id === part.value)
        return (
          author && (
            <Link key={i} to={paths.author(author.id)} rel="author">
              {author.name}
            </Link>
          )
        )
      })}
    </p>
  )
}
