export const SITE_NAME = 'Dispatch'

interface Props {
  title: string
  description: string
}

/** Title and description for the page; React puts them in the document head. */
export function PageMeta({ title, description }: Props) {
  return (
    <>
      <title>{`${title} | ${SITE_NAME}`}</title>
      <meta name="description" content={description} />
    </>
  )
}
