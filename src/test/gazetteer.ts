import type { Entity } from '../content/schema'

/** A small fictional gazetteer for tests: the people, places and organisations of Port Ellery. */
export const testGazetteer: Entity[] = [
  {
    id: 'mara-quill',
    name: 'Mara Quill',
    kind: 'person',
    aliases: ['Quill'],
    description: 'Harbourmaster of Port Ellery.',
  },
  {
    id: 'port-ellery',
    name: 'Port Ellery',
    kind: 'place',
    aliases: [],
    description: 'A fishing town on the Skerrin coast.',
  },
  {
    id: 'tobias-wren',
    name: 'Tobias Wren',
    kind: 'person',
    aliases: ['Wren'],
    description: 'Chair of the Port Ellery Ferry Union.',
  },
  {
    id: 'skerrin-ferries',
    name: 'Skerrin Ferries',
    kind: 'organisation',
    aliases: [],
    description: 'Runs the island ferry service.',
  },
]
