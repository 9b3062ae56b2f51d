'use client'

import { UsageDashboard } from 'stripemeter/charts'
import { useBufferStatus, useTrack } from 'stripemeter/react'

/** The customer's usage this month, and a button whose clicks are metered. */
export function UsagePanel({ customerRef }: { customerRef: string }) {
  const track = useTrack()
  const { pending, lastError } = useBufferStatus()

  return (
    <main>
      <h1>Usage this month</h1>
      <button
        type="button"
        onClick={() => track({ metric: 'ai_tokens', customerRef, quantity: 1200 })}
      >
        Summarise document
      </button>
      <p role="status">
        {lastError !== undefined
          ? `Usage could not be sent yet: ${lastError.message}`
          : pending > 0
            ? `${pending} usage events waiting to be sent`
            : 'All usage sent'}
      </p>
      <UsageDashboard customerRef={customerRef} headingLevel={2} />
    </main>
  )
}
