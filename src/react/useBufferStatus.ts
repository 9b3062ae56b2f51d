import { useSyncExternalStore } from 'react'
import type { BufferStatus } from './ProviderRuntime.js'
import { useProviderRuntime } from './StripeMeterContext.js'

/**
 * The client's buffer: events `pending` and `inFlight`, `lastError` (of delivery or of a
 * refused `track`), `lastFlushAt`, `closed`, and `flush()`. Re-renders only when one of them
 * changes; on the server it reports an idle buffer.
 */
export function useBufferStatus(): BufferStatus {
  const runtime = useProviderRuntime('useBufferStatus')
  return useSyncExternalStore(runtime.subscribeStatus, runtime.getStatus, runtime.getStatus)
}
