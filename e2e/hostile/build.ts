// `node --import tsx e2e/hostile/build.ts --site DIR`: builds a site whose every text field holds
// hostile strings (strings.ts), for hostile.spec.ts. DIR gets content/ (stories, entities and
// authors written here, plus wire copy put through ingest), and dist/, a copy of the built app
// refreshed onto that content by the same code as `npm run refresh`. Prints a JSON summary: which
// strings went into which field, and, for each page, the strings it must show as text.
// Sections are the one register this cannot fill: the app's bundle carries content/sections.json
// (every page's navigation lists them), so a new list means a new app build, not a refresh. Stories
// are filed in the site's own sections.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as v from 'valibot'
import type { Article, Author, Block, Entity, InlineRun } from '../../src/content/schema'
import { LIMITS, SectionsSchema } from '../../src/content/schema'
import { paths } from '../../src/app/paths'
import { SITE_ORIGIN } from '../../src/app/site'
import { ingestBatch } from '../../scripts/ingest/batch'
import { refreshSite } from '../../scripts/prerender/refresh'
import { HOSTILE } from './strings'

const { values } = parseArgs({ options: { site: { type: 'string' } } })
if (!values.site) throw new Error('--site DIR is required')
const site = path.resolve(values.site)
const contentDir = path.join(site, 'content')
const texts = HOSTILE.map((h) => h.text)

/** The strings in groups, each group joined by a space within `limit`: every string that fits. */
function pack(limit: number): string[] {
  const groups: string[] = []
  let current = ''
  for (const text of texts) {
    if (text.length > limit) continue
    const joined = current ? `${current} ${text}` : text
    if (joined.length <= limit) current = joined
    else {
      groups.push(current)
      current = text
    }
  }
  if (current) groups.push(current)
  return groups
}
const pick = (groups: string[], i: number) => groups[i % groups.length] ?? ''

/** Which field got which strings: the figures the journeys report. */
const coverage = new Map<string, Set<string>>()
const record = (field: string, value: string) => {
  const seen = coverage.get(field) ?? new Set<string>()
  for (const text of texts) if (value.includes(text)) seen.add(text)
  coverage.set(field, seen)
  return value
}

// Entities: as many as it takes for every string to be in a name and in a description; each
// hostile string is also one entity's alias (a name may belong to one entity only).
// Room for a number after each: names must differ.
const names = pack(LIMITS.name - 5)
const descriptions = pack(LIMITS.description)
const entityCount = Math.max(names.length, descriptions.length)
const taken = new Set<string>()
const entities: Entity[] = Array.from({ length: entityCount }, (_, i) => {
  const name = record('entity name', `${pick(names, i)} №${i + 1}`)
  taken.add(name.toLowerCase())
  return {
    id: `hostile-${i + 1}`,
    name,
    kind: (['person', 'place', 'organisation'] as const)[i % 3] ?? 'person',
    aliases: [],
    description: record('entity description', pick(descriptions, i)),
  }
})
texts.forEach((text, i) => {
  const entity = entities[i % entities.length]
  if (!entity || taken.has(text.toLowerCase())) return
  taken.add(text.toLowerCase())
  entity.aliases.push(record('entity alias', text))
})
// An ordinary one for ingest's matcher to find in plain copy.
entities.push({
  id: 'wren-halloway',
  name: 'Wren Halloway',
  kind: 'person',
  aliases: ['Halloway'],
  description: 'A fictional harbour master, for tests.',
})

// Authors: as many as it takes for every string to be in a name, a role and a bio. Room for a
// number after each name: names must differ.
const authorNames = pack(LIMITS.name - 5)
const roles = pack(LIMITS.role)
const bios = pack(LIMITS.bio)
const authors: Author[] = Array.from(
  { length: Math.max(authorNames.length, roles.length, bios.length) },
  (_, i) => ({
    id: `hostile-author-${i + 1}`,
    name: record('author name', `${pick(authorNames, i)} №${i + 1}`),
    role: record('author role', pick(roles, i)),
    bio: record('author bio', pick(bios, i)),
  }),
)

const sectionsFile = path.join('content', 'sections.json')
const sections = v.parse(SectionsSchema, JSON.parse(await readFile(sectionsFile, 'utf8')))
const sectionOf = (i: number) => sections[i % sections.length]?.name ?? ''

// Stories: as many as it takes for every string that fits to be in each story field.
const fields = {
  headline: pack(LIMITS.headline),
  standfirst: pack(LIMITS.standfirst),
  credit: pack(LIMITS.credit),
  quote: pack(LIMITS.quote),
  source: pack(LIMITS.source),
  linkText: pack(LIMITS.linkText),
}
const storyCount = Math.max(
  ...Object.values(fields).map((groups) => groups.length),
  // Every author on a byline, most with another.
  authors.length,
)
const entityOf = (i: number) => entities[i % entityCount] as Entity

