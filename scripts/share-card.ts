// `npm run share-card`: draws the site's share card (public/share-card.png, 1200 x 630), the image
// chat apps and social sites show when a Dispatch link is shared. Re-run after a brand change.
import { chromium } from '@playwright/test'
import { launchOptions } from '../e2e/browser'
import { SHARE_IMAGE } from '../src/app/site'

const html = `<!doctype html><html><body style="margin:0">
<div style="box-sizing:border-box;width:${SHARE_IMAGE.width}px;height:${SHARE_IMAGE.height}px;
  padding:96px;background:#fff;border-bottom:24px solid #8c1c13;display:flex;flex-direction:column;
  justify-content:center;font-family:Georgia,'DejaVu Serif',serif">
  <div style="font-size:168px;font-weight:700;color:#8c1c13;letter-spacing:-2px">Dispatch</div>
  <div style="margin-top:24px;font-size:48px;color:#222">The news, read your way.</div>
</div></body></html>`

const browser = await chromium.launch(launchOptions)
const page = await browser.newPage({
  viewport: { width: SHARE_IMAGE.width, height: SHARE_IMAGE.height },
})
await page.setContent(html)
await page.screenshot({ path: `public${SHARE_IMAGE.path}` })
await browser.close()
console.log(`share card: public${SHARE_IMAGE.path}`)
