// Reads an XML document as a feed reader or a search engine's crawler would: strictly, with
// namespaces (an undeclared prefix is an error), into elements to look through.
import { SaxesParser } from 'saxes'

export interface XmlElement {
  /** As written, prefix and all: `image:loc`. */
  name: string
  attributes: Record<string, string>
  /** Its own text, not its children's. */
  text: string
  children: XmlElement[]
}

/** Every error a strict parser finds, and the document's root element. */
export function parseXml(xml: string): { errors: string[]; root: XmlElement | undefined } {
  const parser = new SaxesParser({ xmlns: true })
  const errors: string[] = []
  const open: XmlElement[] = []
  let root: XmlElement | undefined
  parser.on('error', (error) => errors.push(error.message))
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(
      Object.values(tag.attributes).map((attribute) => [attribute.name, attribute.value]),
    )
    const element: XmlElement = { name: tag.name, attributes, text: '', children: [] }
    const parent = open.at(-1)
    if (parent) parent.children.push(element)
    else root = element
    open.push(element)
  })
  parser.on('text', (text) => {
    const current = open.at(-1)
    if (current) current.text += text
  })
  parser.on('closetag', () => open.pop())
  parser.write(xml).close()
  return { errors, root }
}

/** The elements under `element` (at any depth) with this name, in document order. */
export function elementsNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return (element?.children ?? []).flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...elementsNamed(child, name),
  ])
}
