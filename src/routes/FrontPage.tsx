import { useSuspenseQuery } from '@tanstack/react-query'
import { Link } from '../components/Link'
import { paths } from '../app/paths'
import { SITE_DESCRIPTION, SITE_NAME } from '../app/site'
import { LeadStory } from '../components/LeadStory'
import { PageMeta } from '../components/PageMeta'
import { StoryList } from '../components/StoryList'
import type { BoxWidths } from '../components/Thumbnail'
import { frontQueryOptions } from '../queries/articles'

// Four across from 64em, two from 48em, beside the headline on a phone (`.front-section`).
const SECTION_BLOCK: BoxWidths = [
  ['(min-width: 72rem)', '16rem'],
  ['(min-width: 64em)', '21vw'],
  ['(min-width: 48em)', '45vw'],
  ['', '7.5rem'],
]

/** `/`: the lead story, then a block for each section with its latest stories. */
export function FrontPage() {
  const { data } = useSuspenseQuery(frontQueryOptions())
  const sections = data.sections.filter((section) => section.items.length > 0)
  return (
    <div className="front-page">
      <PageMeta title="Top stories" description={SITE_DESCRIPTION} path={paths.front()} />
      <h1 className="page-title" tabIndex={-1}>
        Top stories <span className="visually-hidden">on {SITE_NAME}</span>
      </h1>
      {data.lead ? (
        <LeadStory story={data.lead} />
      ) : (
        <p className="empty">No stories have been published yet.</p>
      )}
      {sections.map((section) => (
        <section key={section.id} className="front-section" aria-labelledby={`front-${section.id}`}>
          <h2 id={`front-${section.id}`} className="front-section__title">
            <Link to={paths.section(section.id)}>{section.name}</Link>
          </h2>
          <StoryList stories={section.items} level={3} emptyText="" thumbnails={SECTION_BLOCK} />
          <p className="front-section__more">
            <Link to={paths.section(section.id)}>
              More {section.name} <span aria-hidden="true">→</span>
            </Link>
          </p>
        </section>
      ))}
      {data.lead && (
        <p className="front-page__all">
          <Link to={paths.latest()}>All the latest stories</Link>
        </p>
      )}
    </div>
  )
}
