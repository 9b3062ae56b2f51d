import { screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { UsageChartView } from '../../src/charts/UsageChartView.js'
import type { UsageResponse } from '../../src/core/types.js'
import { expectNoAxeViolations, renderWidget } from './helpers.js'

const usage: UsageResponse = {
  customerRef: 'cus_1',
  period: { start: '2026-11-01', end: '2026-11-30' },
  metrics: [
    { name: 'api_calls', current: 12_500, limit: 50_000, unit: 'calls' },
    { name: 'seats', current: 7, unit: 'seats' },
  ],
  alerts: [],
}

describe('UsageChartView', () => {
  it('percent (default): one bar per metric with a limit, the others listed with their value', async () => {
    const { container } = renderWidget(<UsageChartView data={usage} locale="en-US" />)
    await waitFor(() =>
      expect(container.querySelectorAll('.recharts-bar-rectangle path')).toHaveLength(1),
    )
    expect(container.querySelectorAll('.recharts-reference-line')).toHaveLength(2)
    const unlimited = container.querySelector('.sm-unlimited-list')
    expect(unlimited?.textContent).toBe('Seats7 seats')
  })

  it('right to left: bars grow from the right, their labels beside them on the right', async () => {
    // Mirrored when the app gives the language's words (the library has no Hebrew catalog).
    const { container } = renderWidget(
      <UsageChartView data={usage} locale="he-IL" messages={{ limitsTitle: 'שימוש מול מגבלות' }} />,
    )
    await waitFor(() =>
      expect(
        container.querySelector('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value'),
      ).toBeTruthy(),
    )
    const bar = container.querySelector('.recharts-bar-rectangle path')?.getBoundingClientRect()
    const label = container
      .querySelector('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      ?.getBoundingClientRect()
    expect(label?.left).toBeGreaterThanOrEqual((bar?.right ?? Number.POSITIVE_INFINITY) - 1)
  })

  it('absolute: current and limit bars, and no limit bar for a metric without one', async () => {
    const { container } = renderWidget(
      <UsageChartView data={usage} scale="absolute" locale="en-US" />,
    )
    await waitFor(() =>
      expect(container.querySelectorAll('.recharts-bar-rectangle path')).toHaveLength(3),
    )
    expect(container.querySelector('.recharts-reference-line')).toBeNull()
  })

  it('carries the same numbers in a visually hidden table', () => {
    renderWidget(<UsageChartView data={usage} locale="en-US" />)
    const table = screen.getByRole('table', { name: 'Usage against limits' })
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent))
    expect(rows).toEqual([
      ['Metric', 'Current', 'Limit', 'Share of limit'],
      ['API calls', '12,500 calls', '50,000 calls', '25%'],
      ['Seats', '7 seats', 'No limit', '–'],
    ])
  })

  it('has an accessible name and a keyboard-reachable tooltip', async () => {
    const { container } = renderWidget(<UsageChartView data={usage} locale="en-US" />)
    const chart = await screen.findByRole('application')
    expect(chart.querySelector('title')?.textContent).toBe('Usage against limits: bar chart')
    await userEvent.tab()
    expect(document.activeElement).toBe(chart)
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(container.querySelector('.sm-tooltip')).toBeTruthy())
    expect(container.querySelector('.sm-tooltip')?.textContent).toContain(
      'Used: 25% (12,500 calls of 50,000 calls)',
    )
  })

  it('shows empty, loading and error states', () => {
    const { rerender } = renderWidget(<UsageChartView data={{ ...usage, metrics: [] }} />)
    expect(screen.getByText('No usage yet this period')).toBeTruthy()
    rerender(<UsageChartView data={undefined} loading />)
    expect(screen.getByText('Loading…')).toBeTruthy()
    rerender(<UsageChartView data={undefined} error={new Error('boom')} onRetry={() => {}} />)
    expect(screen.getByRole('alert').textContent).toContain('boom')
  })

  it('has no axe violations in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { container, unmount } = renderWidget(<UsageChartView data={usage} theme={theme} />)
      await screen.findByRole('application')
      await expectNoAxeViolations(container)
      unmount()
    }
  })
})
