import { useId, useState } from 'react'
import type { StripeMeterEmulator } from '../../src/testing/StripeMeterEmulator'
import { type NetworkConditionName, networkConditions } from './networkConditions'

/** Radio buttons that script the emulator's network: healthy, slow, flaky, down, offline. */
export function FaultPanel({ emulator }: { emulator: StripeMeterEmulator }) {
  const [condition, setCondition] = useState<NetworkConditionName>('healthy')
  const name = useId()
  const choose = (next: NetworkConditionName) => {
    emulator.faults.clear()
    networkConditions[next].apply(emulator.faults)
    setCondition(next)
  }
  return (
    <fieldset className="sm-live-panel">
      <legend>Network to StripeMeter</legend>
      {Object.entries(networkConditions).map(([key, option]) => (
        <label key={key} className="sm-live-choice">
          <input
            type="radio"
            name={name}
            value={key}
            checked={condition === key}
            onChange={() => choose(key as NetworkConditionName)}
          />
          {option.label}
        </label>
      ))}
      <p className="sm-live-note" aria-live="polite">
        {networkConditions[condition].description}
      </p>
    </fieldset>
  )
}
