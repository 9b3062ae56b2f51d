import { QueryClient, QueryClientContext } from '@tanstack/react-query'
import { type ReactNode, useContext, useEffect, useRef, useState } from 'react'
import type { StripeMeterClient, StripeMeterClientOptions } from '../index.js'
import { ProviderRuntime, type StripeMeterErrorHandler } from './ProviderRuntime.js'
import { StripeMeterContext, StripeMeterLocaleContext } from './StripeMeterContext.js'

/** How the server aggregates a metric's events over the period. */
export type MetricAggregation = 'sum' | 'max' | 'last'

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
   * Called once per failure: an event `track` refused (with that event), a delivery failure
   * (no events: they stay queued and are retried) and, for a client the provider owns, events
   * the server refused for good.
   */
  onError?: StripeMeterErrorHandler
  /**
   * How the server aggregates each metric. Live usage adds tracked quantities to `sum`
   * metrics only; a `max` or `last` metric (seats, storage) waits for the server.
   * @default every metric 'sum'
   */
  metricAggregations?: Readonly<Record<string, MetricAggregation>>
}

/** The client's options; its `onError` is the provider's, which also hears `track` errors. */
export type ProviderClientOptions = Omit<StripeMeterClientOptions, 'onError'>

type NoClientOptions = { [Key in keyof ProviderClientOptions]?: never }

export type StripeMeterProviderProps = StripeMeterProviderSharedProps &
  (
    | ({
        /** A client the app made and owns: the provider uses it and never closes it. */
        client: StripeMeterClient
      } & NoClientOptions)
    | (ProviderClientOptions & { client?: never })
  )

/**
 * Gives its children a buffered StripeMeter client and the hooks that read usage. With
 * client options it makes the client itself — once, even under StrictMode — and flushes and
 * closes it on unmount; with `client` it borrows one. The options are read when the client is
 * made: a different `client`, `apiUrl`, `tenantId` or `apiKey` starts a new one.
 */
export function StripeMeterProvider(props: StripeMeterProviderProps) {
  const { children, locale } = props
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

  const identity = clientIdentity(props)
  const makeRuntime = () =>
    new ProviderRuntime({
      ...(props.client === undefined ? { clientOptions: clientOptionsOf(props) } : {}),
      ...(props.client === undefined ? {} : { client: props.client }),
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
        {children}
      </StripeMeterLocaleContext.Provider>
    </StripeMeterContext.Provider>
  )
}

type ClientIdentity = readonly unknown[]

function clientIdentity(props: StripeMeterProviderProps): ClientIdentity {
  return props.client === undefined ? [props.apiUrl, props.tenantId, props.apiKey] : [props.client]
}

function sameIdentity(a: ClientIdentity, b: ClientIdentity): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]))
}

/** The client options among the provider's props (the rest are the provider's own). */
function clientOptionsOf(props: StripeMeterProviderProps): ProviderClientOptions {
  const {
    children: _children,
    queryClient: _queryClient,
    locale: _locale,
    onError: _onError,
    metricAggregations: _metricAggregations,
    client: _client,
    ...clientOptions
  } = props
  return clientOptions as ProviderClientOptions
}
