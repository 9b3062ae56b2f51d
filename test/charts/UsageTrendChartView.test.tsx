import { screen, waitFor, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { UsageTrendChartView } from '../../src/charts/UsageTrendChartView.js'
import type { UsageHistoryResponse } from '../../src/core/types.js'
import { expectNoAxeViolations, renderWidget } from './helpers.js'

const period = { start: '2026-11-01', end: '2026-11-30' }
const now = new Date('2026-11-06T00:00:00Z')
const history: UsageHistoryResponse = {
  usage: [
    { ts: '2026-11-01T00:00:00.000Z', value: 1000 },
    { ts: '2026-11-02T00:00:00.000Z', value: 2000 },
    { ts: '2026-11-04T00:00:00.000Z', value: 2000 },
  ],
}

function tableRows() {
  return within(screen.getByRole('table'))
    .getAllByRole('row')
    .map((row) => [...row.children].map((cell) => cell.textContent))
}

describe('UsageTrendChartView', () => {
  it('draws the usage, a dashed projection and the limit line, with the numbers in a table', async () => {
    const { container } = renderWidget(
      <UsageTrendChartView
        data={history}
        metric="api_calls"
        period={period}
        limit={50_000}
        unit="calls"
        now={now}
        locale="en-US"
      />,
    )
    expect(screen.getByRole('heading').textContent).toBe('API calls over this period')
    await waitFor(() => expect(container.querySelector('.recharts-area-curve')).toBeTruthy())
    expect(container.querySelector('.recharts-line-curve')?.getAttribute('stroke-dasharray')).toBe(
      '6 4',
    )
    expect(container.querySelector('.recharts-reference-line')).toBeTruthy()
    expect(tableRows()).toEqual([
      ['Date', 'Total so far'],
      ['Nov 1', '1,000 calls'],
      ['Nov 2', '3,000 calls'],
      ['Nov 3', '3,000 calls'],
      ['Nov 4', '5,000 calls'],
      ['Nov 5', '5,000 calls'],
      ['Nov 6', '5,000 calls'],
      ['Projection to Nov 30, 2026', '30,000 calls'],
      ['Limit', '50,000 calls'],
    ])
  })

  it('per day: each bucket’s own usage, gaps as 0, and no period limit line', () => {
    const { container } = renderWidget(
      <UsageTrendChartView
        data={history}
        metric="api_calls"
        period={period}
        limit={50_000}
        unit="calls"
        mode="per-bucket"
        now={now}
        locale="en-US"
      />,
    )
    expect(container.querySelector('.recharts-reference-line')).toBeNull()
    expect(tableRows().slice(1, 4)).toEqual([
      ['Nov 1', '1,000 calls'],
      ['Nov 2', '2,000 calls'],
      ['Nov 3', '0 calls'],
    ])
  })

  it('per day: today, still in progress, is a point on its own, not a line plunging to it', async () => {
    const { container } = renderWidget(
      <UsageTrendChartView
        data={{
          usage: [
            { ts: '2026-11-05T00:00:00.000Z', value: 2000 },
            { ts: '2026-11-06T00:00:00.000Z', value: 150 },
          ],
        }}
        metric="api_calls"
        period={period}
        unit="calls"
        mode="per-bucket"
        now={new Date('2026-11-06T03:00:00Z')}
        locale="en-US"
      />,
    )
    await waitFor(() => expect(container.querySelector('.recharts-area-curve')).toBeTruthy())
    expect(tableRows().at(-2)).toEqual(['Nov 6 (so far)', '150 calls'])
    const areaXs = [
      ...(container.querySelector('.recharts-area-curve')?.getAttribute('d') ?? '').matchAll(
        /[ML]([\d.]+),/g,
      ),
    ].map((match) => Number(match[1]))
    const dots = [...container.querySelectorAll('.recharts-line-dots circle')]
    expect(dots).toHaveLength(1)
    // The area stops at yesterday; today's point stands to its right, joined to nothing.
    expect(Number(dots[0]?.getAttribute('cx'))).toBeGreaterThan(Math.max(...areaXs))
    expect(screen.getByText('Per day (so far)')).toBeTruthy()
  })

  it('right to left: time runs from the right and the value axis is on the right', async () => {
    const { container } = renderWidget(
      <UsageTrendChartView
        data={history}
        metric="api_calls"
        period={period}
        now={now}
        locale="he-IL"
        // Mirrored when the app gives the language's words (the library has no Hebrew catalog).
        messages={{ trendTitle: (metric) => `${metric} בתקופה זו` }}
      />,
    )
    await waitFor(() =>
      expect(
        container.querySelector('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value'),
      ).toBeTruthy(),
    )
    const plot = container.querySelector('.recharts-cartesian-grid')?.getBoundingClientRect()
    const yTicks = [
      ...container.querySelectorAll(
        '.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value',
      ),
    ]
    expect(yTicks.length).toBeGreaterThan(1)
    for (const tick of yTicks) {
      expect(tick.getBoundingClientRect().left).toBeGreaterThanOrEqual((plot?.right ?? 0) - 1)
    }
    const xTicks = [
      ...container.querySelectorAll(
        '.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value',
      ),
    ]
    const first = xTicks[0]?.getBoundingClientRect().left ?? 0
    const last = xTicks.at(-1)?.getBoundingClientRect().left ?? 0
    expect(first).toBeGreaterThan(last)
  })

  it('downsamples 100,000 points to the plot’s pixel width and says so', async () => {
    const start = Date.UTC(2026, 10, 1)
    const usage = Array.from({ length: 100_000 }, (_, index) => ({
      ts: new Date(start + index * 4000).toISOString(),
      value: 1 + (index % 13),
    }))
    const { container } = renderWidget(
      <UsageTrendChartView
        data={{ usage }}
        metric="api_calls"
        period={period}
        mode="per-bucket"
        now={new Date(start + 100_000 * 4000)}
      />,
      600,
    )
    await waitFor(() => expect(container.querySelector('.recharts-area-curve')).toBeTruthy())
    const caption = screen.getByRole('table').querySelector('caption')?.textContent ?? ''
    const [, drawn, total] = caption.match(/\((\d+) of (\d+) points\)/) ?? []
    expect(Number(total)).toBeGreaterThanOrEqual(100_000)
    expect(Number(drawn)).toBeLessThanOrEqual(600)
    expect(Number(drawn)).toBeGreaterThan(400)
  })

  it('has an accessible name and a tooltip the keyboard reaches', async () => {
    const { container } = renderWidget(
      <UsageTrendChartView
        data={history}
        metric="api_calls"
        period={period}
        unit="calls"
        now={now}
        locale="en-US"
      />,
    )
    const chart = await screen.findByRole('application')
    expect(chart.querySelector('title')?.textContent).toBe('API calls over this period: line chart')
    await userEvent.tab()
    expect(document.activeElement).toBe(chart)
    await userEvent.keyboard('{ArrowRight}')
    await waitFor(() => expect(container.querySelector('.sm-tooltip')).toBeTruthy())
    expect(container.querySelector('.sm-tooltip')?.textContent).toMatch(
      /^Nov \d+Total so far: [\d,]+ calls/,
    )
  })

  it('shows the empty state when nothing was used', () => {
    renderWidget(<UsageTrendChartView data={{ usage: [] }} metric="seats" period={period} />)
    expect(screen.getByText('No usage yet this period')).toBeTruthy()
  })

  it('has no axe violations in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { container, unmount } = renderWidget(
        <UsageTrendChartView
          data={history}
          metric="api_calls"
          period={period}
          limit={50_000}
          now={now}
          theme={theme}
        />,
      )
      await screen.findByRole('application')
      await expectNoAxeViolations(container)
      unmount()
    }
  })

  it('marks where this pace reaches the limit, on the limit line and in the table', async () => {
    const { container } = renderWidget(
      <UsageTrendChartView
        data={history}
        metric="api_calls"
        period={period}
        limit={20_000}
        unit="calls"
        now={now}
        reachesLimit={{
          likely: '2026-11-24T00:00:00.000Z',
          earliest: '2026-11-19T00:00:00.000Z',
          latest: null,
        }}
        locale="en-US"
      />,
      320,
    )
    await waitFor(() => expect(container.querySelector('.sm-limit-date-marker')).toBeTruthy())
    // The date is written beside the dot (the axis at 320 px only labels Nov 6 and Nov 30).
    const labels = [...container.querySelectorAll('svg text')].map((label) => label.textContent)
    expect(labels).toContain('Nov 24')
    expect(tableRows().at(-1)).toEqual(['Limit reached at this pace', 'Nov 24'])
  })

  it('draws no marker once the total is at the limit, nor outside the period', () => {
    const crossedAt = '2026-11-04T00:00:00.000Z'
    const { container, rerender } = renderWidget(
      <UsageTrendChartView
        data={history}
        metric="api_calls"
        period={period}
        limit={5_000}
        now={now}
        reachesLimit={{ likely: crossedAt, earliest: crossedAt, latest: crossedAt }}
        locale="en-US"
      />,
    )
    expect(container.querySelector('.sm-limit-date-marker')).toBeNull()
    rerender(
      <UsageTrendChartView
        data={history}
        metric="api_calls"
        period={period}
        limit={50_000}
        now={now}
        reachesLimit={{ likely: '2026-12-20T00:00:00.000Z', earliest: null, latest: null }}
        locale="en-US"
      />,
    )
    expect(container.querySelector('.sm-limit-date-marker')).toBeNull()
    expect(tableRows().at(-1)?.[0]).toBe('Limit')
  })
})
