// A prerender worker process: renders the routes its parent hands out, a few at a time as it asks
// for them, then exits.
import { renderRoutes, type SiteOptions } from './site'

/** The next routes from the parent: none when there are no more. */
const more = () =>
  new Promise<readonly string[]>((resolve) => {
    process.once('message', (message) => resolve((message as { routes: string[] }).routes))
    process.send?.({ more: true })
  })

process.once('message', (message) => {
  const { options } = message as { options: SiteOptions }
  renderRoutes(more, options).then(
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
