// A prerender worker process: renders the routes its parent sends, then exits.
import { renderRoutes, type SiteOptions } from './site'

process.once('message', (message) => {
  const { routes, options } = message as { routes: string[]; options: SiteOptions }
  renderRoutes(routes, options).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
})
