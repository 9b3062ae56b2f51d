import { useState } from 'react'
import { CostProjection, UsageMeters, UsageTrendChart } from '../../src/charts'
import type { UsageEvent } from '../../src/core/types'
import { useTrack } from '../../src/react'
import type { StripeMeterEmulator } from '../../src/testing/StripeMeterEmulator'
import { DeliveryPanel } from './DeliveryPanel'
import { FaultPanel } from './FaultPanel'
import './live.css'

/** What the demo app's buttons record: the usage a real product would meter. */
const actions: { label: string; event: Omit<UsageEvent, 'customerRef'> }[] = [
  { label: 'Search (1 API call)', event: { metric: 'api_calls', quantity: 1 } },
  { label: 'Run a report (250 API calls)', event: { metric: 'api_calls', quantity: 250 } },
  { label: 'Download 2 GB', event: { metric: 'bandwidth_gb', quantity: 2 } },
  { label: 'Ask the assistant (12,000 tokens)', event: { metric: 'ai_tokens', quantity: 12_000 } },
]

export interface LiveDemoProps {
  customerRef: string
  emulator: StripeMeterEmulator
}

/**
 * An app that meters usage, its widgets, and the network between it and StripeMeter. Buttons
 * call `useTrack()`; the meters move at once (live usage), cost and trend follow each
 * delivery; the fault panel breaks the network and the delivery panel shows nothing is lost.
 */
export function LiveDemo({ customerRef, emulator }: LiveDemoProps) {
  const track = useTrack()
  const [trackedEvents, setTrackedEvents] = useState(0)
  return (
    <div className="sm-live">
      <div className="sm-live-controls">
        <section className="sm-live-panel" aria-labelledby="sm-live-app">
          <h2 id="sm-live-app">Your app</h2>
          <div className="sm-live-actions">
            {actions.map(({ label, event }) => (
              <button
                key={label}
                type="button"
                className="sm-live-button"
                onClick={() => {
                  track({ ...event, customerRef })
                  setTrackedEvents((count) => count + 1)
                }}
              >
                {label}
              </button>
            ))}
          </div>
        </section>
        <FaultPanel emulator={emulator} />
        <DeliveryPanel emulator={emulator} trackedEvents={trackedEvents} />
      </div>
      <div className="sm-live-widgets">
        <UsageMeters customerRef={customerRef} />
        <CostProjection customerRef={customerRef} />
        <UsageTrendChart customerRef={customerRef} metric="api_calls" />
      </div>
    </div>
  )
}
