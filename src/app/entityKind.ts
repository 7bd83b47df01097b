import type { EntityKind } from '../content/schema'

export const entityKindLabel: Record<EntityKind, string> = {
  person: 'Person',
  place: 'Place',
  organisation: 'Organisation',
}