function body(s: number): Block[] {
  const speaker = entityOf(s)
  // Every string in text runs; links and entity links with hostile text, a few at a time.
  const textRuns: InlineRun[] = texts.map((text) => ({ type: 'text', text: `${text} ` }))
  const links: InlineRun[] = [0, 1, 2].map((k) => ({
    type: 'link',
    href: `https://example.org/hostile?q=${encodeURIComponent(texts[(s * 3 + k) % texts.length] ?? '')}`,
    text: record('link text', pick(fields.linkText, s * 3 + k)),
  }))
  const mentions: InlineRun[] = [0, 1, 2].map((k) => ({
    type: 'entity',
    entityId: entityOf(s + k).id,
    text: record('entity link text', pick(fields.linkText, s * 3 + k + 1)),
  }))
  for (const run of textRuns) record('paragraph text', run.text)
  return [
    { type: 'paragraph', id: 'p1', content: textRuns },
    {
      type: 'paragraph',
      id: 'p2',
      content: [...mentions, { type: 'text', text: ' and ' }, ...links],
    },
    {
      type: 'ad',
      id: 'ad1',
      label: record('ad label', pick(fields.source, s + 1)),
    },
    {
      type: 'quote',
      id: 'q1',
      text: record('quote text', pick(fields.quote, s)),
      speakerId: speaker.id,
      source: record('quote source', pick(fields.source, s)),
      attribution: [
        { type: 'entity', entityId: speaker.id, text: speaker.name },
        { type: 'text', text: record('quote attribution', ` ${pick(fields.source, s + 2)}`) },
      ],
    },
  ]
}

const stories: Article[] = Array.from({ length: storyCount }, (_, s) => ({
  slug: `hostile-story-${s + 1}`,
  headline: record('headline', pick(fields.headline, s)),
  standfirst: record('standfirst', pick(fields.standfirst, s)),
  section: sectionOf(s),
  publishedAt: new Date(Date.UTC(2026, 10, 1, 12, s)).toISOString().replace('.000Z', 'Z'),
  credit: record('credit', pick(fields.credit, s)),
  byline: [
    ...new Set([authors[s % authors.length]?.id, authors[(s + 1) % authors.length]?.id]),
  ].filter((id) => id !== undefined),
  body: body(s),
}))
const authorById = new Map(authors.map((author) => [author.id, author]))

await rm(site, { recursive: true, force: true })
await mkdir(path.join(contentDir, 'articles'), { recursive: true })
await writeFile(path.join(contentDir, 'entities.json'), JSON.stringify(entities, null, 2))
await writeFile(path.join(contentDir, 'authors.json'), JSON.stringify(authors, null, 2))
await cp(sectionsFile, path.join(contentDir, 'sections.json'))
for (const story of stories) {
  const file = path.join(contentDir, 'articles', `${story.slug}.json`)
  await writeFile(file, JSON.stringify(story, null, 2))
}

// Wire copy through ingest: hostile strings in the headline, standfirst, body, quotes and credit
// lines a newsroom's feed would carry.
const wireDir = path.join(site, 'wire')
await mkdir(wireDir, { recursive: true })
const wireFiles: string[] = []
for (let w = 0; w < 3; w++) {
  const line = (k: number) => texts[(w * 17 + k) % texts.length] ?? ''
  const copy = [
    'yesterday',
    `Harbour notice ${w + 1}: ${line(0)}`,
    `Wren Halloway posted a notice reading ${line(1)} on the quay.`,
    `Wren Halloway said the notice, which read ${line(2)}, had appeared overnight.`,
    `'${line(3)},' Halloway said on Skerrow Radio.`,
    `"${line(4)}" said Wren Halloway.`,
    line(5),
    'STORY CONTINUES BELOW THIS AD',
    `The second notice read ${line(6)} and ${line(7)}.`,
    `Reporting by ${line(8)}`,
  ].join('\n')
  const file = path.join(wireDir, `notice-${w + 1}.txt`)
  await writeFile(file, copy)
  wireFiles.push(file)
}
const ingested = await ingestBatch(
  wireFiles.map((file, w) => ({
    file,
    section: sectionOf(w),
    published: new Date(Date.UTC(2026, 10, 2, 9, 0)),
  })),
  { contentDir, suggest: false },
)
if (ingested.errors.length > 0) throw new Error(`ingest refused: ${ingested.errors.join('; ')}`)

await cp('dist', path.join(site, 'dist'), { recursive: true })
const report = await refreshSite(
  contentDir,
  {
    distDir: path.join(site, 'dist'),
    ssrEntry: 'dist-ssr/entry-server.js',
    siteOrigin: SITE_ORIGIN,
  },
  path.join(site, 'content-cache.json'),
)

// What each page must show as text: a story its headline, standfirst, credit and authors' names;
// an entity its name and description; an author their name, role and bio.
const expected: Record<string, string[]> = {}
for (const story of stories)
  expected[paths.article(story.slug)] = [
    story.headline,
    story.standfirst,
    story.credit,
    ...(story.byline ?? []).flatMap((id) => authorById.get(id)?.name ?? []),
  ]
for (const { target } of ingested.stories) {
  const story = JSON.parse(await readFile(target, 'utf8')) as Article
  expected[paths.article(story.slug)] = [story.headline, story.standfirst, story.credit]
}
for (const entity of entities) expected[paths.entity(entity.id)] = [entity.name, entity.description]
for (const author of authors)
  expected[paths.author(author.id)] = [author.name, author.role, author.bio]

console.log(
  JSON.stringify({
    strings: texts.length,
    stories: stories.length,
    ingested: ingested.written,
    entities: entities.length,
    authors: authors.length,
    rendered: report.rendered,
    fields: Object.fromEntries([...coverage].map(([field, seen]) => [field, seen.size])),
    expected,
  }),
)
