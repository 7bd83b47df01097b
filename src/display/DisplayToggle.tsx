import { useState } from 'react'
import { useOptionalModule } from '../app/useOptionalModule'

// The panel's code loads on the first open: pages that never change the display never fetch it.
const displaySettings = () => import('./DisplaySettings')

/** The panel's controls, once loaded; where they cannot load (offline, a first visit), why. */
function Settings() {
  const loaded = useOptionalModule(displaySettings)
  if (loaded === null)
    return <p className="display-settings__unavailable">Display settings need a connection.</p>
  return loaded ? <loaded.default /> : null
}

/**
 * The masthead's "Display" button and the panel it opens (theme and text size). A popover: the
 * browser opens and closes it, closes it on Escape or a press elsewhere, hands focus back to the
 * button, and tells assistive technology whether it is open.
 */
export function DisplayToggle() {
  const [opened, setOpened] = useState(false)
  return (
    <div className="display">
      <button type="button" className="display__toggle" popoverTarget="display-settings">
        Display
      </button>
      <section
        id="display-settings"
        popover="auto"
        className="display-settings"
        aria-label="Display settings"
        onToggle={(event) => event.newState === 'open' && setOpened(true)}
      >
        {opened && <Settings />}
      </section>
    </div>
  )
}
