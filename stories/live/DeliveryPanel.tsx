import { useBufferStatus } from '../../src/react'
import type { StripeMeterEmulator } from '../../src/testing/StripeMeterEmulator'
import { useEmulatorStats } from './useEmulatorStats'

interface DeliveryPanelProps {
  emulator: StripeMeterEmulator
  /** Events tracked by the buttons since the story started. */
  trackedEvents: number
}

/**
 * The client's buffer (`useBufferStatus`) beside what the emulator counted: every tracked event
 * is either counted once or still waiting — the sum shows that none was lost.
 */
export function DeliveryPanel({ emulator, trackedEvents }: DeliveryPanelProps) {
  const status = useBufferStatus()
  const stats = useEmulatorStats(emulator)
  const waiting = status.pending + status.inFlight
  const accountedFor = stats.eventsCounted + waiting
  return (
    <section className="sm-live-panel" aria-labelledby="sm-live-delivery">
      <h2 id="sm-live-delivery">Delivery</h2>
      <dl className="sm-live-figures">
        <dt>Tracked</dt>
        <dd data-testid="tracked">{trackedEvents}</dd>
        <dt>Waiting in the buffer</dt>
        <dd data-testid="pending">{status.pending}</dd>
        <dt>In flight</dt>
        <dd data-testid="in-flight">{status.inFlight}</dd>
        <dt>Received by StripeMeter</dt>
        <dd data-testid="received">{stats.eventsReceived}</dd>
        <dt>Counted (once each)</dt>
        <dd data-testid="counted">{stats.eventsCounted}</dd>
        <dt>Duplicates ignored</dt>
        <dd data-testid="duplicates">{stats.duplicates}</dd>
      </dl>
      <p className="sm-live-note" role="status" data-testid="balance">
        {accountedFor === trackedEvents
          ? `Nothing lost: ${stats.eventsCounted} counted + ${waiting} waiting = ${trackedEvents} tracked.`
          : `${trackedEvents - accountedFor} of ${trackedEvents} tracked events unaccounted for.`}
      </p>
      <p className="sm-live-note">
        {status.lastError
          ? `Last delivery failed: ${status.lastError.message}`
          : 'No delivery errors.'}
        {status.lastFlushAt && ` Last delivery at ${status.lastFlushAt.toLocaleTimeString()}.`}
      </p>
      <button
        type="button"
        className="sm-live-button"
        onClick={() => void status.flush().catch(() => {})}
      >
        Flush now
      </button>
    </section>
  )
}
