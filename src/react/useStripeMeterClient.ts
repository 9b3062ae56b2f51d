import { useSyncExternalStore } from 'react'
import type { StripeMeterClient } from '../index.js'
import { useProviderRuntime } from './StripeMeterContext.js'

/**
 * The provider's `StripeMeterClient`, for what the hooks do not cover: `client.track()`,
 * which **sends now** and awaits the server (unlike `useTrack()`, which buffers), `trackBatch`,
 * `close`. Outside `<StripeMeterProvider>` it throws. Re-renders when
 * the provider replaces its client (shown again after `<Activity>` hid it). The client is made
 * on first use: on the server, call this in an effect or a handler rather than in render, as a
 * relative `apiUrl` such as `/api/stripemeter` cannot be resolved there.
 */
export function useStripeMeterClient(): StripeMeterClient {
  const runtime = useProviderRuntime('useStripeMeterClient')
  const getClient = () => runtime.client
  return useSyncExternalStore(runtime.subscribeStatus, getClient, getClient)
}
