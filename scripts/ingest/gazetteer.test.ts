// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { testMatcher } from './fixtures'

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
