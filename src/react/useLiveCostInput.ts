import { useContext, useMemo, useSyncExternalStore } from 'react'
import type { LiveCostInput } from './liveCost.js'
import { NO_PENDING_EVENTS } from './liveUsage.js'
import type { ProviderRuntime } from './ProviderRuntime.js'
import { StripeMeterPricesContext } from './StripeMeterContext.js'
import type { CustomerRefOrSkip } from './stripeMeterQueries.js'
import { useUsage } from './useUsage.js'

/**
 * What live cost needs of a customer: its pending events, the meter's live usage if this page
 * has read it (never fetched for this: `enabled: false` only watches the cache), the provider's
 * prices and which metrics add up. The same object until one of them changes.
 */
export function useLiveCostInput(
  runtime: ProviderRuntime,
  customerRef: CustomerRefOrSkip,
): LiveCostInput {
  const events = useSyncExternalStore(
    runtime.live.subscribe,
    () =>
      typeof customerRef === 'string' ? runtime.live.getEvents(customerRef) : NO_PENDING_EVENTS,
    () => NO_PENDING_EVENTS,
  )
  const usage = useUsage(customerRef, { enabled: false }).data
  const prices = useContext(StripeMeterPricesContext)
  return useMemo(
    () => ({ events, usage, prices, isAdditive: runtime.isAdditive }),
    [events, usage, prices, runtime],
  )
}
