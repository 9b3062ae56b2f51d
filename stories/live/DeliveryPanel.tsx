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
        {balance(trackedEvents, stats.eventsCounted, waiting)}
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

/** Where every tracked event is: counted, waiting, or — briefly — both. */
function balance(tracked: number, counted: number, waiting: number): string {
  const surplus = counted + waiting - tracked
  if (surplus === 0) {
    return `Nothing lost: ${counted} counted + ${waiting} waiting = ${tracked} tracked.`
  }
  if (surplus > 0) {
    // Counted by the server, but its reply was lost: the client resends it with the same key.
    return `${surplus} counted but not yet confirmed: the client resends, the server will answer "duplicate".`
  }
  return `${-surplus} of ${tracked} tracked events unaccounted for.`
}
