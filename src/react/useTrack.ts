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

/** Buffers one usage event; it is delivered with the next flush. */
export type TrackFunction = (event: UsageEvent) => void

/**
 * The provider's `track`: the same function for the provider's lifetime, so a component that
 * only tracks never re-renders because of it. It buffers synchronously and never throws
 * unless `throwOnError` is set; delivery happens in the background.
 */
export function useTrack(options: UseTrackOptions = {}): TrackFunction {
  const runtime = useProviderRuntime('useTrack')
  const throwOnError = options.throwOnError ?? false
  return useCallback(
    (event: UsageEvent) => runtime.track(event, throwOnError),
    [runtime, throwOnError],
  )
}
