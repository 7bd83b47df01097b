// The binary search the build's sorted lists share: the first place in a list that does not come
// before what is looked for.

/**
 * The first of `length` places (0 to `length`) for which `before` is false, where `before` is
 * true for every place up to some point and false from it on (a sorted list, asked whether its
 * item at a place comes before the one looked for).
 */
export function lowerBound(length: number, before: (place: number) => boolean): number {
  let low = 0
  let high = length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (before(mid)) low = mid + 1
    else high = mid
  }
  return low
}
