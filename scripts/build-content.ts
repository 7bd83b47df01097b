// `npm run content`: validate content/ and write the static JSON API to public/api/.
import { buildContent, ContentError } from './content/build'

const started = performance.now()
try {
  const report = await buildContent({ contentDir: 'content', outDir: 'public/api' })
  const ms = Math.round(performance.now() - started)
  console.log(
    `content: ${report.articles} articles, ${report.entities} entities -> ${report.files} files ` +
      `(${(report.bytes / 1024).toFixed(1)} KB) in public/api/ in ${ms} ms`,
  )
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
