// The site's sections, from content/sections.json: every page's navigation lists them, so they
// ship in the bundle (a few hundred bytes) rather than costing each page a request. The content
// build checks the file against SectionsSchema before the app is built, and fails on a story that
// names a section not in it.
import list from '../../content/sections.json'
import type { Section } from '../content/schema'

export const sections: readonly Section[] = list

/** The section a story names, by its name (as stories name it). */
export const sectionNamed = (name: string): Section | undefined =>
  sections.find((section) => section.name === name)

export const sectionById = (id: string): Section | undefined =>
  sections.find((section) => section.id === id)
