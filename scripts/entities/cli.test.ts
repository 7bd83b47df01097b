// @vitest-environment node
// The commands as the desk runs them: what they print and their exit codes (0 done, 1 refused or
// failed, 2 not understood).
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatJson } from './json'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

async function run(script: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'scripts', script), ...args],
      { cwd: repoRoot },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout, stderr }
  }
}

let content: string
const entities = (...args: string[]) => run('entities.ts', ...args, '--content', content)
const gazetteer = () => readFile(path.join(content, 'entities.json'), 'utf8')

beforeAll(async () => {
  content = await mkdtemp(path.join(os.tmpdir(), 'dispatch-entities-cli-'))
  await writeFile(
    path.join(content, 'entities.json'),
    await formatJson([
      {
        id: 'port-ellery',
        name: 'Port Ellery',
        kind: 'place',
        aliases: [],
        description: 'Coastal city in Valdoria.',
      },
    ]),
  )
})
afterAll(() => rm(content, { recursive: true, force: true }))

// Each test starts the command in a new Node process: a ceiling for a busy machine, not an expectation.
describe('npm run entities', { timeout: 60_000 }, () => {
  it('prints its usage on --help, and exits 2 on what it does not understand', async () => {
    const help = await entities('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('usage: npm run entities -- <command>')
    const wrong = [
      [],
      ['rename'],
      ['add', '--name', 'Halloran Vance', '--kind', 'person'],
      ['add', '--file', 'x.json', '--name', 'Halloran Vance'],
      ['add', '--colour', 'blue'],
      ['drop'],
    ]
    const results = await Promise.all(wrong.map((args) => entities(...args)))
    results.forEach((result, i) => {
      expect({ args: wrong[i], code: result.code }).toEqual({ args: wrong[i], code: 2 })
      expect(result.stderr).toContain('usage: npm run entities')
    })
    expect(results[2]?.stderr).toContain('add needs --description (or --file)')
  }, 60_000)

  it('adds from flags, refuses with exit 1 naming the flag, and lists', async () => {
    const before = await gazetteer()
    const refused = await entities(
      'add',
      '--name',
      'Halloran Vance',
      '--kind',
      'harbourmaster',
      '--description',
      'Harbourmaster of Port Ellery.',
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('entities: nothing added; 1 problem:\n  --kind: Invalid type')
    expect(await gazetteer()).toBe(before)

    const added = await entities(
      'add',
      '--name',
      'Halloran Vance',
      '--kind',
      'person',
      '--description',
      'Harbourmaster of Port Ellery.',
      '--alias',
      'Vance',
      '--alias',
      'Harbourmaster Vance',
    )
    expect(added.code).toBe(0)
    expect(added.stdout).toContain(`added halloran-vance "Halloran Vance" (person)`)
    expect(JSON.parse(await gazetteer())).toContainEqual({
      id: 'halloran-vance',
      name: 'Halloran Vance',
      kind: 'person',
      aliases: ['Vance', 'Harbourmaster Vance'],
      description: 'Harbourmaster of Port Ellery.',
    })

    const listed = await entities('list')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/halloran-vance +person +Halloran Vance {2}\(also Vance/)
  }, 60_000)
})

describe('npm run ingest -- --accept-suggestions', { timeout: 60_000 }, () => {
  it('writes the suggested names as stubs and says what to do next', async () => {
    await mkdir(path.join(content, 'wire'), { recursive: true })
    const wire = path.join(content, 'wire', 'pilots.txt')
    await writeFile(
      wire,
      [
        '2026-11-21T09:00:00Z',
        'Pilots return to work in Port Ellery',
        'Pilots went back to work in Port Ellery on Friday.',
        'Oona Brackwater, who leads the pilots, said they had accepted the offer.',
        'With inputs from agencies',
      ].join('\n'),
    )
    const conflict = await run('ingest.ts', wire, '--no-suggest', '--accept-suggestions')
    expect(conflict.code).toBe(2)

    const ingested = await run(
      'ingest.ts',
      wire,
      '--section',
      'Cities',
      '--content',
      content,
      '--accept-suggestions',
    )
    expect(ingested.stderr).toBe('')
    expect(ingested.code).toBe(0)
    const pending = path.join(content, 'entities-pending.json')
    // Which names the tagger finds is its business (suggest.test.ts): here, that each is a stub.
    const stubs = JSON.parse(await readFile(pending, 'utf8')) as { name: string }[]
    expect(stubs.length).toBeGreaterThan(0)
    const story = path.join(content, 'articles', 'pilots-return-to-work-in-port-ellery.json')
    for (const stub of stubs) {
      expect(stub).toEqual({
        name: expect.stringContaining('Brackwater') as string,
        kind: expect.stringMatching(/^(person|place|organisation|)$/) as string,
        aliases: [],
        description: '',
        from: [{ story, wire }],
      })
    }
    expect(ingested.stdout).toContain(`${pending}: added ${stubs.length} to complete: `)
    expect(ingested.stdout).toContain(
      `npm run entities -- add --file ${pending} --content ${content}`,
    )

    const early = await entities('add', '--file', pending)
    expect(early.code).toBe(1)
    expect(early.stderr).toContain(`nothing to add: ${stubs.length} still to complete`)
    const dropped = await entities('drop', ...stubs.map((s) => s.name))
    expect(dropped.stdout).toContain(`${pending}: ${stubs.length} dropped, 0 waiting`)
  }, 60_000)
})
