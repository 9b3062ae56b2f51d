import { createContext, useContext } from 'react'
import type { MetricPrice } from '../core/priceUsage.js'
import type { ProviderRuntime } from './ProviderRuntime.js'

/** The provider's runtime; `undefined` outside `<StripeMeterProvider>`, like React Query's. */
export const StripeMeterContext = createContext<ProviderRuntime | undefined>(undefined)

/** The provider's `locale`, in its own context so a locale change re-renders only its readers. */
export const StripeMeterLocaleContext = createContext<string | undefined>(undefined)

/** The provider's `metricPrices`: a change re-prices live cost at once. */
export const StripeMeterPricesContext = createContext<
  Readonly<Record<string, MetricPrice>> | undefined
>(undefined)

/** The provider's runtime, or an error naming the hook and `<StripeMeterProvider>`. */
export function useProviderRuntime(hookName: string): ProviderRuntime {
  const runtime = useContext(StripeMeterContext)
  if (runtime === undefined) {
    throw new Error(
      `[stripemeter] ${hookName}() must be called inside <StripeMeterProvider>: wrap your app (or the component) in <StripeMeterProvider apiUrl="/api/stripemeter" tenantId="…">.`,
    )
  }
  return runtime
}
