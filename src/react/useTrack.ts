import { useCallback } from 'react'
import type { UsageEvent } from '../index.js'
import { useProviderRuntime } from './StripeMeterContext.js'

export interface UseTrackOptions {
  /**
   * Throw the `StripeMeterError` of an event the client refuses (`validation_error`,
   * `queue_full`, `client_closed`) instead of reporting it to `useBufferStatus().lastError`
   * and the provider's `onError`.
   * @default false
   */
  throwOnError?: boolean
}

/**
 * **Buffers** one usage event, like the core's `client.buffer()` — it does not send it: it
 * returns at once and the event goes with the next batch. Never throws unless `throwOnError`.
 */
export type TrackFunction = (event: UsageEvent) => void

/**
 * The provider's `track`, which **buffers**: `useTrack()` buffers, `client.track()` sends now.
 * The returned function queues the event synchronously (the core's `client.buffer()`) and
 * delivery happens in the background, in batches; it never throws unless `throwOnError` is
 * set. It is the same function for the provider's lifetime, so a component that only tracks
 * never re-renders because of it. To send one event now and await the server's answer, call
 * `useStripeMeterClient().track(event)` in a handler.
 *
 * @example
 * const track = useTrack()
 * <button onClick={() => track({ metric: 'api_calls', customerRef, quantity: 1 })}>Search</button>
 */
export function useTrack(options: UseTrackOptions = {}): TrackFunction {
  const runtime = useProviderRuntime('useTrack')
  const throwOnError = options.throwOnError ?? false
  return useCallback(
    (event: UsageEvent) => runtime.track(event, throwOnError),
    [runtime, throwOnError],
  )
}
