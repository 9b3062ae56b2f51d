import { screen, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { CostProjectionView } from '../../src/charts/CostProjectionView.js'
import { forecastCost } from '../../src/core/forecastCost.js'
import { liveProjection } from '../../src/core/liveProjection.js'
import type { ProjectionResponse } from '../../src/core/types.js'
import { expectNoAxeViolations, renderWidget } from './helpers.js'

const now = new Date('2026-11-16T00:00:00.000Z')
const projection: ProjectionResponse = {
  customerRef: 'cus_1',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  lineItems: [
    { metric: 'api_calls', quantity: 12_500, unitPrice: 0.002, total: 25 },
    { metric: 'storage_gb', quantity: 40, unitPrice: 0.25, total: 10 },
  ],
  subtotal: 35,
  credits: 5,
  total: 30,
  currency: 'USD',
  freshness: { lastUpdate: '2026-11-15T23:59:15.000Z', staleness: 45 },
}

describe('CostProjectionView', () => {
  it('shows the live cost and marks the part still syncing; screen readers read the server’s', async () => {
    // 250 API calls tracked here that the server has not counted yet: +$0.50.
    const live = liveProjection({
      projection,
      liveQuantities: new Map([['api_calls', 12_750]]),
      now,
    })
    const { container } = renderWidget(<CostProjectionView data={live} now={now} locale="en-US" />)
    const amount = screen.getByText('Cost so far').nextElementSibling as HTMLElement
    // Seen: the live figure and its note. Read: the server's figure, then the note.
    expect(amount.querySelector('[aria-hidden="true"]')?.textContent).toBe('$30.50')
    expect(amount.querySelector('.sm-visually-hidden')?.textContent).toBe('$30.00')
    expect(amount.nextElementSibling?.textContent).toBe('+$0.50 syncing')
    const rows = within(screen.getByRole('table'))
      .getAllByRole('row')
      .map((row) =>
        [...row.children].map((cell) => {
          const shown = cell.querySelector('[aria-hidden="true"]')?.textContent
          const read = cell.querySelector('.sm-visually-hidden')?.textContent
          return shown === undefined ? cell.textContent : `${shown} (read ${read})`
        }),
      )
    expect(rows).toEqual([
      ['Metric', 'Quantity', 'Unit price', 'Total'],
      ['API calls', '12,750 (read 12,500)', '$0.002', '$25.50 (read $25.00)'],
      ['Storage GB', '40', '$0.25', '$10.00'],
      ['Subtotal', '$35.50 (read $35.00)'],
      ['Credits', '-$5.00'],
      ['Total so far', '$30.50 (read $30.00)'],
    ])
    await expectNoAxeViolations(container)
  })

  it('shows no syncing note once the server has counted everything', () => {
    const live = liveProjection({ projection, liveQuantities: new Map(), now })
    renderWidget(<CostProjectionView data={live} now={now} locale="de-DE" />)
    expect(screen.getByText('Bisherige Kosten').nextElementSibling?.textContent).toBe(
      '30,00\u00a0$',
    )
    expect(screen.queryByText(/Übertragung/)).toBeNull()
  })

  it('shows the cost so far, line items, credits and how fresh it is', () => {
    renderWidget(<CostProjectionView data={projection} now={now} locale="en-US" />)
    expect(screen.getByText('Cost so far').nextElementSibling?.textContent).toBe('$30.00')
    expect(screen.getByText('Updated 45 seconds ago')).toBeTruthy()
    const table = screen.getByRole('table')
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent))
    expect(rows).toEqual([
      ['Metric', 'Quantity', 'Unit price', 'Total'],
      ['API calls', '12,500', '$0.002', '$25.00'],
      ['Storage GB', '40', '$0.25', '$10.00'],
      ['Subtotal', '$35.00'],
      ['Credits', '-$5.00'],
      ['Total so far', '$30.00'],
    ])
    expect(screen.queryByRole('status')).toBeNull()
  })

  it('shows the forecast as a labelled range for the period’s last day', () => {
    const history = {
      api_calls: Array.from({ length: 15 }, (_, day) => ({
        ts: new Date(Date.UTC(2026, 10, day + 1)).toISOString(),
        value: day % 2 === 0 ? 1200 : 466,
      })),
    }
    const forecast = forecastCost({ projection, history, now })
    renderWidget(
      <CostProjectionView data={projection} forecast={forecast} now={now} locale="en-US" />,
    )
    const label = screen.getByText('Forecast for Nov 30, 2026')
    const range = label.nextElementSibling?.textContent ?? ''
    expect(range).toMatch(/^\$\d+\.\d\d – \$\d+\.\d\d$/)
    const [low, high] = range.split(' – ').map((amount) => Number(amount.slice(1)))
    expect(low).toBeCloseTo(forecast.low, 2)
    expect(high).toBeCloseTo(forecast.high, 2)
    expect(screen.getByText(/Likely \$\d+\.\d\d from this period’s daily usage/)).toBeTruthy()
    expect(screen.getByText(/80% range\)\. Not a bill\./)).toBeTruthy()
  })

  it('warns when the numbers are stale', () => {
    renderWidget(
      <CostProjectionView
        data={projection}
        now={new Date('2026-11-16T00:10:00.000Z')}
        locale="en-US"
      />,
    )
    expect(screen.getByRole('status').textContent).toContain(
      'Costs were last updated 11 minutes ago.',
    )
  })

  it('formats EUR in de-DE and JPY (no decimals) in ja-JP', () => {
    const { unmount } = renderWidget(
      <CostProjectionView
        data={{ ...projection, currency: 'EUR', credits: 0, subtotal: 1234.5, total: 1234.5 }}
        now={now}
        locale="de-DE"
      />,
    )
    expect(screen.getByText('Bisherige Kosten').nextElementSibling?.textContent).toBe(
      '1.234,50\u00a0€',
    )
    expect(screen.getByText('0,002 €')).toBeTruthy()
    // German throughout: never "Updated vor 45 Sekunden".
    expect(screen.getByText('Aktualisiert vor 45 Sekunden')).toBeTruthy()
    unmount()
    renderWidget(
      <CostProjectionView
        data={{
          ...projection,
          currency: 'JPY',
          lineItems: [{ metric: 'api_calls', quantity: 12_500, unitPrice: 0.5, total: 6250 }],
          credits: 0,
          subtotal: 6250,
          total: 6250,
        }}
        now={now}
        locale="ja-JP"
      />,
    )
    expect(screen.getByText('現在までの費用').nextElementSibling?.textContent).toBe('￥6,250')
    expect(screen.getByText('￥0.5')).toBeTruthy()
  })

  it('compacts very large amounts', () => {
    renderWidget(
      <CostProjectionView
        data={{ ...projection, subtotal: 12_345_678, credits: 0, total: 12_345_678 }}
        now={now}
        locale="en-US"
      />,
    )
    expect(screen.getByText('Cost so far').nextElementSibling?.textContent).toBe('$12.3M')
  })

  it('renders loading, error with retry and empty states', async () => {
    const onRetry = vi.fn()
    const { rerender, container } = renderWidget(<CostProjectionView data={undefined} loading />)
    expect(container.querySelector('[aria-busy="true"]')).toBeTruthy()
    rerender(<CostProjectionView data={undefined} error={new Error('down')} onRetry={onRetry} />)
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledOnce()
    rerender(
      <CostProjectionView
        data={{ ...projection, lineItems: [], subtotal: 0, credits: 0, total: 0 }}
        now={now}
      />,
    )
    expect(screen.getByText('No usage yet this period')).toBeTruthy()
  })

  it('has no axe violations, light and dark, with a forecast and when stale', async () => {
    const forecast = forecastCost({ projection, now })
    for (const theme of ['light', 'dark'] as const) {
      const { container, unmount } = renderWidget(
        <CostProjectionView data={projection} forecast={forecast} now={now} theme={theme} stale />,
      )
      await expectNoAxeViolations(container)
      unmount()
    }
  })

  it('stacks line items on a 320 px wide widget without horizontal overflow', () => {
    const { container } = renderWidget(<CostProjectionView data={projection} now={now} />, 320)
    const section = container.querySelector('section') as HTMLElement
    expect(section.scrollWidth).toBeLessThanOrEqual(section.clientWidth)
  })
})
