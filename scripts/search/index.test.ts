// The search index the content build writes, queried by the browser's engine: the two halves meet
// here, with the index's files put straight into the engine's query cache.
import { QueryClient } from '@tanstack/react-query'
import * as v from 'valibot'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiFileOf, apiFiles } from '../../src/app/siteMap'
import type { Article, Entity } from '../../src/content/schema'
import type { SearchManifest, SearchTerms } from '../../src/search/schema'
import {
  searchDocsQueryOptions,
  searchGroupsQueryOptions,
  searchIndexQueryOptions,
  searchPartQueryOptions,
  searchTermsQueryOptions,
} from '../../src/queries/search'
import { search } from '../../src/search/engine'
import { testGazetteer } from '../../src/test/gazetteer'
import {
  BLOCK_SIZE,
  buildSearchIndex,
  patchSearchIndex,
  PostingsBuilder,
  readSearchIndex,
  SHARD_LIMIT,
  searchFiles,
  type SearchLayout,
  TERMS_FILE_BYTES,
  termSize,
  searchIndexBuilder,
  searchIndexEntries,
  searchIndexFiles,
  updateSearchIndex,
  type DocChange,
  type WithdrawnPlace,
} from './index'
import { PostingsRuns } from './postingsRuns'

const story = (
  slug: string,
  headline: string,
  text: string,
  extra: Partial<Article> = {},
): Article => ({
  slug,
  headline,
  standfirst: 'A story from the Skerrin coast.',
  section: 'World',
  publishedAt: '2026-11-20T10:00:00Z',
  credit: 'Dispatch staff',
  body: [{ type: 'paragraph', id: 'p1', content: [{ type: 'text', text }] }],
  ...extra,
})

const gazetteer: Entity[] = [
  ...testGazetteer,
  {
    id: 'lukasz-zarnowiec',
    name: 'Łukasz Żarnowiec',
    kind: 'person',
    aliases: ['Żarnowiec'],
    description: 'Skipper of the night ferry.',
  },
  {
    id: 'vera-solenko',
    name: 'Vera Solenko',
    kind: 'person',
    aliases: ['Вера Соленко'],
    description: 'Poet of the northern islands.',
  },
]

const stories = [
  story('ferry-strike', 'Ferry strike strands islanders', 'Crews walked out at dawn.', {
    section: 'Cities',
    publishedAt: '2026-11-01T08:00:00Z',
  }),
  story('seawall', 'Seawall repairs funded', 'The ferry terminal is also to be rebuilt.', {
    publishedAt: '2026-11-25T08:00:00Z',
  }),
  story('museum', 'Maritime museum reopens', 'Tickets from the old ferries are on show.', {
    section: 'Culture',
    publishedAt: '2026-11-10T08:00:00Z',
  }),
]

/** The engine over the index built from `entities` and `articles`, with nothing to fetch. */
function engineOver(entities: Entity[], articles: Article[], withdrawn: WithdrawnPlace[] = []) {
  return engineOn(searchFiles(entities, articles, withdrawn))
}

/** The engine over these index files, put straight into its query cache. */
function engineOn(files: Map<string, unknown>) {
  const client = new QueryClient()
  for (const [file, value] of files) {
    const found = apiFileOf(file)
    if (!found) throw new Error(`${file} is not a declared API file`)
    const { name, params } = found
    if (name === 'searchIndex')
      client.setQueryData(
        searchIndexQueryOptions().queryKey,
        v.parse(apiFiles.searchIndex.schema, value),
      )
    else if (name === 'searchTerms')
      client.setQueryData(
        searchTermsQueryOptions(params.shard ?? '').queryKey,
        v.parse(apiFiles.searchTerms.schema, value),
      )
    else if (name === 'searchDocs')
      client.setQueryData(
        searchDocsQueryOptions(Number(params.block)).queryKey,
        v.parse(apiFiles.searchDocs.schema, value),
      )
    else if (name === 'searchGroups')
      client.setQueryData(
        searchGroupsQueryOptions(Number(params.range)).queryKey,
        v.parse(apiFiles.searchGroups.schema, value),
      )
    else if (name === 'searchPart')
      client.setQueryData(
        searchPartQueryOptions(params.word ?? '', Number(params.part)).queryKey,
        v.parse(apiFiles.searchPart.schema, value),
      )
    else throw new Error(`${file}: not a search file`)
  }
  return {
    client,
    async find(query: string, section?: string) {
      const outcome = await search(client, query, section)
      const item = (doc: number) => {
        const { blockSize } = outcome.manifest
        const block = client.getQueryData(
          searchDocsQueryOptions(Math.floor(doc / blockSize)).queryKey,
        )
        const found = block?.items[doc % blockSize]
        return found ? (found.kind === 'story' ? found.slug : found.id) : found
      }
      return outcome.docs.map(item)
    },
  }
}

