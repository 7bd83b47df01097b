// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { testMatcher } from './fixtures'
import { findQuote } from './quotes'

const matcher = testMatcher()
function quoteOf(paragraph: string) {
  const result = findQuote(paragraph, matcher)
  if (result.kind !== 'quote') throw new Error(`no quote found: ${JSON.stringify(result)}`)
  const { text, attribution, speaker, source, continues } = result.quote
  return { text, attribution, speaker: speaker.entityId, source, continues }
}

describe('finding quote callouts', () => {
  it('reads a lead quote and drops the comma that belonged to the sentence', () => {
    expect(quoteOf("'We will not sail until the offer is in writing,' Quill said.")).toEqual({
      text: 'We will not sail until the offer is in writing',
      attribution: 'Quill said',
      speaker: 'mara-quill',
      source: undefined,
      continues: false,
    })
  })

  it('reads straight, curly, single and double quotes, and guillemets', () => {
    for (const [open, close] of [
      ["'", "'"],
      ['"', '"'],
      ['‘', '’'],
      ['“', '”'],
      ['«', '»'],
    ]) {
      expect(quoteOf(`${open}The quay is closed,${close} said Mara Quill.`)).toMatchObject({
        text: 'The quay is closed',
        attribution: 'said Mara Quill',
        speaker: 'mara-quill',
      })
    }
  })

  it('keeps question and exclamation marks, which are part of the words', () => {
    expect(quoteOf("'Who will pay for it?' Vidmaršek asked.").text).toBe('Who will pay for it?')
    expect(quoteOf('"What a night!" said Zoran Vidmaršek.').text).toBe('What a night!')
  })

  it('is not broken by apostrophes inside the words', () => {
    expect(
      quoteOf("'We don't sail on Estrela's terms, and the crews' rights come first,' Quill said.")
        .text,
    ).toBe("We don't sail on Estrela's terms, and the crews' rights come first")
    expect(quoteOf('‘It’s the harbour’s money,’ Quill said.').text).toBe('It’s the harbour’s money')
  })

  it('takes a plural possessive before a name for an apostrophe, not a closing mark', () => {
    expect(
      quoteOf("According to the Skerrin Islanders' Harbour Noticeboard, 'the crossing is shut.'"),
    ).toMatchObject({ text: 'the crossing is shut.', speaker: 'harbour-noticeboard' })
    expect(quoteOf('‘The crews’ Gazette got it wrong,’ Quill said.').text).toBe(
      'The crews’ Gazette got it wrong',
    )
    // Marks that pair up as they are: the closing one stays a closing mark.
    expect(quoteOf("'Ask the islanders' Quill said.").text).toBe('Ask the islanders')
  })

  it('reads a quote that follows its attribution, with the venue', () => {
    expect(
      quoteOf("Taking to Skerrin Radio, Vidmaršek wrote, 'The ferries will run. We have a deal.'"),
    ).toEqual({
      text: 'The ferries will run. We have a deal.',
      attribution: 'Taking to Skerrin Radio, Vidmaršek wrote',
      speaker: 'zoran-vidmarsek',
      source: 'on Skerrin Radio',
      continues: false,
    })
    expect(quoteOf('Quill said: “The seawall comes first.”')).toMatchObject({
      text: 'The seawall comes first.',
      speaker: 'mara-quill',
    })
  })

  it('takes the source from "told", "on" and "in", but not from a day', () => {
    expect(quoteOf('Vidmaršek told the Port Ellery Gazette, "Nobody wanted this."').source).toBe(
      'to the Port Ellery Gazette',
    )
    expect(quoteOf('"Nobody wanted this," Quill said on Skerrin Radio.').source).toBe(
      'on Skerrin Radio',
    )
    expect(quoteOf('"Nobody wanted this," Quill said in a statement.').source).toBe(
      'in a statement',
    )
    expect(quoteOf('"Nobody wanted this," Quill said on Tuesday.').source).toBeUndefined()
  })

  it('reads "According to" with the descriptor as the source', () => {
    expect(
      quoteOf("According to Valdoria's state broadcaster Skerrin Radio, 'The mayor agreed.'"),
    ).toEqual({
      text: 'The mayor agreed.',
      attribution: "According to Valdoria's state broadcaster Skerrin Radio",
      speaker: 'skerrin-radio',
      source: "Valdoria's state broadcaster",
      continues: false,
    })
  })

  it('marks "added" as carrying on from the speaker\'s earlier quote', () => {
    expect(quoteOf("'And we will,' Quill added.").continues).toBe(true)
  })

  it('leaves a quote with a pronoun or an unknown speaker in its paragraph, saying why', () => {
    expect(findQuote("'We don't want to be back on the quay,' he said.", matcher)).toEqual({
      kind: 'unattributed',
      reason: 'attributed to a pronoun ("he said"): kept as a paragraph',
    })
    expect(findQuote("'We will see,' said Jonas Pelt.", matcher)).toEqual({
      kind: 'unattributed',
      reason: 'no speaker from the gazetteer in "said Jonas Pelt": kept as a paragraph',
    })
  })

  it('does not credit a quote to someone merely named in its attribution', () => {
    for (const paragraph of [
      "'We will sail,' a spokesman for Mara Quill said.",
      "'We will sail,' said Quill's spokesman Tobias Wren.",
      "According to a source close to Quill, 'The mayor will sail.'",
    ]) {
      expect(findQuote(paragraph, matcher).kind, paragraph).toBe('unattributed')
    }
    // The speaker's own descriptor is fine.
    expect(
      quoteOf("According to Valdoria's state broadcaster Skerrin Radio, 'The mayor agreed.'")
        .speaker,
    ).toBe('skerrin-radio')
  })

  it('leaves scare quotes, mid-sentence quotes and quotes with more story after them alone', () => {
    for (const paragraph of [
      "Quill called the closure 'temporary' and left.",
      'The judges called it "a map of a place that is slowly disappearing" and praised it.',
      "'We will sail,' Quill said. She then left the meeting without taking questions.",
      "'Fine,' Quill said.",
      'No quotes here at all, Quill said.',
    ]) {
      expect(findQuote(paragraph, matcher).kind, paragraph).toBe('none')
    }
  })
})
