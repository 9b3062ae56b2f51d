import { renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { useCostForecast } from '../../src/react/useCostForecast.js'
import { useProjection } from '../../src/react/useProjection.js'
import { demoCustomers } from '../../src/testing/demoData.js'
import { emulatorHarness, TestProvider } from './emulatorClient.js'

function setup() {
  const harness = emulatorHarness()
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestProvider client={harness.client}>{children}</TestProvider>
  )
  return { ...harness, wrapper }
}

describe('useCostForecast', () => {
  it('forecasts from the projection and one daily history per priced metric', async () => {
    const { wrapper, emulator } = setup()
    const { result } = renderHook(
      () => ({
        forecast: useCostForecast(demoCustomers.steady),
        projection: useProjection(demoCustomers.steady),
      }),
      { wrapper },
    )
    expect(result.current.forecast.isPending).toBe(true)
    await waitFor(() => expect(result.current.forecast.data).toBeDefined())
    const projection = result.current.projection.data
    const forecast = result.current.forecast.data
    if (!projection || !forecast) throw new Error('no forecast')
    expect(forecast.currency).toBe(projection.currency)
    expect(forecast.costSoFar).toBe(projection.total)
    expect(forecast.low).toBeLessThanOrEqual(forecast.expected)
    expect(forecast.expected).toBeLessThanOrEqual(forecast.high)
    expect(forecast.low).toBeGreaterThanOrEqual(forecast.costSoFar)
    expect(forecast.lineItems.map((item) => item.metric)).toEqual(
      projection.lineItems.map((item) => item.metric),
    )
    // The projection is read once, shared by both hooks; one history per priced metric.
    expect(emulator.stats().requests.projection).toBe(1)
    expect(emulator.stats().requests.history).toBe(projection.lineItems.length)
    expect(result.current.forecast.isPending).toBe(false)
  })

  it('reports a failed projection as the error, with no forecast', async () => {
    const { wrapper, emulator } = setup()
    emulator.faults.always('projection', { kind: 'status', status: 403 })
    const { result } = renderHook(() => useCostForecast(demoCustomers.steady), { wrapper })
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error?.code).toBe('unauthorized')
    expect(result.current.data).toBeUndefined()
  })

  it('a failed history only widens the range: the forecast still comes', async () => {
    const { wrapper, emulator } = setup()
    emulator.faults.always('history', { kind: 'status', status: 403 })
    const { result } = renderHook(() => useCostForecast(demoCustomers.steady), { wrapper })
    await waitFor(() => expect(result.current.data).toBeDefined())
    expect(result.current.isError).toBe(false)
    expect(result.current.data?.basisDays).toBeGreaterThanOrEqual(0)
  })

  it('fetches nothing when disabled', async () => {
    const { wrapper, emulator } = setup()
    const { result } = renderHook(() => useCostForecast(demoCustomers.steady, { enabled: false }), {
      wrapper,
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(result.current.data).toBeUndefined()
    expect(emulator.stats().requests.projection ?? 0).toBe(0)
  })
})
