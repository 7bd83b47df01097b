/**
 * "(12 stories)" beside a list's heading. A list's total is on its first page alone (a withdrawn
 * story then rewrites that page and its own, not every page): later pages show none.
 */
export function StoryCount({ total }: { total: number | undefined }) {
  if (total === undefined) return null
  return (
    <span className="count">
      ({total} {total === 1 ? 'story' : 'stories'})
    </span>
  )
}
