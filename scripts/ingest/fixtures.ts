// A small fictional gazetteer for the ingest tests.
import type { Article, Entity } from '../../src/content/schema'
import { EntityMatcher } from './gazetteer'

const entity = (
  id: string,
  name: string,
  kind: Entity['kind'],
  aliases: string[] = [],
): Entity => ({
  id,
  name,
  kind,
  aliases,
  description: `${name}, a fictional ${kind} for tests.`,
})

export const testGazetteer: Entity[] = [
  entity('mara-quill', 'Mara Quill', 'person', ['Quill', 'Mayor Quill']),
  entity('zoran-vidmarsek', 'Zoran Vidmaršek', 'person', ['Vidmaršek', 'Zoran Vidmarsek']),
  entity('miroslava-stoyanova', 'Miroslava Stoyanova', 'person', [
    'Мирослава Стоянова',
    'Stoyanova',
  ]),
  entity('port-ellery', 'Port Ellery', 'place'),
  entity('port-ellery-gazette', 'Port Ellery Gazette', 'organisation', ['the Gazette']),
  entity('lanthorn-theatre', 'Lanthorn Theatre', 'place', ['the Lanthorn']),
  entity('valdoria', 'Valdoria', 'place'),
  entity('skerrin-radio', 'Skerrin Radio', 'organisation', ['SKR']),
  entity('harbour-noticeboard', 'Harbour Noticeboard', 'organisation'),
]

export const testMatcher = () => new EntityMatcher(testGazetteer)

/** A short published story, as a content file holds it, for the tools that change one. */
export const publishedQuayStory: Article = {
  slug: 'quay-reopens',
  headline: 'Quay reopens',
  standfirst: 'Standfirst.',
  section: 'Cities',
  publishedAt: '2026-11-26T09:00:00Z',
  credit: 'Reporting by Dispatch staff',
  body: [{ type: 'paragraph', id: 'p1', content: [{ type: 'text', text: 'The quay opened.' }] }],
}
