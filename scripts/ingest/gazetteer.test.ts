// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { GazetteerEntry } from '../../src/content/schema'
import { testGazetteer, testMatcher } from './fixtures'
import { EntityMatcher, entriesNamedIn } from './gazetteer'

const entry = (
  id: string,
  name: string,
  kind: GazetteerEntry['kind'],
  aliases: string[] = [],
): GazetteerEntry => ({ id, name, kind, aliases, description: `${name}, for tests.` })

const found = (text: string) =>
  testMatcher()
    .find(text)
    .map((m) => [m.text, m.entityId])

describe('finding gazetteer names in text', () => {
  it('finds names and aliases, each pointing at its entity', () => {
    expect(found('Mayor Quill met Zoran Vidmarsek in Port Ellery.')).toEqual([
      ['Mayor Quill', 'mara-quill'],
      ['Zoran Vidmarsek', 'zoran-vidmarsek'],
      ['Port Ellery', 'port-ellery'],
    ])
  })

  it('matches whole words only, and stops at a possessive', () => {
    expect(found('Valdorian ships and Valdoria’s ports; Quillon and Port Elleryan.')).toEqual([
      ['Valdoria', 'valdoria'],
    ])
    expect(found("Valdoria's ports")).toEqual([['Valdoria', 'valdoria']])
  })

  it('prefers the longest of overlapping names', () => {
    expect(found('a night at the Lanthorn Theatre')).toEqual([
      ['Lanthorn Theatre', 'lanthorn-theatre'],
    ])
    expect(found('a night at the Lanthorn')).toEqual([['the Lanthorn', 'lanthorn-theatre']])
    expect(found('the Port Ellery Gazette said')).toEqual([
      ['Port Ellery Gazette', 'port-ellery-gazette'],
    ])
  })

  it('finds accented, transliterated and non-Latin spellings', () => {
    expect(found('Vidmaršek and Мирослава Стоянова')).toEqual([
      ['Vidmaršek', 'zoran-vidmarsek'],
      ['Мирослава Стоянова', 'miroslava-stoyanova'],
    ])
  })

  it('is case-exact, so a common word is not a name', () => {
    expect(found('the skr code and the quill pen')).toEqual([])
  })
})

describe('reading names in context', () => {
  // A town and its club share a one-word name; two people share a surname; a generic phrase is
  // an alias of one authority; all fictional.
  const gazetteer: GazetteerEntry[] = [
    ...testGazetteer,
    entry('tarnwick', 'Tarnwick', 'place'),
    entry('tarnwick-town-fc', 'Tarnwick Town FC', 'organisation', ['Tarnwick Town', 'Tarnwick']),
    entry('ilse-brannock', 'Ilse Brannock', 'person', ['Brannock']),
    entry('odran-brannock', 'Odran Brannock', 'person', ['Brannock']),
    {
      ...entry('ellery-harbour-authority', 'Ellery Harbour Authority', 'organisation', [
        'Harbour Authority',
      ]),
      ambiguous: ['Harbour Authority'],
    },
  ]
  /** Each text of one story, in order: what each name was read as. */
  const read = (...texts: string[]) => {
    const story = new EntityMatcher(gazetteer).story()
    return texts.map((text) => story.find(text).map((m) => [m.text, m.entityId]))
  }

  it('does not link a known name inside a longer name it does not know', () => {
    expect(
      read('Officials at the Dunmore Harbour Authority and the Port Ellery Ferry Company.'),
    ).toEqual([[]])
    expect(read('She studied at the University of Valdoria.')).toEqual([[]])
    // Titles, days, nationalities and a sentence's ordinary first word are no part of a name.
    expect(
      read(
        'When Mayor Quill spoke on Tuesday, Valdorian officials and Councillor Stoyanova listened.',
      ),
    ).toEqual([
      [
        ['Mayor Quill', 'mara-quill'],
        ['Stoyanova', 'miroslava-stoyanova'],
      ],
    ])
    expect(read('Yesterday Port Ellery voted. Russian Stoyanova won.')).toEqual([
      [
        ['Port Ellery', 'port-ellery'],
        ['Stoyanova', 'miroslava-stoyanova'],
      ],
    ])
  })

  it('links a generic alias only once the story has named its entity in full', () => {
    expect(
      read(
        'The Harbour Authority met.',
        'The Ellery Harbour Authority said no.',
        'The Harbour Authority later agreed.',
      ),
    ).toEqual([
      [],
      [['Ellery Harbour Authority', 'ellery-harbour-authority']],
      [['Harbour Authority', 'ellery-harbour-authority']],
    ])
  })

  it('reads a name shared by a town and its club as the one the story means', () => {
    // No club named: the town.
    expect(read('Crowds filled Tarnwick on Saturday.')).toEqual([[['Tarnwick', 'tarnwick']]])
    // The club named, the town not: the town's name or the club's short name? Neither is linked.
    expect(read('Tarnwick Town FC won again.', 'Tarnwick lead the table.')).toEqual([
      [['Tarnwick Town FC', 'tarnwick-town-fc']],
      [],
    ])
    // Both named: the latest.
    expect(read('Tarnwick is a port.', 'Tarnwick Town FC won.', 'Tarnwick lead.')).toEqual([
      [['Tarnwick', 'tarnwick']],
      [['Tarnwick Town FC', 'tarnwick-town-fc']],
      [['Tarnwick', 'tarnwick-town-fc']],
    ])
  })

  it('gives a shared surname to the person the story named, the latest one when both were', () => {
    expect(read('Brannock said little.')).toEqual([[]])
    expect(
      read(
        'Ilse Brannock chairs the board.',
        'Brannock said the vote was close.',
        'Her brother Odran Brannock disagreed.',
        'Brannock said it was not.',
      ),
    ).toEqual([
      [['Ilse Brannock', 'ilse-brannock']],
      [['Brannock', 'ilse-brannock']],
      [['Odran Brannock', 'odran-brannock']],
      [['Brannock', 'odran-brannock']],
    ])
  })
})

describe('a matcher of the entities a story can name', () => {
  const text = 'SKR reported that Mayor Quill will visit Valdoria. The Gazette agreed.'

  it('keeps each entity one of its names or aliases starts in the text, and no other', () => {
    // By an alias alone (SKR, Mayor Quill), by its name, in the gazetteer's order; not by a later
    // word of a name ("Gazette": "the Gazette" starts with a small "the").
    expect(entriesNamedIn(testGazetteer, [text]).map((entry) => entry.id)).toEqual([
      'mara-quill',
      'valdoria',
      'skerrin-radio',
    ])
    expect(entriesNamedIn(testGazetteer, ['Nothing here.', 'Or here.'])).toEqual([])
  })

  it('finds what the whole gazetteer finds, and knows every name for suggestions', () => {
    const own = new EntityMatcher(entriesNamedIn(testGazetteer, [text]), testGazetteer)
    expect(own.find(text)).toEqual(testMatcher().find(text))
    expect(own.entities.size).toBe(3)
    expect(own.names).toEqual(testMatcher().names)
  })
})
