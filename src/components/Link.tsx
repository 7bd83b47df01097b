// The app's links: an `<a>` with the router's own click handling (`useLinkClickHandler`, React
// Router's API for custom links). React Router's `<Link>` also carries its framework mode's prefetch
// links, which this app never renders and the bundler cannot drop: 2.5 KB of gzip on every page
// (docs/decisions/029). Prefetching here is the query cache's job (src/app/usePrefetch.ts).
import type { AnchorHTMLAttributes, Ref } from 'react'
import { useHref, useLinkClickHandler, useLocation } from 'react-router'

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** A path of this site (src/app/paths.ts). */
  to: string
  ref?: Ref<HTMLAnchorElement>
}

/** A link inside the site: the router follows it without reloading the page. */
export function Link({ to, onClick, target, ...rest }: LinkProps) {
  const href = useHref(to)
  // Leaves modified clicks (new tab, new window), other buttons and other targets to the browser.
  const follow = useLinkClickHandler(to, target ? { target } : {})
  return (
    <a
      {...rest}
      href={href}
      target={target}
      onClick={(event) => {
        onClick?.(event)
        if (!event.defaultPrevented) follow(event)
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
