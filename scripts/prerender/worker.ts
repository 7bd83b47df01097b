// A prerender worker process: renders the routes its parent sends, then exits.
import { renderRoutes, type SiteOptions } from './site'

process.once('message', (message) => {
  const { routes, options } = message as { routes: string[]; options: SiteOptions }
  renderRoutes(routes, options).then(
    () => {
      // Peak memory, for the benchmark: the parent's own figure does not include its children.
      process.send?.({ maxRssKb: process.resourceUsage().maxRSS }, () => process.exit(0))
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
})
