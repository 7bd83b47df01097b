import { adConfig } from '../ads/config'
import { setAdsShown, useAdPreference } from '../ads/preference'

/** "Hide ads" for this visit, after the story; only where the site allows it. */
export function AdsToggle() {
  const { shown } = useAdPreference()
  if (!adConfig.readerCanHide) return null
  return (
    <p className="ads-toggle">
      <button type="button" onClick={() => setAdsShown(!shown)}>
        {shown ? 'Hide ads for this visit' : 'Show ads again'}
      </button>
    </p>
  )
}
