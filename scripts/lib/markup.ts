/** Text escaped for HTML or XML markup: element content and double- or single-quoted attributes. */
export const escapeMarkup = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  )
