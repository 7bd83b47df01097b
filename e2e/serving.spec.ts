import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { expect, SEED_SLUG, test } from './fixtures'
import { open } from './pages'
import { QUERY_STATE_ID } from '../src/app/queryState'
import { FIRST_PAINT_SCRIPT } from '../src/display/firstPaint'

const firstPaintHash = `'sha256-${createHash('sha256').update(FIRST_PAINT_SCRIPT).digest('base64')}'`

// Runs against nginx only (see playwright.config.ts): what the deployment's configuration sends.
test.describe('Served like production', () => {
  test('pages carry the security headers and a strict Content-Security-Policy', async ({
    request,
  }) => {
    for (const path of [
      '/',
      '/latest',
      '/sections/world',
      '/authors/ilse-varga',
      `/articles/${SEED_SLUG}`,
      '/entities/belta',
      '/no-such-page',
    ]) {
      const response = await request.get(path)
      const headers = response.headers()
      const csp = headers['content-security-policy'] ?? ''
      // Scripts from the site's files, and inline only the first-paint script, by its hash.
      expect(csp, path).toContain(`script-src 'self' ${firstPaintHash};`)
      expect(csp, path).not.toContain('unsafe-inline')
      expect(csp, path).toContain("frame-ancestors 'none'")
      // No <base> element may change where the page's relative links and scripts point.
      expect(csp, path).toContain("base-uri 'none'")
      // No string becomes script or HTML through a DOM sink but the one policy's, src/boot.ts's.
      expect(csp, path).toContain("require-trusted-types-for 'script'")
      expect(csp, path).toContain('trusted-types dispatch-worker')
      expect(headers['permissions-policy'], path).toContain('camera=()')
      expect(headers['x-content-type-options'], path).toBe('nosniff')
      expect(headers['x-frame-options'], path).toBe('DENY')
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
    }
  })

  test('allows the page’s inline stylesheet by its hash, and no other inline style', async ({
    request,
  }) => {
    for (const path of ['/', '/sections/world', `/articles/${SEED_SLUG}`, '/no-such-page']) {
      const response = await request.get(path)
      const styles = [...(await response.text()).matchAll(/<style>([\s\S]*?)<\/style>/g)]
      expect(styles, `${path} has its stylesheet inline`).toHaveLength(1)
      const hash = createHash('sha256')
        .update(styles[0]?.[1] ?? '')
        .digest('base64')
      const csp = response.headers()['content-security-policy'] ?? ''
      expect(
        csp,
        'the build writes the hash of the stylesheet it inlines (scripts/deploy/securityHeaders.ts)',
      ).toContain(`style-src 'self' 'sha256-${hash}';`)
    }
  })

  test('serves prerendered pages as files and unknown addresses as a real 404', async ({
    request,
  }) => {
    const story = await request.get(`/articles/${SEED_SLUG}`)
    expect(story.status()).toBe(200)
    // The story's own page: its headline in the markup, its state there for hydration.
    const storyHtml = await story.text()
    expect(storyHtml).toMatch(/<h1[^>]*>Trump speaks with Putin ally Lukashenko/)
    expect(storyHtml).toContain(`id="${QUERY_STATE_ID}"`)
    for (const path of [
      '/articles/no-such-story',
      '/entities/nobody/page/9',
      '/sections/no-such-section',
      '/authors/nobody',
      '/page/2',
      '/no-such-page',
    ]) {
      const response = await request.get(path)
      expect(response.status(), path).toBe(404)
      // The shared not-found page: no state, as it is the same file for every unknown address.
      const html = await response.text()
      expect(html, path).toContain('Page not found')
      expect(html, path).not.toContain(`id="${QUERY_STATE_ID}"`)
    }
    expect((await request.get('/api/articles/no-such-story.json')).status()).toBe(404)
  })

  test('caches hashed assets for good, and HTML and the API only briefly', async ({
    page,
    request,
  }) => {
    const assets: string[] = []
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/assets/')) assets.push(r.url())
    })
    await page.goto(`/articles/${SEED_SLUG}`)
    expect(assets.length).toBeGreaterThan(0)
    for (const asset of assets) {
      expect((await request.get(asset)).headers()['cache-control']).toBe(
        'public, max-age=31536000, immutable',
      )
    }
    for (const path of [`/articles/${SEED_SLUG}`, `/api/articles/${SEED_SLUG}.json`]) {
      const response = await request.get(path)
      expect(response.headers()['cache-control'], path).toBe('public, max-age=60, must-revalidate')
      expect(response.headers().etag, path).toBeTruthy()
    }
  })

  test('compresses text with brotli or gzip', async ({ request }) => {
    const response = await request.get(`/api/articles/${SEED_SLUG}.json`, {
      headers: { 'accept-encoding': 'br, gzip' },
    })
    expect(['br', 'gzip']).toContain(response.headers()['content-encoding'])
  })

  test('sends the build’s compressed copies as they are, the same bytes as each file', async ({
    request,
  }) => {
    const script = (await readdir('dist/assets')).find((name) => /^index-.*\.js$/.test(name))
    expect(script, 'the app’s start-up script').toBeDefined()
    for (const [path, file] of [
      [`/articles/${SEED_SLUG}`, `articles/${SEED_SLUG}/index.html`],
      ['/sections/world', 'sections/world/index.html'],
      [`/api/articles/${SEED_SLUG}.json`, `api/articles/${SEED_SLUG}.json`],
      [`/assets/${script}`, `assets/${script}`],
      ['/sitemap.xml', 'sitemap.xml'],
      ['/no-such-page', '404.html'],
    ] as const) {
      const plain = await readFile(`dist/${file}`)
      for (const [encoding, ext] of [
        ['br', '.br'],
        ['gzip', '.gz'],
      ] as const) {
        const response = await request.get(path, { headers: { 'accept-encoding': encoding } })
        const headers = response.headers()
        expect(headers['content-encoding'], `${path} ${encoding}`).toBe(encoding)
        // The copy's own length: nginx compressing on the fly sends none (chunked).
        expect(Number(headers['content-length']), `${path} ${encoding}`).toBe(
          (await stat(`dist/${file}${ext}`)).size,
        )
        // Decoded, the reader gets the file itself.
        expect((await response.body()).equals(plain), `${path} ${encoding}`).toBe(true)
      }
    }
  })

  test('the story reports no Content-Security-Policy violation as it loads and runs', async ({
    page,
  }) => {
    const violations: string[] = []
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        ;(window as unknown as { reportViolation: (v: string) => void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        )
      })
    })
    // Start-up's one script URL, the date-data worker's, passes the Trusted Types policy.
    const worker = page.waitForEvent('worker')
    await open(page, `/articles/${SEED_SLUG}`)
    expect((await worker).url()).toMatch(/\/assets\/warmTime-[\w-]+\.js$/)
    await page.getByRole('link', { name: 'Alexander Lukashenko' }).first().click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alexander Lukashenko')
    expect(violations).toEqual([])
  })
})
