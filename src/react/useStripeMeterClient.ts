import type { StripeMeterClient } from '../index.js'
import { useProviderRuntime } from './StripeMeterContext.js'

/**
 * The provider's `StripeMeterClient`, for what the hooks do not cover (`track` awaiting the
 * server, `trackBatch`, `close`). Outside `<StripeMeterProvider>` it throws. The client is made
 * on first use: call this in an effect or a handler rather than in render on the server, where
 * a relative `apiUrl` such as `/api/stripemeter` cannot be resolved.
 */
export function useStripeMeterClient(): StripeMeterClient {
  return useProviderRuntime('useStripeMeterClient').client
}
