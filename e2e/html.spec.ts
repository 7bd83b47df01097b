import { execFile } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from './fixtures'

// Every page the build wrote, and the house ads' creatives, through the W3C Nu HTML Checker
// (vnu-jar from npm, run on Debian's Java). The same files whichever server sends them: once.
const VNU = 'node_modules/vnu-jar/build/dist/vnu.jar'

interface NuMessage {
  type: 'error' | 'info' | 'non-document-error'
  url?: string
  lastLine?: number
  message: string
  extract?: string
}

async function javaMissing(): Promise<string> {
  try {
    await promisify(execFile)('java', ['-version'])
    return ''
  } catch {
    return 'Java is not installed, so the Nu HTML Checker cannot run: apt-get install default-jre-headless'
  }
}

test('every built page passes the Nu HTML Checker with no errors @desktop-only', async () => {
  test.setTimeout(180_000)
  const missing = await javaMissing()
  // CI installs Java (.ci/run): there a missing Java is a failure, not a reason to skip.
  expect(process.env.CI && missing, missing).toBeFalsy()
  test.skip(missing !== '', missing)
  const pages = (await readdir('dist', { recursive: true }))
    .filter((file) => file.endsWith('.html'))
    .map((file) => path.join('dist', file))
  // The front page, the latest stories, a section front, an author page, a story, an entity page,
  // the not-found page and the ad creatives at least.
  expect(pages).toEqual(
    expect.arrayContaining([
      'dist/index.html',
      'dist/latest/index.html',
      expect.stringMatching(/^dist\/sections\/[^/]+\/index\.html$/),
      expect.stringMatching(/^dist\/authors\/[^/]+\/index\.html$/),
      'dist/404.html',
      expect.stringMatching(/^dist\/articles\/[^/]+\/index\.html$/),
      expect.stringMatching(/^dist\/entities\/[^/]+\/index\.html$/),
      expect.stringMatching(/^dist\/ads\/[^/]+\.html$/),
    ]),
  )
  // vnu exits 1 when it finds errors; its JSON report (on stderr) says which.
  const run = await promisify(execFile)(
    'java',
    ['-jar', VNU, '--errors-only', '--format', 'json', ...pages],
    { maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: unknown) => error as { stderr: string })
  const report = JSON.parse(run.stderr) as { messages: NuMessage[] }
  const errors = report.messages.map(
    (m) =>
      `${path.relative(process.cwd(), m.url?.replace(/^file:/, '') ?? '?')}:${m.lastLine ?? '?'}: ${m.message}`,
  )
  test.info().annotations.push({
    type: 'Nu HTML Checker',
    description: `${pages.length} pages, ${errors.length} errors`,
  })
  expect(errors).toEqual([])
})
