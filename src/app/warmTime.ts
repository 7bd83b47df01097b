// A worker that formats one date of each kind and ends. The first date formatting in a page loads
// the locale's calendar and time-zone data, a single task of about 30 ms here and several times
// that on a phone. Browsers keep that data for the whole page, so loading it on this thread spares
// the main thread the task, and the page's first formatting (during hydration) is then cheap.
import { warmTimeFormats } from './time'

warmTimeFormats()
self.close()
