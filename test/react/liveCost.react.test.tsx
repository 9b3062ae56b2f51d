import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ProjectionResponse } from '../../src/index.js'
import {
  useBufferStatus,
  useCostForecast,
  useProjection,
  useTrack,
  useUsage,
} from '../../src/react/index.js'
import { demoCatalog, type RunningEmulator } from '../../src/testing/index.js'
import { emulatorOnLoopback, renderWith } from './harness.js'

const customerRef = 'cus_steady'
const catalog = demoCatalog('USD')
const metricPrices = Object.fromEntries(
  catalog.flatMap((metric) => (metric.price ? [[metric.name, metric.price]] : [])),
)
const metricAggregations = Object.fromEntries(
  catalog.map((metric) => [metric.name, metric.aggregation]),
)

interface Frame {
  meter: number
  costQuantity: number
  total: number
  serverTotal: number
  pendingTotal: number
}

/** A meter and a cost side by side, recording every frame both had data in. */
function MeterAndCost({ frames }: { frames: Frame[] }) {
  const usage = useUsage(customerRef)
  const projection = useProjection(customerRef)
  const forecast = useCostForecast(customerRef)
  const track = useTrack()
  const { flush } = useBufferStatus()
  const meter = usage.data?.metrics.find((metric) => metric.name === 'api_calls')?.current
  const cost = projection.data
  const item = cost?.lineItems.find((line) => line.metric === 'api_calls')
  if (meter !== undefined && cost !== undefined && item !== undefined) {
    frames.push({
      meter,
      costQuantity: item.quantity,
      total: cost.total,
      serverTotal: cost.server.total,
      pendingTotal: cost.pendingTotal,
    })
  }
  return (
    <div>
      <output data-testid="meter">{meter ?? 'loading'}</output>
      <output data-testid="total">{cost?.total ?? 'loading'}</output>
      <output data-testid="pending">{cost?.pendingTotal ?? 'loading'}</output>
      <output data-testid="forecast">{forecast.data?.costSoFar ?? 'loading'}</output>
      <button
        type="button"
        onClick={() => track({ metric: 'api_calls', customerRef, quantity: 250 })}
      >
        report
      </button>
      <button type="button" onClick={() => void flush()}>
        flush
      </button>
    </div>
  )
}

async function serverProjection(server: RunningEmulator): Promise<ProjectionResponse> {
  const response = await fetch(new URL('/v1/usage/projection', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: server.emulator.tenantId, customerRef }),
  })
  return (await response.json()) as ProjectionResponse
}

describe('live cost', () => {
  it('prices tracked usage at once, as the server will, and melts into its projection', async () => {
    // Like the real server: aggregation lags the ingest, and usage reads are cached.
    const server = await emulatorOnLoopback({ aggregationDelayMs: 300, cacheTtlMs: 1_500 })
    const before = await serverProjection(server)
    const frames: Frame[] = []
    renderWith(server, <MeterAndCost frames={frames} />, { metricPrices, metricAggregations })
    await waitFor(() => expect(screen.getByTestId('total').textContent).toBe(String(before.total)))
    await waitFor(() => expect(screen.getByTestId('forecast').textContent).not.toBe('loading'))
    expect(screen.getByTestId('pending').textContent).toBe('0')

    fireEvent.click(screen.getByText('report'))
    // Nothing sent yet: the cost already prices the 250 calls, with the graduated tiers.
    await waitFor(() => expect(screen.getByTestId('pending').textContent).not.toBe('0'))
    expect(server.emulator.stats().eventsReceived).toBe(0)
    const live = Number(screen.getByTestId('total').textContent)
    expect(Number(screen.getByTestId('forecast').textContent)).toBe(live)

    fireEvent.click(screen.getByText('flush'))
    await waitFor(() => expect(server.emulator.stats().eventsCounted).toBe(1))
    server.emulator.settle()
    const after = await serverProjection(server)
    // The live figure was the server's next projection to the cent.
    expect(live).toBe(after.total)
    expect(after.total).toBeGreaterThan(before.total)
    await waitFor(
      () => {
        expect(screen.getByTestId('pending').textContent).toBe('0')
        expect(frames.at(-1)?.serverTotal).toBe(after.total)
      },
      { timeout: 10_000 },
    )
    expect(screen.getByTestId('total').textContent).toBe(String(after.total))
    // In every frame the cost priced what the meter showed, and never more than the bill.
    for (const frame of frames) {
      expect(frame.costQuantity).toBeGreaterThanOrEqual(frame.meter)
      expect(frame.total).toBeLessThanOrEqual(after.total)
      expect(frame.total).toBeGreaterThanOrEqual(frame.serverTotal)
    }
    expect(frames.every((frame) => frame.costQuantity === frame.meter)).toBe(true)
  }, 20_000)
})
