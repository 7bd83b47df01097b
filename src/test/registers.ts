import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Author, Section } from '../content/schema'

/** The sections test stories are filed in. */
export const TEST_SECTION_NAMES = [
  'Local',
  'News',
  'Cities',
  'World',
  'Business',
  'Culture',
  'Notices',
  'Sport',
  'Science',
]

/** Sections with these names, as content/sections.json holds them. */
export const testSections = (names: readonly string[] = TEST_SECTION_NAMES): Section[] =>
  [...new Set(names)].map((name, i) => ({
    id: `section-${i + 1}`,
    name,
    description: `Stories filed under ${name}.`,
  }))

/** Fictional journalists of Port Ellery, for test bylines. */
export const testAuthors: Author[] = [
  {
    id: 'ada-brisk',
    name: 'Ada Brisk',
    role: 'Harbour reporter',
    bio: 'Ada Brisk reports on the harbour and the boats that use it.',
  },
  {
    id: 'col-fenner',
    name: 'Col Fenner',
    role: 'Council correspondent',
    bio: 'Col Fenner follows the town council and its budget.',
  },
]

/** Writes a content folder's sections.json and authors.json, as the content build needs them. */
export async function writeRegisters(
  contentDir: string,
  { sections = testSections(), authors = testAuthors } = {},
) {
  await writeFile(path.join(contentDir, 'sections.json'), JSON.stringify(sections))
  await writeFile(path.join(contentDir, 'authors.json'), JSON.stringify(authors))
}
