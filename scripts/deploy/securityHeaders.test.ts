// @vitest-environment node
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { AdOrigins } from '../../src/ads/settings'
import { writeNginxConfig } from './nginxConfig'
import { apiOriginOf, contentSecurityPolicy } from './securityHeaders'

const noAds: AdOrigins = { frames: [], scripts: [], connections: [], images: [] }
const blank = { stylesheet: '', inlineScripts: [] }
const directive = (policy: string, name: string) =>
  policy.split('; ').find((d) => d.startsWith(`${name} `))

describe('the Content-Security-Policy the build writes', () => {
  it("allows the pages' stylesheet and first-paint script by their hashes, and nothing inline else", () => {
    const policy = contentSecurityPolicy({
      stylesheet: 'a{color:red}',
      inlineScripts: ['document.documentElement.dataset.theme="dark"'],
      ads: noAds,
    })
    const hash = (text: string) => createHash('sha256').update(text).digest('base64')
    expect(directive(policy, 'style-src')).toBe(`style-src 'self' 'sha256-${hash('a{color:red}')}'`)
    expect(directive(policy, 'script-src')).toBe(
      `script-src 'self' 'sha256-${hash('document.documentElement.dataset.theme="dark"')}'`,
    )
    expect(policy).not.toContain('unsafe')
  })

  it('lets readers fetch the API from the origin VITE_API_BASE names', () => {
    const apiOrigin = apiOriginOf('https://cms.example.org/dispatch/v2/')
    expect(apiOrigin).toBe('https://cms.example.org')
    const policy = contentSecurityPolicy({ ...blank, apiOrigin, ads: noAds })
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' https://cms.example.org")
    // The site's own API (a path) needs nothing more than 'self'.
    expect(apiOriginOf('/api/')).toBeUndefined()
    expect(apiOriginOf(undefined)).toBeUndefined()
  })

  it("puts an ad provider's frame, script, request and image origins where each belongs", () => {
    const ads: AdOrigins = {
      frames: ['https://frames.ads.example'],
      scripts: ['https://tag.ads.example'],
      connections: ['https://bid.ads.example'],
      images: ['https://img.ads.example'],
    }
    const policy = contentSecurityPolicy({ ...blank, ads })
    expect(directive(policy, 'frame-src')).toBe("frame-src 'self' https://frames.ads.example")
    expect(directive(policy, 'script-src')).toBe("script-src 'self' https://tag.ads.example")
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' https://bid.ads.example")
    expect(directive(policy, 'img-src')).toBe("img-src 'self' data: https://img.ads.example")
  })

  it('refuses a setting that is not an origin, naming it, rather than widen the policy', () => {
    expect(() => apiOriginOf('javascript:alert(1)')).toThrow(
      'deploy settings: VITE_API_BASE is "javascript:alert(1)"; expected a path or an http(s) URL',
    )
    expect(() => apiOriginOf('cms.example.org/api')).toThrow(/VITE_API_BASE/)
    const ads = { ...noAds, frames: ["https://a.example; script-src 'unsafe-inline'"] }
    expect(() => contentSecurityPolicy({ ...blank, ads })).toThrow(
      /ads frame origin: .* is not an origin/,
    )
  })

  it('forbids base elements, framing the site, and HTML written into script sinks', () => {
    const policy = contentSecurityPolicy({ ...blank, ads: noAds })
    for (const expected of [
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "require-trusted-types-for 'script'",
      'trusted-types dispatch-worker',
    ])
      expect(policy.split('; ')).toContain(expected)
  })
})

describe('npm run build writes the nginx configuration', () => {
  it('beside deploy/nginx/’s files, with the configured API origin in its policy', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-nginx-config-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    const pageFile = path.join(dir, 'template.html')
    await writeFile(
      pageFile,
      '<html><head><script>x=1</script><style>p{margin:0}</style></head><body>' +
        '<script type="application/json" id="state">{}</script>' +
        '<script type="module" src="/assets/app.js"></script></body></html>',
    )
    const outDir = path.join(dir, 'dist-nginx')
    await mkdir(outDir)
    await writeFile(path.join(outDir, 'left-over.conf'), 'from an earlier build')
    await writeNginxConfig({
      pageFile,
      env: { VITE_API_BASE: 'https://cms.example.org/api/' },
      sourceDir: 'deploy/nginx',
      outDir,
    })
    const headers = await readFile(path.join(outDir, 'security-headers.conf'), 'utf8')
    expect(headers).toMatch(/connect-src 'self' https:\/\/cms\.example\.org;/)
    // The one script the page runs from its markup; the JSON data block runs nothing.
    expect(headers).toContain(
      `script-src 'self' 'sha256-${createHash('sha256').update('x=1').digest('base64')}';`,
    )
    expect(headers).toContain(
      `'sha256-${createHash('sha256').update('p{margin:0}').digest('base64')}'`,
    )
    expect(await readFile(path.join(outDir, 'site.conf'), 'utf8')).toContain(
      'include security-headers.conf;',
    )
    await expect(readFile(path.join(outDir, 'left-over.conf'))).rejects.toThrow(/ENOENT/)
  })

  it('stops on a bad ad setting, naming it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dispatch-nginx-config-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true }))
    const pageFile = path.join(dir, 'template.html')
    await writeFile(pageFile, '<style>p{}</style>')
    await expect(
      writeNginxConfig({
        pageFile,
        env: { VITE_ADS_PROVIDER: 'elsewhere' },
        sourceDir: 'deploy/nginx',
        outDir: path.join(dir, 'out'),
      }),
    ).rejects.toThrow('VITE_ADS_PROVIDER is "elsewhere"')
  })
})
