import { screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { CostBreakdownChartView } from '../../src/charts/CostBreakdownChartView.js'
import { liveProjection } from '../../src/core/liveProjection.js'
import type { ProjectionResponse } from '../../src/core/types.js'
import { expectNoAxeViolations, renderWidget } from './helpers.js'

const projection: ProjectionResponse = {
  customerRef: 'cus_1',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  lineItems: [
    { metric: 'storage_gb', quantity: 40, unitPrice: 0.25, total: 10 },
    { metric: 'api_calls', quantity: 15_000, unitPrice: 0.002, total: 30 },
    { metric: 'seats', quantity: 0, unitPrice: 5, total: 0 },
  ],
  subtotal: 40,
  credits: 0,
  total: 40,
  currency: 'EUR',
  freshness: { lastUpdate: '2026-11-15T23:59:15.000Z', staleness: 45 },
}

describe('CostBreakdownChartView', () => {
  it('draws a slice per metric with cost and lists every metric with its amount and share', async () => {
    const { container } = renderWidget(<CostBreakdownChartView data={projection} locale="de-DE" />)
    await waitFor(() => expect(container.querySelectorAll('.recharts-pie-sector')).toHaveLength(2))
    const rows = within(screen.getByRole('table', { name: 'Kosten nach Messgröße' }))
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent))
    expect(rows).toEqual([
      ['Messgröße', 'Kosten', 'Anteil'],
      ['API calls', '30,00\u00a0€', '75\u00a0%'],
      ['Storage GB', '10,00\u00a0€', '25\u00a0%'],
      ['Seats', '0,00\u00a0€', '0\u00a0%'],
    ])
  })

  it('draws the live cost, reads the server’s and marks the part still syncing', async () => {
    const live = liveProjection({
      projection,
      liveQuantities: new Map([['api_calls', 20_000]]),
      now: new Date('2026-11-16T00:00:00.000Z'),
    })
    const { container } = renderWidget(<CostBreakdownChartView data={live} locale="fr-FR" />)
    const legend = screen.getByRole('table', { name: 'Coût par mesure' })
    const apiCalls = within(legend).getByRole('row', { name: /API calls/ })
    expect(apiCalls.querySelector('td [aria-hidden="true"]')?.textContent).toBe('40,00\u00a0€')
    expect(apiCalls.querySelector('.sm-visually-hidden')?.textContent).toBe('30,00\u00a0€')
    expect(container.querySelector('.sm-cost-syncing')?.textContent).toBe(
      '+10,00\u00a0€ en cours de synchronisation',
    )
  })

  it('has an accessible name and a tooltip the keyboard reaches', async () => {
    const { container } = renderWidget(<CostBreakdownChartView data={projection} locale="en-US" />)
    const chart = await screen.findByRole('application')
    expect(chart.querySelector('title')?.textContent).toBe('Cost by metric: donut chart')
    await userEvent.tab()
    expect(document.activeElement).toBe(chart)
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(container.querySelector('.sm-tooltip')).toBeTruthy())
    expect(container.querySelector('.sm-tooltip')?.textContent).toMatch(
      /^(API calls|Storage GB): €/,
    )
  })

  it('shows the empty state when nothing costs anything yet', () => {
    renderWidget(
      <CostBreakdownChartView data={{ ...projection, lineItems: [], subtotal: 0, total: 0 }} />,
    )
    expect(screen.getByText('No usage yet this period')).toBeTruthy()
  })

  it('has no axe violations in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { container, unmount } = renderWidget(
        <CostBreakdownChartView data={projection} theme={theme} />,
      )
      await waitFor(() => expect(container.querySelector('.recharts-pie-sector')).toBeTruthy())
      await expectNoAxeViolations(container)
      unmount()
    }
  })
})
