// Network faults, one line each: `await faults.status(url, 503)`, `faults.abort(url)`,
// `faults.truncated(url)`, `faults.stall(url)`, `faults.html(url)`, `faults.offline()`. Each applies to requests whose URL
// matches the glob from then on, until `faults.heal()` (or the end of the test).
import type { BrowserContext, Page, Route } from '@playwright/test'

export interface Stall {
  /** Lets the held requests (and any later ones) through to the server. */
  release(): Promise<void>
  /** Resolves once the first request has arrived and is being held. */
  readonly held: Promise<void>
}

export class Faults {
  private readonly handlers: [string, (route: Route) => Promise<void> | void][] = []
  private readonly stalls: Stall[] = []

  constructor(
    private readonly page: Page,
    private readonly context: BrowserContext,
  ) {}

  private async add(url: string, handler: (route: Route) => Promise<void> | void) {
    this.handlers.push([url, handler])
    await this.page.route(url, handler)
  }

  /** The server answers with this status and a short plain-text body. */
  status(url: string, status: number) {
    return this.add(url, (route) =>
      route.fulfill({ status, contentType: 'text/plain', body: `fault: status ${status}` }),
    )
  }

  /** The request fails outright, as when the connection drops before any answer. */
  abort(url: string) {
    return this.add(url, (route) => route.abort('connectionreset'))
  }

  /** The real answer, cut off half-way through its body. */
  truncated(url: string) {
    return this.add(url, async (route) => {
      const response = await route.fetch()
      const body = await response.body()
      await route.fulfill({ response, body: body.subarray(0, Math.floor(body.length / 2)) })
    })
  }

  /** A 10 MB answer, past the app's 2 MB cap (a headline that ran away in a CMS), with its length. */
  oversized(url: string) {
    const body = Buffer.from(`{"article":{"headline":"${'A'.repeat(10_000_000)}"}}`)
    return this.add(url, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body }),
    )
  }

  /** An HTML page with status 200 where JSON was expected (a captive portal, a proxy's page). */
  html(url: string) {
    return this.add(url, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><title>Sign in to the network</title><p>Sign in to continue.</p>',
      }),
    )
  }

  /**
   * A prerendered page whose embedded state (the JSON the app starts from) arrives damaged, as a
   * proxy that rewrites pages might leave it. The markup itself is untouched.
   */
  damagedPageState(url: string) {
    return this.add(url, async (route) => {
      const response = await route.fetch()
      const html = await response.text()
      const damaged = html.replace(
        /(<script type="application\/json" id="[^"]+">)[^<]*/,
        (_, open: string) => `${open}{"queries":`,
      )
      if (damaged === html) throw new Error(`${url}: the page has no state to damage`)
      await route.fulfill({ response, body: damaged })
    })
  }

  /** Requests get no answer until `release()`: what a stalled server looks like to the page. */
  async stall(url: string): Promise<Stall> {
    const waiting: Route[] = []
    let released = false
    let arrived: () => void = () => undefined
    const held = new Promise<void>((resolve) => (arrived = resolve))
    await this.add(url, (route) => {
      if (released) return route.fallback()
      waiting.push(route)
      arrived()
    })
    const stall: Stall = {
      held,
      release: async () => {
        released = true
        await Promise.all(waiting.splice(0).map((route) => route.fallback()))
      },
    }
    this.stalls.push(stall)
    return stall
  }

  /** The device loses its connection: every request fails, as in airplane mode. */
  offline() {
    return this.context.setOffline(true)
  }

  /** Every fault lifted: the connection is back, held requests go on, and new ones get through. */
  async heal() {
    await this.context.setOffline(false)
    for (const stall of this.stalls.splice(0)) await stall.release()
    for (const [url, handler] of this.handlers.splice(0)) await this.page.unroute(url, handler)
  }
}
