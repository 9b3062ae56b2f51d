import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { forecastUsage } from '../../src/core/forecastUsage.js'
import { periodHistoryRange } from '../../src/core/utcPeriod.js'
import {
  StripeMeterProvider,
  UsageGate,
  type UsageGateExceeded,
  useBudget,
  useBufferStatus,
  useQuota,
  useTrack,
} from '../../src/react/index.js'
import {
  createStripeMeterHandler,
  memoryBudgetStore,
  toNodeHandler,
} from '../../src/server/index.js'
import type { RunningEmulator } from '../../src/testing/index.js'
import { emulatorOnLoopback, providerFor } from './harness.js'

const customerRef = 'cus_quota'

/** Puts `quantity` of `metric` on the emulator's books for the customer, past the React layer. */
async function ingest(server: RunningEmulator, metric: string, quantity: number) {
  const response = await fetch(new URL('/v1/events/ingest', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      events: [
        {
          tenantId: server.emulator.tenantId,
          metric,
          customerRef,
          quantity,
          ts: new Date().toISOString(),
        },
      ],
    }),
  })
  expect(response.status).toBe(200)
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** The app's own route with a budget store, in front of the emulator: what useBudget talks to. */
async function appRoute(server: RunningEmulator) {
  const handler = createStripeMeterHandler({
    apiUrl: server.url,
    apiKey: server.emulator.apiKey,
    tenantId: server.emulator.tenantId,
    identify: () => customerRef,
    budgets: memoryBudgetStore(),
  })
  const http = createServer(toNodeHandler(handler))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise((resolve) => {
        http.closeAllConnections()
        http.close(() => resolve())
      }),
  )
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/stripemeter`
}

function Quota() {
  const quota = useQuota(customerRef, 'api_calls')
  return <p>{quota.status}</p>
}

function BudgetPage({ onExceeded }: { onExceeded: (exceeded: UsageGateExceeded) => void }) {
  const { budget, setBudget, status } = useBudget(customerRef)
  return (
    <div>
      <output data-testid="level">{status?.level ?? 'none'}</output>
      <output data-testid="spent">{status?.spent ?? '-'}</output>
      <button
        type="button"
        onClick={() => setBudget.mutate({ amount: 20, currency: 'USD', mode: 'hard' })}
      >
        Set budget
      </button>
      <p>{budget === null ? 'No budget' : budget?.mode}</p>
      <UsageGate
        customerRef={customerRef}
        metric="api_calls"
        budget
        fallback={<p>Budget reached</p>}
        onExceeded={onExceeded}
      >
        <p>Export</p>
      </UsageGate>
    </div>
  )
}

describe('useQuota', () => {
  it('is loading, then ok, near from 80 %, and over at the limit the moment events are tracked', async () => {
    const server = await emulatorOnLoopback({ seed: false })
    await ingest(server, 'api_calls', 39_000)
    const { result } = renderHook(
      () => ({ quota: useQuota(customerRef, 'api_calls', { forecast: false }), track: useTrack() }),
      { wrapper: providerFor(server) },
    )
    expect(result.current.quota.status).toBe('loading')
    await waitFor(() => expect(result.current.quota.status).toBe('ok'))
    expect(result.current.quota).toMatchObject({
      used: 39_000,
      limit: 50_000,
      remaining: 11_000,
      percent: 78,
      unit: 'calls',
    })
    act(() => result.current.track({ metric: 'api_calls', customerRef, quantity: 1_000 }))
    await waitFor(() => expect(result.current.quota.status).toBe('near'))
    expect(result.current.quota.percent).toBe(80)
    act(() => result.current.track({ metric: 'api_calls', customerRef, quantity: 10_000 }))
    await waitFor(() => expect(result.current.quota.status).toBe('over'))
    expect(result.current.quota).toMatchObject({ used: 50_000, remaining: 0, percent: 100 })
    // Nothing was sent yet: the figure is live.
    expect(server.emulator.stats().eventsReceived).toBe(1)
  })

  it('counts a tracked event once when the server catches up', async () => {
    const server = await emulatorOnLoopback({ seed: false })
    await ingest(server, 'api_calls', 100)
    const { result } = renderHook(
      () => ({
        quota: useQuota(customerRef, 'api_calls', { forecast: false, nearThreshold: 50 }),
        track: useTrack(),
        buffer: useBufferStatus(),
      }),
      { wrapper: providerFor(server) },
    )
    await waitFor(() => expect(result.current.quota.used).toBe(100))
    act(() => result.current.track({ metric: 'api_calls', customerRef, quantity: 7 }))
    await waitFor(() => expect(result.current.quota.used).toBe(107))
    const firstRead = result.current.quota.dataUpdatedAt
    await act(() => result.current.buffer.flush())
    await waitFor(() => expect(result.current.quota.dataUpdatedAt).toBeGreaterThan(firstRead))
    expect(result.current.quota.used).toBe(107)
  })

  it('is unlimited for a metric without a limit', async () => {
    const server = await emulatorOnLoopback({ seed: false })
    await ingest(server, 'ai_tokens', 5)
    const { result } = renderHook(() => useQuota(customerRef, 'ai_tokens'), {
      wrapper: providerFor(server),
    })
    await waitFor(() => expect(result.current.status).toBe('unlimited'))
    expect(result.current).toMatchObject({
      used: 5,
      limit: null,
      remaining: null,
      percent: null,
      reachesLimit: null,
    })
  })

  it('forecasts the limit date from this period’s daily history and the live figure', async () => {
    const server = await emulatorOnLoopback({ seed: false })
    await ingest(server, 'api_calls', 20_000)
    const { result } = renderHook(() => useQuota(customerRef, 'api_calls'), {
      wrapper: providerFor(server),
    })
    await waitFor(() => expect(result.current.status).toBe('ok'))
    const usage = (await (
      await fetch(
        `${server.url}/v1/usage/current?tenantId=${server.emulator.tenantId}&customerRef=${customerRef}`,
      )
    ).json()) as { period: { start: string; end: string } }
    const query = new URLSearchParams({
      tenantId: server.emulator.tenantId,
      customerRef,
      metric: 'api_calls',
      step: 'day',
      ...periodHistoryRange(usage.period.start, usage.period.end),
    })
    const history = (await (await fetch(`${server.url}/v1/usage/history?${query}`)).json()) as {
      usage: { ts: string; value: number }[]
    }
    const expected = forecastUsage(history.usage, {
      period: usage.period,
      limit: 50_000,
      used: 20_000,
      now: new Date(result.current.dataUpdatedAt),
    }).reachesLimit
    await waitFor(() => expect(result.current.reachesLimit).toEqual(expected))
  })

  it('renders as loading on the server (SSR) without touching the network', () => {
    const html = renderToString(
      <StripeMeterProvider options={{ apiUrl: 'http://127.0.0.1:9', tenantId: 't' }}>
        <Quota />
        <UsageGate customerRef={customerRef} metric="api_calls" fallback={<i>upgrade</i>}>
          <b>feature</b>
        </UsageGate>
        <UsageGate
          customerRef={customerRef}
          metric="api_calls"
          whileLoading="deny"
          fallback={<i>wait</i>}
        >
          <b>never</b>
        </UsageGate>
      </StripeMeterProvider>,
    )
    expect(html).toContain('<p>loading</p>')
    expect(html).toContain('<b>feature</b>')
    expect(html).toContain('<i>wait</i>')
    expect(html).not.toContain('never')
  })
})

function GatedSearch({ onExceeded }: { onExceeded: (exceeded: UsageGateExceeded) => void }) {
  const track = useTrack()
  return (
    <UsageGate
      customerRef={customerRef}
      metric="api_calls"
      quantity={5}
      fallback={<p>Upgrade to search more</p>}
      whileLoading="deny"
      onExceeded={onExceeded}
    >
      <button
        type="button"
        onClick={() => track({ metric: 'api_calls', customerRef, quantity: 5 })}
      >
        Search
      </button>
    </UsageGate>
  )
}

describe('UsageGate', () => {
  it('renders children while used + quantity ≤ limit, the fallback after the crossing click', async () => {
    const server = await emulatorOnLoopback({ seed: false })
    await ingest(server, 'api_calls', 49_990)
    const onExceeded = vi.fn()
    render(<GatedSearch onExceeded={onExceeded} />, { wrapper: providerFor(server) })
    // whileLoading="deny": the fallback until the usage is known.
    expect(screen.getByText('Upgrade to search more')).toBeTruthy()
    const search = await screen.findByRole('button', { name: 'Search' })
    fireEvent.click(search) // 49,995 + 5 = 50,000: still fits
    await waitFor(() => expect(screen.queryByText('Upgrade to search more')).toBeNull())
    fireEvent.click(screen.getByRole('button', { name: 'Search' })) // 50,000: 5 more would not
    await screen.findByText('Upgrade to search more')
    expect(onExceeded).toHaveBeenCalledTimes(1)
    expect(onExceeded.mock.calls[0]?.[0]).toMatchObject({
      reason: 'quota',
      quota: { status: 'over', used: 50_000 },
    })
    // The usage itself was recorded, not refused.
    expect(server.emulator.stats().eventsReceived).toBe(1)
  })

  it('closes on a hard budget once the spend reaches it, and never refuses the usage', async () => {
    const server = await emulatorOnLoopback({ seed: false })
    // 20,000 calls: 10,000 free, then 10,000 × $0.002 = $20 spent.
    await ingest(server, 'api_calls', 20_000)
    const apiUrl = await appRoute(server)
    const onExceeded = vi.fn()
    render(
      <StripeMeterProvider
        options={{ apiUrl, tenantId: server.emulator.tenantId, flushInterval: 60_000 }}
      >
        <BudgetPage onExceeded={onExceeded} />
      </StripeMeterProvider>,
    )
    await screen.findByText('No budget')
    expect(screen.getByText('Export')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Set budget' }))
    await screen.findByText('Budget reached', {}, { timeout: 5_000 })
    expect(screen.getByTestId('level').textContent).toBe('over')
    expect(screen.getByTestId('spent').textContent).toBe('20')
    expect(onExceeded).toHaveBeenCalledWith(
      expect.objectContaining({
        reason: 'budget',
        budget: expect.objectContaining({ level: 'over' }),
      }),
    )
  })
})

describe('useBudget', () => {
  it('reads, saves and reports the spend against the budget; a refusal is a validation_error', async () => {
    const server = await emulatorOnLoopback({ seed: false })
    await ingest(server, 'api_calls', 20_000)
    const apiUrl = await appRoute(server)
    const { result } = renderHook(() => useBudget(customerRef), {
      wrapper: ({ children }) => (
        <StripeMeterProvider options={{ apiUrl, tenantId: server.emulator.tenantId }}>
          {children}
        </StripeMeterProvider>
      ),
    })
    await waitFor(() => expect(result.current.budget).toBeNull())
    expect(result.current.status).toBeUndefined()
    await act(() => result.current.setBudget.mutateAsync({ amount: 25, currency: 'USD' }))
    await waitFor(() =>
      expect(result.current.budget).toEqual({
        amount: 25,
        currency: 'USD',
        thresholds: [50, 80, 100],
        mode: 'notify',
      }),
    )
    await waitFor(() => expect(result.current.status).toBeDefined())
    expect(result.current.status).toMatchObject({ spent: 20, percent: 80, thresholdReached: 80 })
    expect(result.current.status?.level).not.toBe('ok')

    await act(async () => {
      await result.current.setBudget
        .mutateAsync({ amount: 25, currency: 'EUR' })
        .catch(() => undefined)
    })
    await waitFor(() => expect(result.current.setBudget.error?.code).toBe('validation_error'))
    expect(result.current.setBudget.error?.message).toContain('currency must be USD')
    expect(result.current.budget?.currency).toBe('USD')
  })
})
