// Placeholders shaped like the page that is loading, so the layout does not jump when it arrives.
function Lines({ count, className }: { count: number; className: string }) {
  return Array.from({ length: count }, (_, i) => (
    <span key={i} className={`skeleton ${className}`} />
  ))
}

export function ArticleSkeleton() {
  return (
    <div className="page-skeleton article-layout" aria-hidden="true">
      <div className="article-header">
        <Lines count={1} className="skeleton--kicker" />
        <Lines count={2} className="skeleton--headline" />
        <Lines count={3} className="skeleton--standfirst" />
      </div>
      <div className="article-body">
        <Lines count={12} className="skeleton--text" />
      </div>
    </div>
  )
}

export function ListSkeleton() {
  return (
    <div className="page-skeleton" aria-hidden="true">
      <Lines count={1} className="skeleton--headline" />
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="story-card">
          <Lines count={1} className="skeleton--title" />
          <Lines count={2} className="skeleton--text" />
        </div>
      ))}
    </div>
  )
}
