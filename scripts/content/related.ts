// Related stories: those that share the most entities with a story (scripts/content/build.ts).

/**
 * The stories that share the most entities with one story, the newest first among those that share
 * as many: `lists` holds each of its entities' stories by their places in the order of every story
 * (newest first), each list in that order; `own` is the story's own place. Gives the first `count`
 * places, and how many stories share any entity with it. The lists are merged in order, so those
 * sharing as many come in place order, and only the first `count` of each number are kept: at
 * 100,000 stories, the counts kept in a map, then sorted, took most of the build's step.
 */
export function mostShared(lists: readonly Int32Array[], own: number, count: number) {
  const at = new Int32Array(lists.length)
  // byShared[n - 1]: the first places (up to `count`) of the stories that share n entities.
  const byShared: number[][] = lists.map(() => [])
  let sharing = 0
  for (;;) {
    // The next place in any list, and in how many lists it is.
    let place = Infinity
    for (let i = 0; i < lists.length; i++) {
      const head = lists[i]?.[at[i] ?? 0] ?? Infinity
      if (head < place) place = head
    }
    if (place === Infinity) break
    let shared = 0
    for (let i = 0; i < lists.length; i++) {
      if (lists[i]?.[at[i] ?? 0] === place) {
        shared++
        at[i] = (at[i] ?? 0) + 1
      }
    }
    if (place === own) continue
    sharing++
    const same = byShared[shared - 1]
    if (same && same.length < count) same.push(place)
  }
  const best: number[] = []
  for (let n = byShared.length; n > 0 && best.length < count; n--)
    best.push(...(byShared[n - 1] ?? []).slice(0, count - best.length))
  return { best, sharing }
}
