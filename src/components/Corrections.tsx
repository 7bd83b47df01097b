import type { Correction } from '../content/schema'
import { ExactTime } from './RelativeTime'

/** The corrections to a story, at its end, newest first: what was wrong, and when it was put right. */
export function Corrections({ corrections }: { corrections: readonly Correction[] }) {
  // Stable: corrections made at the same moment stay in the order the desk wrote them.
  const newestFirst = [...corrections].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  return (
    <section className="corrections" aria-labelledby="corrections">
      <h2 id="corrections">{corrections.length === 1 ? 'Correction' : 'Corrections'}</h2>
      <ul>
        {newestFirst.map((correction) => (
          <li key={`${correction.at} ${correction.text}`}>
            <p className="corrections__when">
              <ExactTime iso={correction.at} />
            </p>
            <p>{correction.text}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
