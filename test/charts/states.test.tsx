import { screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import type { ReactElement } from 'react'
import { describe, expect, it, vi } from 'vitest'
import {
  CostBreakdownChartView,
  CostProjectionView,
  UsageAlertsView,
  UsageChartView,
  UsageMetersView,
  UsageMeterView,
  UsageTrendChartView,
  type WidgetStateProps,
} from '../../src/charts/index.js'
import type { ProjectionResponse, UsageResponse } from '../../src/core/types.js'
import { expectNoAxeViolations, renderWidget } from './helpers.js'

const usage: UsageResponse = {
  customerRef: 'cus_1',
  period: { start: '2026-11-01', end: '2026-11-30' },
  metrics: [{ name: 'api_calls', current: 900, limit: 1000, unit: 'calls' }],
  alerts: [{ type: 'threshold', message: 'API calls at 90%', severity: 'warning' }],
}
const projection: ProjectionResponse = {
  customerRef: 'cus_1',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  lineItems: [{ metric: 'api_calls', quantity: 900, unitPrice: 0.01, total: 9 }],
  subtotal: 9,
  credits: 0,
  total: 9,
  currency: 'USD',
  freshness: { lastUpdate: '2026-11-10T00:00:00.000Z', staleness: 0 },
}
const now = new Date('2026-11-10T00:00:10.000Z')
const history = { usage: [{ ts: '2026-11-02T00:00:00.000Z', value: 900 }] }

/** Each view with its data, and with data that has nothing to show. */
const views: [string, (data: boolean, state: WidgetStateProps) => ReactElement][] = [
  [
    'UsageMeterView',
    (data, state) => <UsageMeterView data={data ? usage.metrics[0] : undefined} {...state} />,
  ],
  [
    'UsageMetersView',
    (data, state) => <UsageMetersView data={data ? usage : { ...usage, metrics: [] }} {...state} />,
  ],
  [
    'UsageAlertsView',
    (data, state) => <UsageAlertsView data={data ? usage.alerts : []} {...state} />,
  ],
  [
    'CostProjectionView',
    (data, state) => (
      <CostProjectionView
        data={data ? projection : { ...projection, lineItems: [], subtotal: 0, total: 0 }}
        now={now}
        {...state}
      />
    ),
  ],
  [
    'UsageChartView',
    (data, state) => <UsageChartView data={data ? usage : { ...usage, metrics: [] }} {...state} />,
  ],
  [
    'UsageTrendChartView',
    (data, state) => (
      <UsageTrendChartView
        data={data ? history : { usage: [] }}
        metric="api_calls"
        period={usage.period}
        now={now}
        {...state}
      />
    ),
  ],
  [
    'CostBreakdownChartView',
    (data, state) => (
      <CostBreakdownChartView
        data={data ? projection : { ...projection, lineItems: [], subtotal: 0, total: 0 }}
        {...state}
      />
    ),
  ],
]

describe.each(views)('%s states', (_name, render) => {
  it('loading: a skeleton, marked busy, with text for screen readers', async () => {
    const { container } = renderWidget(render(true, { loading: true }))
    expect(container.querySelector('section')?.getAttribute('aria-busy')).toBe('true')
    expect(container.querySelectorAll('.sm-skeleton-row').length).toBeGreaterThan(1)
    expect(screen.getByText('Loading…')).toBeTruthy()
    await expectNoAxeViolations(container)
  })

  it('error: the message and a retry button that calls onRetry', async () => {
    const onRetry = vi.fn()
    const { container } = renderWidget(
      render(true, { error: new Error('HTTP 503 from StripeMeter'), onRetry }),
    )
    expect(screen.getByRole('alert').textContent).toContain('HTTP 503 from StripeMeter')
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledTimes(1)
    await expectNoAxeViolations(container)
  })

  it('empty: says there is nothing yet', () => {
    renderWidget(render(false, {}))
    expect(screen.getByText(/^No (usage yet|alerts) this period$/)).toBeTruthy()
  })

  it('stale: the numbers stay, with a notice', async () => {
    const { container } = renderWidget(render(true, { stale: true }))
    expect(screen.getByRole('status').textContent).toMatch(/out of date/)
    expect(container.querySelector('.sm-empty')).toBeNull()
    await expectNoAxeViolations(container)
  })
})
