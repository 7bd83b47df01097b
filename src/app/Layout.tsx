import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { Outlet, ScrollRestoration, useLocation, useNavigation } from 'react-router'
import { Link, NavLink } from '../components/Link'
import { paths } from './paths'
import { useOptionalModule } from './useOptionalModule'
import { sections } from './sections'
import { DisplayToggle } from '../display/DisplayToggle'
import { ConnectionNotice } from '../offline/ConnectionNotice'

/** Show a skeleton only if loading lasts long enough to notice; quick navigations just swap. */
function useDelayed(active: boolean, ms: number) {
  const [elapsed, setElapsed] = useState(false)
  useEffect(() => {
    if (!active) return
    const timer = setTimeout(() => setElapsed(true), ms)
    return () => {
      clearTimeout(timer)
      setElapsed(false)
    }
  }, [active, ms])
  return active && elapsed
}

/**
 * After a client-side navigation to another page, move focus to its heading, as a page load would.
 * A new query on the same page (search as you type, a filter) leaves focus where the reader is.
 */
function useFocusHeadingOnNavigate() {
  const location = useLocation()
  const previous = useRef<string | undefined>(undefined)
  useEffect(() => {
    const from = previous.current
    previous.current = location.pathname
    if (from === undefined || from === location.pathname || location.hash) return
    document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true })
  }, [location.key, location.hash, location.pathname])
}

const adDebugPanel = () => import('../ads/AdDebugPanel')

/** QA's ad panel, once its code has loaded; the page stays as it is where it cannot load. */
function AdDebug() {
  const loaded = useOptionalModule(adDebugPanel)
  return loaded ? <loaded.AdDebugPanel /> : null
}

const subscribeNever = () => () => undefined
const debugAdsInUrl = () => new URLSearchParams(window.location.search).get('debug') === 'ads'

/** `?debug=ads` turns on the ad debug panel, once the page is live (never in the static HTML). */
function useAdDebug() {
  return useSyncExternalStore(subscribeNever, debugAdsInUrl, () => false)
}

/** The page around every page; `skeletonFor` shows what the page at an address looks like loading. */
export function Layout({ skeletonFor }: { skeletonFor: (pathname: string) => ReactNode }) {
  const adDebug = useAdDebug()
  const navigation = useNavigation()
  const location = useLocation()
  const pending =
    navigation.state === 'loading' && navigation.location.pathname !== location.pathname
  const showSkeleton = useDelayed(pending, 150)
  useFocusHeadingOnNavigate()
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="masthead">
        <div className="masthead__inner">
          <Link to={paths.front()} className="brand" aria-label="Dispatch, home">
            Dispatch
          </Link>
          <nav aria-label="Main">
            <ul className="nav-list">
              <li>
                <Link to={paths.search()}>Search</Link>
              </li>
              <li>
                <Link to={paths.saved()}>Saved</Link>
              </li>
            </ul>
          </nav>
          <DisplayToggle />
        </div>
        {/* A row that scrolls sideways on a narrow screen; the current section is marked. */}
        <nav aria-label="Sections" className="section-nav">
          <ul className="section-nav__list">
            <li>
              <NavLink to={paths.latest()}>Latest</NavLink>
            </li>
            {sections.map((section) => (
              <li key={section.id}>
                <NavLink to={paths.section(section.id)}>{section.name}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} aria-busy={pending}>
        {showSkeleton && navigation.location ? (
          skeletonFor(navigation.location.pathname)
        ) : (
          <Outlet />
        )}
      </main>
      <footer className="site-footer">
        <p>Dispatch: the news, read your way.</p>
        <ConnectionNotice />
      </footer>
      {adDebug && <AdDebug />}
      <ScrollRestoration />
    </>
  )
}
