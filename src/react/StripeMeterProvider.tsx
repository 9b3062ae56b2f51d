import { QueryClient, QueryClientContext } from '@tanstack/react-query'
import { type ReactNode, useContext, useEffect, useRef, useState } from 'react'
import type { WidgetMessageOverrides } from '../charts/messages/WidgetMessages.js'
import type {
  MetricAggregation,
  MetricPrice,
  StripeMeterClient,
  StripeMeterErrorHandler,
} from '../index.js'
import { type ProviderClientOptions, ProviderRuntime } from './ProviderRuntime.js'
import {
  StripeMeterContext,
  StripeMeterLocaleContext,
  StripeMeterPricesContext,
} from './StripeMeterContext.js'
import { StripeMeterMessagesContext } from './StripeMeterMessagesContext.js'

export interface StripeMeterProviderSharedProps {
  children?: ReactNode
  /**
   * The React Query client the hooks use.
   * @default the one of an enclosing `<QueryClientProvider>`, else one the provider makes
   */
  queryClient?: QueryClient
  /** BCP 47 locale for the widgets (`useStripeMeterLocale()`). @default the runtime's locale */
  locale?: string
  /**
   * Widget words that replace the built-in catalog's (`en`, `de`, `fr`, `es`, `ja`, chosen by
   * `locale`), for every widget inside; a widget's own `messages` prop wins over these.
   * @default undefined (the built-in catalog)
   */
  messages?: WidgetMessageOverrides
  /**
   * Called once per failure, the same for a given client and one the provider makes: an event
   * `track` refused (with that event), a delivery failure (no events: they stay queued and are
   * retried) and events the server refused for good (with those events). A new function
   * applies at once.
   */
  onError?: StripeMeterErrorHandler
  /**
   * How the server aggregates each metric. Live usage adds tracked quantities to `sum`
   * metrics only; a `max` or `last` metric (seats, storage) waits for the server.
   * @default every metric 'sum'
   */
  metricAggregations?: Readonly<Record<string, MetricAggregation>>
  /**
   * Your billing's price per metric, flat (`{ unitPrice }`) or graduated (`{ tiers }`), for live
   * cost: usage tracked here and not yet in the server's projection is priced with the
   * projection's own unit price, and a graduated metric by its tiers only with these (a
   * projection carries one average unit price). A price is used only where it reproduces the
   * server's line item.
   * @default {} (each line item's own unit price)
   */
  metricPrices?: Readonly<Record<string, MetricPrice>>
}

export type StripeMeterProviderProps = StripeMeterProviderSharedProps &
  (
    | {
        /**
         * A client the app made and owns (`createClient(…)`, kept outside render): the provider
         * uses it and never closes it. The primary form, like `QueryClientProvider`'s `client`.
         */
        client: StripeMeterClient
        options?: never
      }
    | {
        /**
         * Options of a client the provider makes — once, even under StrictMode — and flushes
         * and closes on unmount. A new `apiUrl`, `tenantId` or `apiKey` starts a new client;
         * new `headers` apply at once; any other change is warned about in development, as a
         * live client cannot take it.
         */
        options: ProviderClientOptions
        client?: never
      }
  )

/**
 * Gives its children a buffered StripeMeter client and the hooks that read usage. Pass the
 * client you made (`client={client}`), or `options` for one the provider makes and owns.
 */
export function StripeMeterProvider(props: StripeMeterProviderProps) {
  const { children, locale, messages, metricPrices, client, options } = props
  const latest = useRef(props)
  useEffect(() => {
    latest.current = props
  })

  const enclosingQueryClient = useContext(QueryClientContext)
  // Made only when neither the prop nor an enclosing provider gives one; kept for the lifetime.
  const [fallback] = useState<{ queryClient?: QueryClient }>(() => ({}))
  let queryClient = props.queryClient ?? enclosingQueryClient
  if (queryClient === undefined) {
    fallback.queryClient ??= new QueryClient()
    queryClient = fallback.queryClient
  }
  const ownQueryClient = queryClient === fallback.queryClient ? queryClient : undefined

  const identity: ClientIdentity =
    client === undefined ? [options?.apiUrl, options?.tenantId, options?.apiKey] : [client]
  const makeRuntime = () =>
    new ProviderRuntime({
      ...(client === undefined ? { clientOptions: options } : { client }),
      queryClient,
      isAdditive: (metric) => (latest.current.metricAggregations?.[metric] ?? 'sum') === 'sum',
      onError: () => latest.current.onError,
    })
  const [current, setCurrent] = useState(() => ({ identity, runtime: makeRuntime() }))
  let runtime = current.runtime
  if (!sameIdentity(current.identity, identity) || runtime.queryClient !== queryClient) {
    // Render-time state update: React re-renders at once with the new runtime, effects move over.
    runtime = makeRuntime()
    setCurrent({ identity, runtime })
  }

  useEffect(() => {
    if (options !== undefined) runtime.updateClientOptions(options)
  }, [runtime, options])

  useEffect(() => {
    runtime.retain()
    return () => runtime.release()
  }, [runtime])

  useEffect(() => {
    if (ownQueryClient === undefined) return
    ownQueryClient.mount()
    return () => ownQueryClient.unmount()
  }, [ownQueryClient])

  return (
    <StripeMeterContext.Provider value={runtime}>
      <StripeMeterLocaleContext.Provider value={locale}>
        <StripeMeterMessagesContext.Provider value={messages}>
          <StripeMeterPricesContext.Provider value={metricPrices}>
            {children}
          </StripeMeterPricesContext.Provider>
        </StripeMeterMessagesContext.Provider>
      </StripeMeterLocaleContext.Provider>
    </StripeMeterContext.Provider>
  )
}

type ClientIdentity = readonly unknown[]

function sameIdentity(a: ClientIdentity, b: ClientIdentity): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]))
}