describe('search over the built index', () => {
  const engine = engineOver(gazetteer, stories)

  it('finds stories and entities by any word: names and headlines first, then newest', async () => {
    expect(await engine.find('ferry')).toEqual([
      'skerrin-ferries', // an entity's name (a plural: its singular matches) and description
      'ferry-strike', // in the headline
      'seawall', // in the body, newer
      'museum', // in the body, as a plural
      'lukasz-zarnowiec', // in a description
      'tobias-wren',
    ])
  })

  it('needs every word, and takes the last as the start of a word', async () => {
    expect(await engine.find('ferry terminal')).toEqual(['seawall'])
    expect(await engine.find('ferry term')).toEqual(['seawall'])
    expect(await engine.find('the ferry nonsenseword')).toEqual([])
  })

  it('matches names across accents and scripts, both ways', async () => {
    expect(await engine.find('zarnowiec')).toEqual(['lukasz-zarnowiec'])
    expect(await engine.find('ŻARNOWIEC')).toEqual(['lukasz-zarnowiec'])
    expect(await engine.find('lukasz')).toEqual(['lukasz-zarnowiec'])
    expect(await engine.find('Соленко')).toEqual(['vera-solenko'])
    expect(await engine.find('solenko')).toEqual(['vera-solenko'])
  })

  it('filters by section, counting every section', async () => {
    expect(await engine.find('ferry', 'Culture')).toEqual(['museum'])
    const outcome = await search(engine.client, 'ferry', 'Culture')
    const counts = Object.fromEntries(
      [...outcome.groupCounts].map(([code, n]) => [
        JSON.stringify(outcome.manifest.groups[code]),
        n,
      ]),
    )
    expect(counts).toMatchObject({
      '{"kind":"story","section":"Cities"}': 1,
      '{"kind":"story","section":"World"}': 1,
      '{"kind":"story","section":"Culture"}': 1,
    })
  })
})

