import { useState } from 'react'
import {
  applyDisplay,
  readDisplay,
  saveDisplay,
  TEXT_SIZES,
  THEMES,
  type Display,
  type TextSize,
  type Theme,
} from './settings'

const themeLabels: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' }
const sizeLabels: Record<TextSize, string> = {
  small: 'Small',
  default: 'Default',
  large: 'Large',
  larger: 'Larger',
  largest: 'Largest',
}

function Choice<T extends string>(props: {
  legend: string
  name: string
  options: readonly T[]
  labels: Record<T, string>
  value: T
  onChange: (value: T) => void
}) {
  return (
    <fieldset className="display-settings__group">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option} className="display-settings__option">
          <input
            type="radio"
            name={props.name}
            value={option}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />
          {props.labels[option]}
        </label>
      ))}
    </fieldset>
  )
}

/** Theme (the system's, light or dark) and text size, applied at once and kept on the device. */
export default function DisplaySettings() {
  const [display, setDisplay] = useState(() => readDisplay(localStorage))
  const change = (next: Display) => {
    setDisplay(next)
    applyDisplay(document.documentElement, next)
    saveDisplay(localStorage, next)
  }
  return (
    <>
      <Choice
        legend="Theme"
        name="theme"
        options={THEMES}
        labels={themeLabels}
        value={display.theme}
        onChange={(theme) => change({ ...display, theme })}
      />
      <Choice
        legend="Text size"
        name="text-size"
        options={TEXT_SIZES}
        labels={sizeLabels}
        value={display.textSize}
        onChange={(textSize) => change({ ...display, textSize })}
      />
    </>
  )
}
