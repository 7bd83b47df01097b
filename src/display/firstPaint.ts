// The one inline script on every page, in its <head>: it runs before the first paint, so a page
// opens in the reader's theme and text size, with no flash of the other theme and no shift as the
// text resizes. vite.config.ts puts it in the page; the build's Content-Security-Policy allows it
// by its hash (scripts/deploy/securityHeaders.ts). It does what `readDisplay` and `applyDisplay`
// do (settings.ts), written out small, as no module can run this early.
import { STORAGE_KEYS, TEXT_SIZES } from './settings.ts'

const sizes = JSON.stringify(TEXT_SIZES.filter((size) => size !== 'default'))

export const FIRST_PAINT_SCRIPT =
  `try{var d=document.documentElement,s=localStorage,` +
  `t=s.getItem(${JSON.stringify(STORAGE_KEYS.theme)}),z=s.getItem(${JSON.stringify(STORAGE_KEYS.textSize)});` +
  `if(t==="light"||t==="dark")d.dataset.theme=t;` +
  `if(${sizes}.indexOf(z)>=0)d.dataset.textSize=z}catch(e){}`