describe('the index files', () => {
  // 400 stories, each with 60 words of its own and a word they all share (quayside).
  const many = Array.from({ length: 400 }, (_, i) =>
    story(
      `s${i}`,
      `Story ${i}`,
      `quayside ${Array.from({ length: 60 }, (_, w) => `w${i}x${w}`).join(' ')}`,
      {
        publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000)
          .toISOString()
          .replace('.000', ''),
      },
    ),
  )
  const files = searchFiles(testGazetteer, many)

  it('split words by longer prefixes until each terms file is under the limit', () => {
    const terms = [...files].filter(([file]) => apiFileOf(file)?.name === 'searchTerms')
    expect(terms.length).toBeGreaterThan(10)
    for (const [file, value] of terms)
      expect(JSON.stringify(value).length, file).toBeLessThanOrEqual(SHARD_LIMIT)
  })

  it('are as big on disk as their words say: a patch learns sizes without reading files', () => {
    const terms = [...files].filter(([file]) => apiFileOf(file)?.name === 'searchTerms')
    for (const [file, value] of terms) {
      const { words, postings } = value as SearchTerms
      const sizes = words.reduce((sum, word, i) => sum + termSize(word, postings[i] ?? []), 0)
      expect(Buffer.byteLength(JSON.stringify(value)), file).toBe(TERMS_FILE_BYTES + sizes)
    }
    // Words in other scripts count their bytes, not their letters.
    const one = { words: ['вера'], postings: [[1, 0, 8]] }
    expect(Buffer.byteLength(JSON.stringify(one))).toBe(
      TERMS_FILE_BYTES + termSize('вера', [1, 0, 8]),
    )
  })

  it('keep a word as short as its prefix in a file of its own where that prefix is split', () => {
    // Hundreds of words under "qu" split it by longer prefixes; "qu" itself stays under its own.
    const quays = Array.from({ length: 600 }, (_, i) =>
      story(`q${i}`, `Story ${i}`, `quill${i}x quay${i}y quote${i}z qu`),
    )
    const split = searchFiles(testGazetteer, quays)
    const under = (prefix: string) => split.get(`search/terms/${prefix}.json`) as SearchTerms
    expect(under('qu').words).toEqual(['qu'])
    for (const prefix of ['qua', 'qui', 'quo'])
      expect(under(prefix).words.every((word) => word.startsWith(prefix))).toBe(true)
    const longer = ['qua', 'qui', 'quo'].flatMap((prefix) => under(prefix).words)
    expect(longer).toEqual(
      expect.arrayContaining(quays.flatMap((_, i) => [`quill${i}x`, `quay${i}y`, `quote${i}z`])),
    )
  })

  it('keep every story findable by its own words, and a new story changes few files', async () => {
    const engine = engineOver(testGazetteer, many)
    expect(await engine.find('w123x45')).toEqual(['s123'])
    expect(await engine.find('quayside')).toHaveLength(400)
    const next = searchFiles(testGazetteer, [
      ...many,
      story('s400', 'Story 400', 'A new word: quillon.', { publishedAt: '2027-01-01T00:00:00Z' }),
    ])
    const changed = [...next].filter(
      ([file, value]) => JSON.stringify(files.get(file)) !== JSON.stringify(value),
    )
    expect(changed.map(([file]) => apiFileOf(file)?.name).sort()).toEqual(
      expect.arrayContaining(['searchIndex', 'searchDocs']),
    )
    // Its dozen words’ terms files, its docs block and the manifest, of over 150.
    expect(files.size).toBeGreaterThan(150)
    expect(changed.length).toBeLessThanOrEqual(14)
  })

  it('are the same when updated for edited and added stories as when built afresh', async () => {
    const edited = story('s7', 'Story 7', 'Rewritten: quayside cranes idle', {
      publishedAt: many[7]?.publishedAt ?? '',
      section: 'Business',
    })
    const added = story('s400', 'Story 400', 'A new word: quillon.', {
      publishedAt: '2027-01-01T00:00:00Z',
    })
    const previous = await readSearchIndex((file) => Promise.resolve(files.get(file)))
    expect(previous).toBeDefined()
    if (!previous) return
    const entities = testGazetteer.length
    const updated = updateSearchIndex(
      previous,
      new Map([
        [entities + 7, edited],
        [entities + 400, added],
      ]),
    )
    const fresh = buildSearchIndex(testGazetteer, [
      ...many.slice(0, 7),
      edited,
      ...many.slice(8),
      added,
    ])
    expect(searchIndexFiles(updated)).toEqual(searchIndexFiles(fresh))
    // The edit took its old words away.
    const engine = engineOver(testGazetteer, [...many.slice(0, 7), edited, ...many.slice(8), added])
    expect(await engine.find('w7x3')).toEqual([])
    expect(await engine.find('cranes')).toEqual(['s7'])
  })

  it('are the same when updated for withdrawn stories as when built afresh', async () => {
    const previous = await readSearchIndex((file) => Promise.resolve(files.get(file)))
    expect(previous).toBeDefined()
    if (!previous) return
    const entities = testGazetteer.length
    const edited = story('s12', 'Story 12', 'Rewritten after two went: harbour lights.', {
      publishedAt: many[12]?.publishedAt ?? '',
    })
    // Stories 3 and 9 go; story 12 is now the 10th story, and edited.
    const updated = updateSearchIndex(
      previous,
      new Map([[entities + 10, edited]]),
      new Set([entities + 3, entities + 9]),
    )
    const kept = [
      ...many.slice(0, 3),
      ...many.slice(4, 9),
      ...many.slice(10, 12),
      edited,
      ...many.slice(13),
    ]
    expect(searchIndexFiles(updated)).toEqual(
      searchIndexFiles(buildSearchIndex(testGazetteer, kept)),
    )
    const engine = engineOver(testGazetteer, kept)
    expect(await engine.find('w3x1')).toEqual([])
    expect(await engine.find('lights')).toEqual(['s12'])
  })

  it('keep a withdrawn story’s number, empty: only its block and its words’ files change', async () => {
    const previous = await readSearchIndex((file) => Promise.resolve(files.get(file)))
    expect(previous).toBeDefined()
    if (!previous) return
    const entities = testGazetteer.length
    const place = (i: number) => ({
      slug: `s${i}`,
      publishedAt: many[i]?.publishedAt ?? '',
      section: many[i]?.section ?? '',
    })
    // Stories 3 and 9 are withdrawn.
    const updated = updateSearchIndex(
      previous,
      new Map([
        [entities + 3, place(3)],
        [entities + 9, place(9)],
      ]),
    )
    const kept = many.filter((_, i) => i !== 3 && i !== 9)
    const afresh = searchFiles(testGazetteer, kept, [place(3), place(9)])
    expect(searchIndexFiles(updated)).toEqual(afresh)
    const changed = [...afresh]
      .filter(([file, value]) => JSON.stringify(files.get(file)) !== JSON.stringify(value))
      .map(([file]) => file)
    // No document moved: every other block of documents is as it was, and so are the documents'
    // groups (the manifest may list other terms files, as their words went).
    const blocks = new Set([entities + 3, entities + 9].map((doc) => Math.floor(doc / BLOCK_SIZE)))
    expect(changed.filter((file) => apiFileOf(file)?.name === 'searchDocs').sort()).toEqual(
      [...blocks].map((block) => apiFiles.searchDocs.file.fill({ block: String(block) })).sort(),
    )
    const manifest = (of: Map<string, unknown>) => {
      const { docs, groups, counts } = of.get(apiFiles.searchIndex.file.fill({})) as SearchManifest
      return { docs, groups, counts }
    }
    expect(manifest(afresh)).toEqual(manifest(files))
    expect(changed.filter((file) => apiFileOf(file)?.name === 'searchGroups')).toEqual([])
    const engine = engineOver(testGazetteer, kept, [place(3), place(9)])
    expect(await engine.find('w3x1')).toEqual([])
    expect(await engine.find('w4x1')).toEqual(['s4'])
    expect(await engine.find('quayside')).toHaveLength(398)
  })

  /** The files after a patch: those it wrote, and the others of its list as they were. */
  async function patched(changes: DocChange[]) {
    const reads: string[] = []
    const result = await patchSearchIndex((file) => {
      reads.push(file)
      return Promise.resolve(files.get(file))
    }, changes)
    if (!result) return undefined
    const after = new Map(
      result.all.map((file) => [file, result.files.get(file) ?? files.get(file)]),
    )
    return { after, reads, written: result.files }
  }
  const entities = testGazetteer.length
  const placeOf = (i: number): WithdrawnPlace => ({
    slug: `s${i}`,
    publishedAt: many[i]?.publishedAt ?? '',
    section: many[i]?.section ?? '',
  })

  it('are the same patched, reading only the changed stories’ files, as built afresh', async () => {
    const edited = story('s7', 'Story 7', 'Rewritten: quayside cranes idle', {
      publishedAt: many[7]?.publishedAt ?? '',
    })
    const added = story('s400', 'Story 400', 'A new word: quillon.', {
      publishedAt: '2027-01-01T00:00:00Z',
    })
    const result = await patched([
      { doc: entities + 7, before: many[7], after: edited },
      { doc: entities + 400, after: added },
      { doc: entities + 3, before: many[3], after: placeOf(3) },
    ])
    const kept = [...many.slice(0, 3), ...many.slice(4, 7), edited, ...many.slice(8), added]
    expect(result?.after).toEqual(searchFiles(testGazetteer, kept, [placeOf(3)]))
    // The manifest, the changed documents' blocks (the new one's, if it was there) and the terms
    // files of their words' prefixes: a few dozen of the index's files.
    expect(result?.reads.length).toBeLessThan(files.size / 3)
    const blocks = [3, 7, 400]
      .map((i) =>
        apiFiles.searchDocs.file.fill({ block: String(Math.floor((entities + i) / BLOCK_SIZE)) }),
      )
      .filter((file) => files.has(file))
    expect(result?.reads.filter((file) => apiFileOf(file)?.name === 'searchDocs').sort()).toEqual(
      [...new Set(blocks)].sort(),
    )
    const engine = engineOver(testGazetteer, kept, [placeOf(3)])
    expect(await engine.find('w7x3')).toEqual([])
    expect(await engine.find('w3x3')).toEqual([])
    expect(await engine.find('cranes')).toEqual(['s7'])
    expect(await engine.find('quillon')).toEqual(['s400'])
  })

  it('are patched reading only the files of the words an edit changes', async () => {
    // Story 17 loses one word (w17x3) and gains another (cranes); its other words weigh the same.
    const text =
      (many[17]?.body[0]?.type === 'paragraph' && many[17].body[0].content[0]?.text) || ''
    const edited = story('s17', 'Story 17', text.replace('w17x3 ', 'cranes '), {
      publishedAt: many[17]?.publishedAt ?? '',
    })
    expect(text).toContain('w17x3 ')
    const reads: string[] = []
    const sized: string[] = []
    const result = await patchSearchIndex(
      (file) => {
        reads.push(file)
        return Promise.resolve(files.get(file))
      },
      [{ doc: entities + 17, before: many[17], after: edited }],
      (file) => {
        sized.push(file)
        return Promise.resolve(Buffer.byteLength(JSON.stringify(files.get(file))))
      },
    )
    const after = new Map(
      result?.all.map((file) => [file, result.files.get(file) ?? files.get(file)]),
    )
    expect(after).toEqual(
      searchFiles(testGazetteer, [...many.slice(0, 17), edited, ...many.slice(18)]),
    )
    const termsRead = reads.filter((file) => apiFileOf(file)?.name === 'searchTerms')
    // The file of w17… words and the file where cranes goes. The prefix w1 is over the limit, and
    // split into w10, w11…: that it still is comes from its files' sizes on disk, none read for it.
    expect(termsRead.length).toBeGreaterThan(0)
    expect(termsRead.length).toBeLessThanOrEqual(2)
    expect(termsRead).toContain(apiFiles.searchTerms.file.fill({ shard: 'w17' }))
    // Only until they show the prefix still over the limit.
    const underW1 = [...files.keys()].filter((file) => file.includes('/terms/w1'))
    expect(sized.length).toBeGreaterThan(0)
    expect(sized.length).toBeLessThan(underW1.length)
    expect(sized.every((file) => underW1.includes(file))).toBe(true)
  })

  it('are split again where a patch grows a prefix past the limit, and merged where it shrinks', async () => {
    // Story 5 gains 2,000 words under one prefix, then loses them again.
    const grown = story(
      's5',
      'Story 5',
      Array.from({ length: 2000 }, (_, w) => `zq${w}`).join(' '),
      {
        publishedAt: many[5]?.publishedAt ?? '',
      },
    )
    const grow = await patched([{ doc: entities + 5, before: many[5], after: grown }])
    const withGrown = [...many.slice(0, 5), grown, ...many.slice(6)]
    expect(grow?.after).toEqual(searchFiles(testGazetteer, withGrown))
    const zq = [...(grow?.written.keys() ?? [])].filter((file) => file.includes('/terms/zq'))
    expect(zq.length).toBeGreaterThan(1)
    const back = await patchSearchIndex(
      (file) => Promise.resolve(grow?.after.get(file)),
      [{ doc: entities + 5, before: grown, after: many[5] as Article }],
    )
    const restored = new Map(
      back?.all.map((file) => [file, back.files.get(file) ?? grow?.after.get(file)]),
    )
    expect(restored).toEqual(files)
  })

  it('are not patched when a change brings a new group of results, or skips a number', async () => {
    const business = story('s7', 'Story 7', 'Moved to business', {
      publishedAt: many[7]?.publishedAt ?? '',
      section: 'Business',
    })
    expect(await patched([{ doc: entities + 7, before: many[7], after: business }])).toBeUndefined()
    const added = story('s401', 'Story 401', 'Later', { publishedAt: '2027-01-02T00:00:00Z' })
    expect(await patched([{ doc: entities + 401, after: added }])).toBeUndefined()
    expect(
      await patchSearchIndex(
        () => Promise.reject(new Error('ENOENT')),
        [{ doc: entities + 7, before: many[7], after: business }],
      ),
    ).toBeUndefined()
  })

  it('read back as they were written, or not at all when one is missing', async () => {
    const index = await readSearchIndex((file) => Promise.resolve(files.get(file)))
    expect(index && searchIndexFiles(index)).toEqual(files)
    const manifest = [...files.keys()].find((file) => file.endsWith('index.json'))
    expect(
      await readSearchIndex((file) =>
        file.includes('/docs/1.')
          ? Promise.reject(new Error('ENOENT'))
          : Promise.resolve(files.get(file)),
      ),
    ).toBeUndefined()
    expect(manifest).toBeDefined()
  })
})

