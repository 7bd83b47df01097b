// The app's links: an `<a>` whose click the router follows. React Router's `<Link>` also carries
// its framework mode's prefetch links, which this app never renders and the bundler cannot drop:
// 2.5 KB of gzip on every page (docs/decisions/029). Prefetching here is the query cache's job
// (src/app/usePrefetch.ts).
import type { AnchorHTMLAttributes, MouseEvent, Ref } from 'react'
import { createPath, useLocation, useNavigate } from 'react-router'

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** A path of this site from its root (src/app/paths.ts), with any `#fragment`. */
  to: string
  ref?: Ref<HTMLAnchorElement>
}

/**
 * Whether the router takes this click: a plain click of the main button on a link that opens in
 * this tab. Modified clicks (new tab, new window), other buttons and other targets are the
 * browser's, as in React Router's own links.
 */
const followedHere = (event: MouseEvent, target: string | undefined) =>
  event.button === 0 &&
  (!target || target === '_self') &&
  !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey)

/**
 * A link inside the site: the router follows it without reloading the page. Its `to` is already
 * the address, so it is the `href` as it is: React Router's `useHref` and `useLinkClickHandler`
 * resolve each link against the route's matches (a JSON round trip of them, twice a link), which
 * only relative paths need, and was a fifth of a story page's render (docs/decisions/054).
 */
export function Link({ to, onClick, target, ...rest }: LinkProps) {
  const navigate = useNavigate()
  const location = useLocation()
  return (
    <a
      {...rest}
      href={to}
      target={target}
      onClick={(event) => {
        onClick?.(event)
        if (event.defaultPrevented || !followedHere(event, target)) return
        event.preventDefault()
        // A link to where the reader is replaces the history entry rather than adding one.
        void navigate(to, { replace: createPath(location) === to })
      }}
    />
  )
}

/**
 * A link in a list of places (the sections nav): marked `aria-current="page"` on its own page and
 * on the pages under it (`/latest` on `/latest/page/2`).
 */
export function NavLink({ to, ...rest }: LinkProps) {
  const { pathname } = useLocation()
  const current = pathname === to || pathname.startsWith(`${to}/`)
  return <Link {...rest} to={to} aria-current={current ? 'page' : undefined} />
}
