import { screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import {
  CostBreakdownChart,
  CostProjection,
  UsageAlerts,
  UsageChart,
  UsageMeter,
  UsageMeters,
  UsageTrendChart,
} from '../../src/charts/index.js'
import { demoCustomers } from '../../src/testing/demoData.js'
import { emulatorHarness, TestProvider } from './emulatorClient.js'
import { renderWidget } from './helpers.js'

describe('data-bound widgets against the emulator', () => {
  it('UsageMeters shows the emulator’s metrics, near-limit ones as a warning', async () => {
    const { client } = emulatorHarness()
    const { container } = renderWidget(
      <TestProvider client={client} locale="en-US">
        <UsageMeters customerRef={demoCustomers.nearLimit} />
      </TestProvider>,
    )
    expect(container.querySelector('[aria-busy="true"]')).toBeTruthy()
    const bar = await screen.findByRole('progressbar', { name: 'API calls' })
    const ratio =
      Number(bar.getAttribute('aria-valuenow')) / Number(bar.getAttribute('aria-valuemax'))
    expect(ratio).toBeGreaterThanOrEqual(0.8)
    expect(bar.closest('[data-sm-level]')?.getAttribute('data-sm-level')).toBe('warning')
  })

  it('UsageMeter for an over-limit customer reads over the limit, in the provider’s locale', async () => {
    const { client } = emulatorHarness()
    renderWidget(
      <TestProvider client={client} locale="de-DE">
        <UsageMeter customerRef={demoCustomers.overLimit} metric="api_calls" />
      </TestProvider>,
    )
    const bar = await screen.findByRole('progressbar', { name: 'API calls' })
    expect(bar.getAttribute('aria-valuetext')).toMatch(/über dem Limit/)
    expect(bar.getAttribute('aria-valuetext')).toMatch(/\d\.\d{3}/)
  })

  it('UsageMeter says when this pace reaches the limit, from the daily history', async () => {
    const { client } = emulatorHarness()
    const { container } = renderWidget(
      <TestProvider client={client} locale="en-US">
        <UsageMeter customerRef={demoCustomers.nearLimit} metric="api_calls" />
      </TestProvider>,
    )
    // Which of the three depends on the day of the month the test runs on.
    await waitFor(
      () =>
        expect(container.querySelector('.sm-limit-date')?.textContent).toMatch(
          /^(At this pace you’ll reach 50,000 calls around [A-Z][a-z]{2} \d{1,2}\.|If usage picks up, you could reach 50,000 calls by [A-Z][a-z]{2} \d{1,2}\.|At this pace you won’t reach the limit this period\.)$/,
        ),
      { timeout: 5_000 },
    )
  })

  it('a new customer gets the empty state', async () => {
    const { client } = emulatorHarness()
    renderWidget(
      <TestProvider client={client}>
        <UsageMeters customerRef={demoCustomers.new} />
      </TestProvider>,
    )
    expect(await screen.findByText('No usage yet this period')).toBeTruthy()
  })

  it('an HTTP error shows the error state; Retry refetches and recovers', async () => {
    const { client, emulator } = emulatorHarness()
    emulator.faults.always('usage', { kind: 'status', status: 403 })
    renderWidget(
      <TestProvider client={client}>
        <UsageAlerts customerRef={demoCustomers.overLimit} />
      </TestProvider>,
    )
    const alert = await screen.findByRole('alert')
    // A refused credential is the operator's problem: the customer reads that usage is unavailable.
    expect(alert.textContent).toContain('Usage is unavailable right now')
    expect(alert.querySelector('details')?.textContent).toContain('unauthorized · 403')
    emulator.faults.clear()
    const usageRequests = emulator.stats().requests.usage ?? 0
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0))
    expect(screen.getAllByRole('listitem')[0]?.textContent).toMatch(/^Critical: /)
    expect(emulator.stats().requests.usage).toBe(usageRequests + 1)
  })

  it('CostProjection shows the server’s cost so far with a forecast range from history', async () => {
    const { client } = emulatorHarness()
    renderWidget(
      <TestProvider client={client} locale="en-US">
        <CostProjection customerRef={demoCustomers.steady} />
      </TestProvider>,
    )
    const forecastLabel = await screen.findByText(/^Forecast for /)
    expect(forecastLabel.nextElementSibling?.textContent).toMatch(/ – |^\S+$/)
    expect(screen.getByText('Cost so far').nextElementSibling?.textContent).toMatch(/\d/)
    expect(within(screen.getByRole('table')).getAllByRole('row').length).toBeGreaterThan(2)
  })

  it('the charts draw from the emulator: bars, trend with history, breakdown', async () => {
    const { client, emulator } = emulatorHarness()
    const { container } = renderWidget(
      <TestProvider client={client} locale="en-US">
        <UsageChart customerRef={demoCustomers.steady} />
        <UsageTrendChart customerRef={demoCustomers.steady} metric="api_calls" />
        <CostBreakdownChart customerRef={demoCustomers.steady} />
      </TestProvider>,
    )
    await waitFor(
      () => {
        expect(container.querySelector('.recharts-bar-rectangle')).toBeTruthy()
        expect(container.querySelector('.recharts-area-curve')).toBeTruthy()
        expect(container.querySelector('.recharts-pie-sector')).toBeTruthy()
      },
      { timeout: 10_000 },
    )
    expect(emulator.stats().requests.history).toBe(1)
    expect(screen.getByRole('heading', { name: 'API calls over this period' })).toBeTruthy()
  })

  it('a tracked event moves the meter at once', async () => {
    const { client } = emulatorHarness()
    renderWidget(
      <TestProvider client={client} locale="en-US">
        <UsageMeter customerRef={demoCustomers.steady} metric="api_calls" />
      </TestProvider>,
    )
    const bar = await screen.findByRole('progressbar', { name: 'API calls' })
    const before = Number(bar.getAttribute('aria-valuenow'))
    client.buffer({ customerRef: demoCustomers.steady, metric: 'api_calls', quantity: 1234 })
    await waitFor(() => expect(Number(bar.getAttribute('aria-valuenow'))).toBe(before + 1234))
  })

  it('a refresh that fails keeps the numbers and marks them stale', async () => {
    const { client, emulator } = emulatorHarness()
    renderWidget(
      <TestProvider client={client}>
        <UsageMeters customerRef={demoCustomers.steady} />
      </TestProvider>,
    )
    await screen.findAllByRole('progressbar')
    emulator.faults.always('usage', { kind: 'status', status: 403 })
    // A delivered event invalidates the customer's usage: the refetch meets the fault.
    client.buffer({ customerRef: demoCustomers.steady, metric: 'api_calls', quantity: 1 })
    await client.flush()
    expect((await screen.findByRole('status')).textContent).toContain('out of date')
    expect(screen.getAllByRole('progressbar').length).toBeGreaterThan(0)
  })
})