describe('the lists of the commonest words', () => {
  // 400 stories, each with 60 words of its own; every one has quayside, and the even ones harbour.
  const many = Array.from({ length: 400 }, (_, i) =>
    story(
      `s${i}`,
      `Story ${i}`,
      `quayside ${i % 2 ? '' : 'harbour '}${Array.from({ length: 60 }, (_, w) => `w${i}x${w}`).join(' ')}`,
      {
        publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000)
          .toISOString()
          .replace('.000', ''),
      },
    ),
  )
  // Small enough that this archive has long words (in 100 documents or more) in 7 parts.
  const layout: SearchLayout = { longDocs: 100, partSize: 64, groupsSize: 64 }
  const files = searchFiles(testGazetteer, many, [], layout)
  const whole = searchFiles(testGazetteer, many)
  const entities = testGazetteer.length
  const manifestOf = (of: Map<string, unknown>) =>
    of.get(apiFiles.searchIndex.file.fill({})) as SearchManifest
  const partsIn = (of: Iterable<string>) =>
    [...of].filter((file) => apiFileOf(file)?.name === 'searchPart').sort()
  const partFile = (word: string, part: number) =>
    apiFiles.searchPart.file.fill({ word, part: String(part) })
  afterEach(() => vi.unstubAllGlobals())

  it('are cut into parts by document range, and answer as one list does', async () => {
    const manifest = manifestOf(files)
    expect(manifest.long?.words).toEqual(expect.arrayContaining(['harbour', 'quayside', 'story']))
    expect(manifestOf(whole).long).toBeUndefined()
    // A long word is in no terms file, and each part holds its range's documents only.
    for (const [file, value] of files) {
      const found = apiFileOf(file)
      if (found?.name === 'searchTerms')
        expect((value as SearchTerms).words, file).not.toContain('quayside')
      if (found?.name !== 'searchPart') continue
      const [, first = 0, ...rest] = (value as { postings: number[] }).postings
      let last = first
      for (let i = 1; i < rest.length; i += 2) last += rest[i] ?? 0
      const part = Number(found.params.part)
      expect(Math.floor(first / layout.partSize), file).toBe(part)
      expect(Math.floor(last / layout.partSize), file).toBe(part)
    }
    const quayside = manifest.long?.parts[manifest.long.words.indexOf('quayside')]
    expect(quayside).toEqual([400, 0, 1, 2, 3, 4, 5, 6])
    const parts = engineOn(files)
    const single = engineOn(whole)
    for (const query of ['quayside', 'harbour w124x3', 'w7x3 quay', 'story 12', 'harbour quayside'])
      expect(await parts.find(query), query).toEqual(await single.find(query))
    expect(await parts.find('harbour w125x3')).toEqual([])
    expect(await parts.find('quayside')).toHaveLength(400)
  })

  it('are fetched only in the parts where a rarer word’s documents are', async () => {
    const fetched: string[] = []
    vi.stubGlobal('fetch', (input: string) => {
      const file = new URL(input).pathname.replace(/^\/api\//, '')
      fetched.push(file)
      const value = files.get(file)
      return Promise.resolve(
        value === undefined
          ? new Response('missing', { status: 404 })
          : new Response(JSON.stringify(value), {
              headers: { 'content-type': 'application/json' },
            }),
      )
    })
    const client = new QueryClient()
    const doc = entities + 124
    const { docs } = await search(client, 'w124x3 quayside')
    expect(docs).toEqual([doc])
    expect(partsIn(fetched)).toEqual([partFile('quayside', Math.floor(doc / layout.partSize))])
    // And the groups of that one result's range of documents, not the others'.
    expect(fetched.filter((file) => apiFileOf(file)?.name === 'searchGroups')).toEqual([
      apiFiles.searchGroups.file.fill({ range: String(Math.floor(doc / layout.groupsSize)) }),
    ])
    // A query of common words alone needs every part of each.
    fetched.length = 0
    expect((await search(client, 'harbour quayside')).docs).toHaveLength(200)
    expect(partsIn(fetched)).toHaveLength(2 * 7 - 1)
  })

  it('are patched in the parts that hold the changed documents, the same as built afresh', async () => {
    const added = story('s400', 'Story 400', 'quayside harbour quillon', {
      publishedAt: '2027-01-01T00:00:00Z',
    })
    // Story 9 loses quayside.
    const edited = story('s9', 'Story 9', 'w9x1 w9x2', { publishedAt: many[9]?.publishedAt ?? '' })
    const reads: string[] = []
    const result = await patchSearchIndex(
      (file) => {
        reads.push(file)
        return Promise.resolve(files.get(file))
      },
      [
        { doc: entities + 400, after: added },
        { doc: entities + 9, before: many[9], after: edited },
      ],
      undefined,
      layout,
    )
    const after = new Map(
      result?.all.map((file) => [file, result.files.get(file) ?? files.get(file)]),
    )
    const next = [...many.slice(0, 9), edited, ...many.slice(10), added]
    expect(after).toEqual(searchFiles(testGazetteer, next, [], layout))
    // The new story has every long word (its standfirst, section and credit are the others'):
    // each is written in the last part, and quayside also where story 9 is. No other part.
    const last = Math.floor((entities + 400) / layout.partSize)
    const ninth = Math.floor((entities + 9) / layout.partSize)
    expect(partsIn(result?.files.keys() ?? [])).toEqual(
      [
        ...(manifestOf(files).long?.words ?? []).map((word) => partFile(word, last)),
        partFile('quayside', ninth),
      ].sort(),
    )
    expect(partsIn(reads).length).toBeLessThanOrEqual(partsIn(result?.files.keys() ?? []).length)
    // The new story's group joins the last range's file; story 9's group is as it was.
    expect(
      [...(result?.files.keys() ?? [])].filter((file) => apiFileOf(file)?.name === 'searchGroups'),
    ).toEqual([apiFiles.searchGroups.file.fill({ range: String(last) })])
    const manifest = manifestOf(after)
    expect(manifest.long?.parts[manifest.long.words.indexOf('quayside')]?.[0]).toBe(400)
  })

  it('leave a terms file for parts when a word reaches the limit, and go back when it falls', async () => {
    // Harbour is in 200 documents: one more makes it long.
    const at: SearchLayout = { longDocs: 201, partSize: 64, groupsSize: 64 }
    const before = searchFiles(testGazetteer, many, [], at)
    const longWords = (of: Map<string, unknown>) => manifestOf(of).long?.words ?? []
    expect(longWords(before)).not.toContain('harbour')
    const added = story('s400', 'Story 400', 'harbour again', {
      publishedAt: '2027-01-01T00:00:00Z',
    })
    const grow = await patchSearchIndex(
      (file) => Promise.resolve(before.get(file)),
      [{ doc: entities + 400, after: added }],
      undefined,
      at,
    )
    const grown = new Map(grow?.all.map((file) => [file, grow.files.get(file) ?? before.get(file)]))
    expect(grown).toEqual(searchFiles(testGazetteer, [...many, added], [], at))
    expect(longWords(grown)).toContain('harbour')
    const harbourParts = partsIn(grown.keys()).filter((file) => file.includes('/harbour/'))
    expect(harbourParts).toHaveLength(7)
    expect(partsIn(grow?.files.keys() ?? [])).toEqual(expect.arrayContaining(harbourParts))
    const withdrawn: WithdrawnPlace = {
      slug: 's400',
      publishedAt: added.publishedAt,
      section: 'World',
    }
    const back = await patchSearchIndex(
      (file) => Promise.resolve(grown.get(file)),
      [{ doc: entities + 400, before: added, after: withdrawn }],
      undefined,
      at,
    )
    const shrunk = new Map(back?.all.map((file) => [file, back.files.get(file) ?? grown.get(file)]))
    expect(shrunk).toEqual(searchFiles(testGazetteer, many, [withdrawn], at))
    expect(longWords(shrunk)).not.toContain('harbour')
    expect(partsIn(shrunk.keys()).filter((file) => file.includes('/harbour/'))).toEqual([])
  })

  it('are the same when each story is held as a number, its summary made only as the index is written', () => {
    // Copies: what the files show comes from these, asked for by number.
    const summaries = many.map(({ slug, headline, standfirst, section, publishedAt }) => ({
      slug,
      headline,
      standfirst,
      section,
      publishedAt,
    }))
    const asked = new Set<number>()
    const builder = searchIndexBuilder(testGazetteer, new PostingsBuilder(), (held) => {
      asked.add(held)
      return summaries[held] as (typeof summaries)[number]
    })
    many.forEach((s, i) => builder.add(s, i))
    expect(asked.size).toBe(0)
    expect(new Map(searchIndexEntries(builder.index(), layout))).toEqual(files)
    expect(asked.size).toBe(many.length)
    // A number with nothing to make it a summary is refused, not written as a document.
    expect(() =>
      searchIndexBuilder(testGazetteer, new PostingsBuilder()).add(many[0] as Article, 0),
    ).toThrow('no summary')
  })

  it('are the same made from postings kept on disk in runs as from postings in the heap', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dispatch-runs-'))
    try {
      // 500 postings a run: this archive's 25,000 or so are written in dozens of runs, and each
      // common word's list is read back from all of them.
      const runs = new PostingsRuns(path.join(dir, 'postings'), 500)
      const builder = searchIndexBuilder(testGazetteer, runs)
      for (const s of many) builder.add(s)
      const index = builder.index()
      const postings = [...runs.keys()].reduce((n, word) => n + (runs.get(word)?.length ?? 0), 0)
      expect(postings).toBeGreaterThan(20 * 500)
      expect(statSync(runs.file).size).toBe(postings * 4)
      expect(new Map(searchIndexEntries(index, layout))).toEqual(files)
      expect(new Map(searchIndexEntries(index))).toEqual(whole)
      runs.close()
      expect(existsSync(runs.file)).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('read back as they were written', async () => {
    const index = await readSearchIndex((file) => Promise.resolve(files.get(file)))
    expect(index && searchIndexFiles(index, layout)).toEqual(files)
    expect(index && searchIndexFiles(index)).toEqual(whole)
  })

  it('keep every document of a word in thousands, in order, as they grow packed', () => {
    // Past the length where a list is packed, and past two growths of the packed list.
    const count = 1_500
    const stories = Array.from({ length: count }, (_, i) =>
      story(`t${i}`, `Tide ${i}`, i % 3 ? 'quayside' : 'quayside quayside', {
        publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().replace('.000', ''),
      }),
    )
    const built = buildSearchIndex(testGazetteer, stories)
    // The same stories added to an empty index one by one, in plain arrays.
    const entities = testGazetteer.length
    const added = updateSearchIndex(
      buildSearchIndex(testGazetteer, []),
      new Map(stories.map((s, i) => [entities + i, s])),
    )
    const quayside = [...(built.postings.get('quayside') ?? [])]
    expect(quayside).toHaveLength(count)
    expect(quayside).toEqual([...(added.postings.get('quayside') ?? [])])
    expect(searchIndexFiles(built)).toEqual(searchIndexFiles(added))
  })
})
