import { describe, expect, it } from 'vitest'
import { excerpt, fold, highlight, words } from './words'

describe('words as search compares them', () => {
  it('are folded: case, accents and letters without a decomposition', () => {
    expect(fold('Żarnowiec')).toBe('zarnowiec')
    expect(fold('ŁUKASZ')).toBe('lukasz')
    expect(fold('Straße')).toBe('strasse')
    expect(fold('Ørsted')).toBe('orsted')
  })

  it('keep other scripts as written, lower-cased', () => {
    expect(words('Мирослава Стоянова')).toEqual(['мирослава', 'стоянова'])
  })

  it('leave out common words and single letters, and take plurals as singulars', () => {
    expect(words('The ferries of Port-Ellery’s harbour, a B-road')).toEqual([
      'ferry',
      'port',
      'ellery',
      'harbour',
      'road',
    ])
    expect(words('talks crosses dispatches chess')).toEqual(['talk', 'cross', 'dispatch', 'chess'])
  })
})

describe('highlighting', () => {
  it('marks the words found, and words that begin with them, keeping the text as written', () => {
    const runs = highlight('Ferry crews & <b>strikers</b> strike', ['ferry', 'strike'])
    expect(runs.map((r) => r.text).join('')).toBe('Ferry crews & <b>strikers</b> strike')
    expect(runs.filter((r) => r.match).map((r) => r.text)).toEqual(['Ferry', 'strikers', 'strike'])
  })

  it('marks a plural found by its singular, and an accented word found without accents', () => {
    const runs = highlight('Ferries leave Żarnowiec', ['ferry', 'zarnowiec'])
    expect(runs.filter((r) => r.match).map((r) => r.text)).toEqual(['Ferries', 'Żarnowiec'])
  })
})

describe('excerpts', () => {
  const text = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')

  it('are the words around the first match, with ellipses where cut', () => {
    expect(excerpt(text, ['w20'], 2)).toBe('…w18 w19 w20 w21 w22…')
    expect(excerpt(text, ['w1'], 2)).toBe('w0 w1 w2 w3…')
    expect(excerpt('Talks end.', ['talk'], 5)).toBe('Talks end.')
  })

  it('are undefined where nothing matches', () => {
    expect(excerpt(text, ['ferry'])).toBeUndefined()
  })
})
