import { act, fireEvent, renderHook, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { createClient } from '../../src/index.js'
import { StripeMeterProvider, useBufferStatus, useTrack, useUsage } from '../../src/react/index.js'
import { emulatorOnLoopback, providerFor, renderWith, serverUsage } from './harness.js'

const customerRef = 'cus_steady'
const trackedEvent = { metric: 'api_calls', customerRef, quantity: 5 }

type RenderedValue = { current: number; pending: number }

/** A meter that records every value it rendered, so a test can prove none was double counted. */
function Meter({ rendered }: { rendered: RenderedValue[] }) {
  const usage = useUsage(customerRef)
  const track = useTrack()
  const { flush } = useBufferStatus()
  const apiCalls = usage.data?.metrics.find((metric) => metric.name === 'api_calls')
  if (apiCalls) rendered.push({ current: apiCalls.current, pending: apiCalls.pending })
  return (
    <div>
      <output data-testid="current">{apiCalls?.current ?? 'loading'}</output>
      <output data-testid="pending">{apiCalls?.pending ?? 'loading'}</output>
      <button
        type="button"
        onClick={() => track({ metric: 'api_calls', customerRef, quantity: 5 })}
      >
        track
      </button>
      <button type="button" onClick={() => void flush()}>
        flush
      </button>
    </div>
  )
}

describe('live usage', () => {
  it('moves on track and does not double count when the server total arrives', async () => {
    // Like the real server: aggregation lags the ingest, and reads are cached.
    const server = await emulatorOnLoopback({ aggregationDelayMs: 300, cacheTtlMs: 1_500 })
    const base = (await serverUsage(server, customerRef)).metrics.find(
      (metric: { name: string }) => metric.name === 'api_calls',
    ).current as number
    const rendered: RenderedValue[] = []
    renderWith(server, <Meter rendered={rendered} />)
    await waitFor(() => expect(screen.getByTestId('current').textContent).toBe(String(base)))

    fireEvent.click(screen.getByText('track'))
    // Before anything is sent the meter already shows the click.
    await waitFor(() => expect(screen.getByTestId('current').textContent).toBe(String(base + 5)))
    expect(screen.getByTestId('pending').textContent).toBe('5')
    expect(server.emulator.stats().eventsReceived).toBe(0)

    fireEvent.click(screen.getByText('flush'))
    await waitFor(() => expect(server.emulator.stats().eventsCounted).toBe(1))
    // The server's own total catches up (aggregation, then the cache expiring): the overlay
    // melts into it.
    await waitFor(() => expect(screen.getByTestId('pending').textContent).toBe('0'), {
      timeout: 10_000,
    })
    expect(screen.getByTestId('current').textContent).toBe(String(base + 5))
    const served = (await serverUsage(server, customerRef)).metrics.find(
      (metric: { name: string }) => metric.name === 'api_calls',
    ).current
    expect(served).toBe(base + 5)
    // At no point did the meter show the event twice (or lose it after the click).
    const afterClick = rendered.slice(rendered.findIndex((value) => value.current !== base))
    expect(afterClick.every((value) => value.current === base + 5)).toBe(true)
  }, 15_000)

  it('refetches once per drained backlog, not once per event or request', async () => {
    const server = await emulatorOnLoopback()
    const rendered: RenderedValue[] = []
    renderWith(server, <Meter rendered={rendered} />, { batchSize: 10 })
    await waitFor(() => expect(screen.getByTestId('current').textContent).not.toBe('loading'))
    const base = Number(screen.getByTestId('current').textContent)
    expect(server.emulator.stats().requests.usage).toBe(1)

    act(() => {
      for (let index = 0; index < 50; index++) fireEvent.click(screen.getByText('track'))
    })
    await waitFor(() => expect(server.emulator.stats().eventsCounted).toBe(50))
    await waitFor(() => expect(screen.getByTestId('pending').textContent).toBe('0'))
    expect(screen.getByTestId('current').textContent).toBe(String(base + 250))
    const { requests } = server.emulator.stats()
    expect(requests.ingest).toBeGreaterThan(1)
    expect(requests.usage).toBe(2)
  })

  it('leaves metrics the app declares non-additive to the server', async () => {
    const server = await emulatorOnLoopback()
    const rendered: RenderedValue[] = []
    renderWith(server, <Meter rendered={rendered} />, { metricAggregations: { api_calls: 'max' } })
    await waitFor(() => expect(screen.getByTestId('current').textContent).not.toBe('loading'))
    const before = screen.getByTestId('current').textContent
    fireEvent.click(screen.getByText('track'))
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(screen.getByTestId('current').textContent).toBe(before)
    expect(screen.getByTestId('pending').textContent).toBe('0')
  })
})

describe('live usage and refused events', () => {
  const refusal = (idempotencyKey: string) => ({
    kind: 'status' as const,
    status: 200,
    body: {
      accepted: 0,
      duplicates: 0,
      results: [{ idempotencyKey, status: 'error', error: 'Event refused by the test' }],
      errors: [{ index: 0, error: 'Event refused by the test' }],
    },
  })

  for (const borrowed of [false, true]) {
    it(`takes an event the server refused out of the meter (${borrowed ? 'borrowed' : 'own'} client)`, async () => {
      const server = await emulatorOnLoopback()
      const onError = vi.fn()
      const client = borrowed
        ? createClient({ apiUrl: server.url, tenantId: server.emulator.tenantId, flushInterval: 0 })
        : undefined
      const { result } = renderHook(
        () => ({ usage: useUsage(customerRef), track: useTrack(), status: useBufferStatus() }),
        {
          wrapper: client
            ? ({ children }) => (
                <StripeMeterProvider client={client} onError={onError}>
                  {children}
                </StripeMeterProvider>
              )
            : providerFor(server, { onError }),
        },
      )
      await waitFor(() => expect(result.current.usage.isSuccess).toBe(true))
      const apiCalls = () => result.current.usage.data?.metrics.find((m) => m.name === 'api_calls')
      const base = apiCalls()?.current ?? 0
      act(() => result.current.track({ ...trackedEvent, idempotencyKey: 'evt_refused' }))
      await waitFor(() => expect(apiCalls()?.pending).toBe(5))
      server.emulator.faults.next('ingest', refusal('evt_refused'))
      await act(() => result.current.status.flush())
      await waitFor(() => expect(apiCalls()?.pending).toBe(0))
      expect(apiCalls()?.current).toBe(base)
      expect(result.current.status.lastError?.code).toBe('rejected')
      expect(onError).toHaveBeenCalledTimes(1)
      expect(onError.mock.calls[0]?.[0].code).toBe('rejected')
      await client?.close()
    })
  }
})
