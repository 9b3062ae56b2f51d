import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { isStripeMeterError } from '../../src/index.js'
import {
  StripeMeterProvider,
  stripeMeterKeys,
  useProjection,
  useStripeMeterClient,
  useStripeMeterLocale,
  useTrack,
  useUsage,
  useUsageHistory,
} from '../../src/react/index.js'
import { emulatorOnLoopback, providerFor, serverUsage } from './harness.js'

/** Records the client the provider hands out on every render. */
function ClientProbe({ seen }: { seen: unknown[] }) {
  seen.push(useStripeMeterClient())
  return null
}

describe('hooks against the emulator', () => {
  it('useUsage returns the emulator’s usage, with pending 0 on every metric', async () => {
    const server = await emulatorOnLoopback()
    const customerRef = server.emulator.customers.nearLimit
    const { result } = renderHook(() => useUsage(customerRef), { wrapper: providerFor(server) })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    const expected = await serverUsage(server, customerRef)
    expect(expected.metrics.length).toBeGreaterThan(0)
    expect(result.current.data).toEqual({
      ...expected,
      metrics: expected.metrics.map((metric: object) => ({ ...metric, pending: 0 })),
    })
  })

  it('useProjection and useUsageHistory return the emulator’s answers', async () => {
    const server = await emulatorOnLoopback()
    const customerRef = server.emulator.customers.steady
    const now = new Date()
    const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
    const { result } = renderHook(
      () => ({
        projection: useProjection(customerRef),
        history: useUsageHistory(customerRef, {
          metric: 'api_calls',
          period: { periodStart, periodEnd: now },
        }),
        // Without a period the history waits, fetching nothing.
        waiting: useUsageHistory(customerRef, { metric: 'api_calls', step: 'month' }),
      }),
      { wrapper: providerFor(server) },
    )
    await waitFor(() => expect(result.current.projection.isSuccess).toBe(true))
    await waitFor(() => expect(result.current.history.isSuccess).toBe(true))
    const projection = result.current.projection.data
    expect(projection?.customerRef).toBe(customerRef)
    expect(projection?.lineItems.map((item) => item.metric)).toContain('api_calls')
    const sum = projection?.lineItems.reduce((total, item) => total + item.total, 0) ?? 0
    expect(projection?.subtotal).toBeCloseTo(sum, 2)
    const days = result.current.history.data?.usage ?? []
    expect(days.length).toBeGreaterThan(0)
    for (const point of days)
      expect(new Date(point.ts).getTime()).toBeGreaterThanOrEqual(+periodStart)
    expect(result.current.waiting).toMatchObject({ isPending: true, fetchStatus: 'idle' })
    expect(server.emulator.stats().requests.history).toBe(1)
  })

  it('surfaces an HTTP error as a StripeMeterError', async () => {
    const server = await emulatorOnLoopback({ auth: true })
    const { result } = renderHook(() => useUsage('cus_steady'), {
      wrapper: providerFor(server, { apiKey: 'smk_wrong.0000000000' }),
    })
    await waitFor(() => expect(result.current.isError).toBe(true))
    const error = result.current.error
    expect(isStripeMeterError(error)).toBe(true)
    expect(error?.code).toBe('unauthorized')
    expect(error?.statusCode).toBe(401)
  })

  it('uses the enclosing QueryClient, and its keys hold no secret', async () => {
    const server = await emulatorOnLoopback({ auth: true })
    const queryClient = new QueryClient()
    const Provider = providerFor(server, { apiKey: server.emulator.apiKey })
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <Provider>{children}</Provider>
      </QueryClientProvider>
    )
    const { result } = renderHook(() => useUsage('cus_steady'), { wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(queryClient.getQueryData(stripeMeterKeys.usage('cus_steady'))).toBeDefined()
    const keys = JSON.stringify(
      queryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.queryKey),
    )
    expect(keys).not.toContain(server.emulator.apiKey)
    expect(keys).not.toContain(server.emulator.apiKey.split('.')[1])
  })

  it('prefers the queryClient prop', async () => {
    const server = await emulatorOnLoopback()
    const queryClient = new QueryClient()
    const { result } = renderHook(() => useUsage('cus_steady'), {
      wrapper: providerFor(server, { queryClient }),
    })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(queryClient.getQueryData(stripeMeterKeys.usage('cus_steady'))).toBeDefined()
  })

  it('passes React Query options through (select, enabled)', async () => {
    const server = await emulatorOnLoopback()
    const { result } = renderHook(
      () => ({
        names: useUsage('cus_steady', { select: (usage) => usage.metrics.map((m) => m.name) }),
        disabled: useUsage('cus_near_limit', { enabled: false }),
      }),
      { wrapper: providerFor(server) },
    )
    await waitFor(() => expect(result.current.names.isSuccess).toBe(true))
    expect(result.current.names.data).toContain('api_calls')
    expect(result.current.disabled.fetchStatus).toBe('idle')
    expect(server.emulator.stats().requests.usage).toBe(1)
  })

  it('useStripeMeterLocale returns the provider’s locale, and undefined outside one', async () => {
    const server = await emulatorOnLoopback()
    const inside = renderHook(() => useStripeMeterLocale(), {
      wrapper: providerFor(server, { locale: 'de-DE' }),
    })
    expect(inside.result.current).toBe('de-DE')
    expect(renderHook(() => useStripeMeterLocale()).result.current).toBeUndefined()
  })

  it('throws a message naming <StripeMeterProvider> outside a provider', () => {
    const hooks: Array<() => unknown> = [useStripeMeterClient, useTrack, () => useUsage('cus_1')]
    for (const hook of hooks) {
      expect(() => renderHook(hook)).toThrow(/<StripeMeterProvider>/)
    }
  })

  it('borrows a client and leaves it open on unmount', async () => {
    const server = await emulatorOnLoopback()
    const { createClient } = await import('../../src/index.js')
    const client = createClient({ apiUrl: server.url, tenantId: server.emulator.tenantId })
    const seen: unknown[] = []
    const { unmount } = render(
      <StripeMeterProvider client={client}>
        <ClientProbe seen={seen} />
      </StripeMeterProvider>,
    )
    expect(seen[0]).toBe(client)
    unmount()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(client.getState().closed).toBe(false)
    await client.close()
  })
})
