import 'stripemeter/styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { UsageDashboard } from 'stripemeter/charts'
import { StripeMeterProvider, useBufferStatus, useTrack } from 'stripemeter/react'

/** The customer's usage this month, and a button whose clicks are metered. */
function UsagePanel({ customerRef }: { customerRef: string }) {
  const track = useTrack()
  const { pending, lastError } = useBufferStatus()

  return (
    <main>
      <h1>Usage this month</h1>
      <p>
        Signed in as <code>{customerRef}</code> · <a href="/login">switch customer</a>
      </p>
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

// The server put the signed-in customer and the tenant id (not a secret) on the page; the
// browser holds no key: every call goes to this app's /api/stripemeter route.
const root = document.getElementById('root')
if (root !== null) {
  const { customerRef = '', tenantId = '' } = root.dataset
  createRoot(root).render(
    <StrictMode>
      <StripeMeterProvider options={{ apiUrl: '/api/stripemeter', tenantId }}>
        <UsagePanel customerRef={customerRef} />
      </StripeMeterProvider>
    </StrictMode>,
  )
}
