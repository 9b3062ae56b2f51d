import { screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { UsageMetersView } from '../../src/charts/UsageMetersView.js'
import { UsageMeterView } from '../../src/charts/UsageMeterView.js'
import { forecastUsage } from '../../src/core/forecastUsage.js'
import type { UsageResponse } from '../../src/core/types.js'
import { expectNoAxeViolations, renderWidget } from './helpers.js'

const usage: UsageResponse = {
  customerRef: 'cus_1',
  period: { start: '2026-11-01', end: '2026-11-30' },
  metrics: [
    { name: 'api_calls', current: 12_500, limit: 50_000, unit: 'calls' },
    { name: 'storage_gb', current: 41, limit: 50, unit: 'GB' },
    { name: 'bandwidth_gb', current: 150, limit: 100, unit: 'GB' },
    { name: 'seats', current: 7, unit: 'seats' },
  ],
  alerts: [],
}

describe('UsageMeterView', () => {
  it('shows value with unit, percentage and a progressbar with full ARIA', () => {
    renderWidget(<UsageMeterView data={usage.metrics[0]} locale="en-US" />)
    const bar = screen.getByRole('progressbar', { name: 'API calls' })
    expect(bar.getAttribute('aria-valuemin')).toBe('0')
    expect(bar.getAttribute('aria-valuemax')).toBe('50000')
    expect(bar.getAttribute('aria-valuenow')).toBe('12500')
    expect(bar.getAttribute('aria-valuetext')).toBe(
      '12,500 calls of 50,000 calls, 25%, Within limit',
    )
    expect(screen.getByText('12,500 calls')).toBeTruthy()
    expect(screen.getByText('25%')).toBeTruthy()
  })

  it('warns from 80 % in words, not only colour', () => {
    const { container } = renderWidget(<UsageMeterView data={usage.metrics[1]} locale="en-US" />)
    expect(container.querySelector('[data-sm-level]')?.getAttribute('data-sm-level')).toBe(
      'warning',
    )
    expect(screen.getByText('Near limit')).toBeTruthy()
    expect(screen.getByText('82%')).toBeTruthy()
  })

  it('is critical at exactly 100 %', () => {
    renderWidget(<UsageMeterView data={{ name: 'seats', current: 10, limit: 10, unit: 'seats' }} />)
    expect(screen.getByText('At limit')).toBeTruthy()
  })

  it('shows over the limit as over: excess drawn past the limit mark, stated in words', () => {
    const { container } = renderWidget(<UsageMeterView data={usage.metrics[2]} locale="en-US" />)
    const bar = screen.getByRole('progressbar')
    expect(bar.getAttribute('aria-valuenow')).toBe('100')
    expect(bar.getAttribute('aria-valuetext')).toContain(
      '150 GB of 100 GB, 150%, Over limit by 50 GB',
    )
    expect(screen.getByText('150%')).toBeTruthy()
    expect(screen.getByText('Over limit by 50 GB')).toBeTruthy()
    const mark = container.querySelector<HTMLElement>('.sm-meter-limit-mark')
    const excess = container.querySelector<HTMLElement>('.sm-meter-excess')
    expect(Number.parseFloat(mark?.style.insetInlineStart ?? '')).toBeCloseTo((100 / 150) * 100, 3)
    expect(excess?.getBoundingClientRect().width).toBeGreaterThan(0)
  })

  it('never invents a limit: a metric without one shows its value alone', () => {
    const { container } = renderWidget(<UsageMeterView data={usage.metrics[3]} locale="en-US" />)
    expect(screen.queryByRole('progressbar')).toBeNull()
    expect(container.textContent).toContain('7 seats')
    expect(container.textContent).toContain('No limit')
    expect(container.textContent).not.toContain('%')
  })

  it('renders loading, error with retry, empty and stale states', async () => {
    const { rerender, container } = renderWidget(<UsageMeterView data={undefined} loading />)
    expect(container.querySelector('section')?.getAttribute('aria-busy')).toBe('true')
    expect(container.querySelectorAll('.sm-skeleton-row').length).toBeGreaterThan(0)

    const onRetry = vi.fn()
    rerender(<UsageMeterView data={undefined} error={new Error('HTTP 503')} onRetry={onRetry} />)
    expect(screen.getByRole('alert').textContent).toContain('HTTP 503')
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onRetry).toHaveBeenCalledTimes(1)

    rerender(<UsageMeterView data={undefined} />)
    expect(screen.getByText('No usage yet this period')).toBeTruthy()

    rerender(<UsageMeterView data={usage.metrics[0]} stale />)
    expect(screen.getByRole('status').textContent).toContain('out of date')
    expect(screen.getByRole('progressbar')).toBeTruthy()
  })

  it('formats in the given locale, compacting large numbers', () => {
    renderWidget(
      <UsageMeterView
        data={{ name: 'ai_tokens', current: 12_345_678, limit: 20_000_000, unit: 'tokens' }}
        locale="de-DE"
      />,
    )
    expect(screen.getByText('12,3 Mio. tokens')).toBeTruthy()
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toContain(
      '12.345.678 tokens von 20.000.000 tokens, 61\u00a0%, Im Limit',
    )
  })

  it('never reads 100 % below the limit: percentages are truncated', () => {
    renderWidget(
      <UsageMeterView data={{ name: 'api_calls', current: 9_996, limit: 10_000, unit: 'calls' }} />,
    )
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toContain('99%')
    expect(screen.getByText('Near limit')).toBeTruthy()
  })

  it('passes className, style and other props through and applies the theme', () => {
    const { container } = renderWidget(
      <UsageMeterView
        data={usage.metrics[0]}
        className="mine"
        style={{ maxWidth: 300 }}
        data-testid="meter"
        theme="dark"
      />,
    )
    const root = container.querySelector('section')
    expect(root?.className).toBe('sm-widget sm-meter mine')
    expect(root?.style.maxWidth).toBe('300px')
    expect(root?.getAttribute('data-testid')).toBe('meter')
    expect(root?.getAttribute('data-sm-theme')).toBe('dark')
    expect(getComputedStyle(root as Element).backgroundColor).toBe('rgb(22, 24, 29)')
  })
})

describe('UsageMetersView', () => {
  it('lists every metric with the period, each with its own level', () => {
    const { container } = renderWidget(<UsageMetersView data={usage} locale="en-US" />)
    expect(screen.getAllByRole('progressbar')).toHaveLength(3)
    expect(screen.getByText('Nov 1 – 30, 2026')).toBeTruthy()
    const levels = [...container.querySelectorAll('[data-sm-level]')].map((row) =>
      row.getAttribute('data-sm-level'),
    )
    expect(levels).toEqual(['ok', 'warning', 'over', 'none'])
  })

  it('shows the empty state when nothing was used this period', () => {
    renderWidget(
      <UsageMetersView
        data={{ ...usage, metrics: usage.metrics.map((metric) => ({ ...metric, current: 0 })) }}
      />,
    )
    expect(screen.getByText('No usage yet this period')).toBeTruthy()
  })

  it('has no axe violations, light and dark, and in every state', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { container, unmount } = renderWidget(<UsageMetersView data={usage} theme={theme} />)
      await expectNoAxeViolations(container)
      unmount()
    }
    for (const props of [{ loading: true }, { error: new Error('x'), onRetry: () => {} }, {}]) {
      const { container, unmount } = renderWidget(<UsageMetersView data={undefined} {...props} />)
      await expectNoAxeViolations(container)
      unmount()
    }
  })
})

describe('UsageMeterView limit date', () => {
  const metric = { name: 'api_calls', current: 10_000, limit: 20_000, unit: 'calls' }
  const limitLine = (container: HTMLElement) =>
    container.querySelector('.sm-limit-date')?.textContent ?? null

  it('says when a steady pace reaches the limit, from forecastUsage over the daily history', () => {
    // 1,000 calls a day for ten days: 10,000 more reach 20,000 ten days on, on Nov 21.
    const history = Array.from({ length: 10 }, (_, day) => ({
      ts: new Date(Date.UTC(2026, 10, 1 + day)).toISOString(),
      value: 1000,
    }))
    const { reachesLimit } = forecastUsage(history, {
      period: { start: '2026-11-01', end: '2026-11-30' },
      limit: 20_000,
      now: new Date('2026-11-11T00:00:00Z'),
    })
    const { container } = renderWidget(
      <UsageMeterView data={metric} reachesLimit={reachesLimit} locale="en-US" />,
    )
    expect(limitLine(container)).toBe('At this pace you’ll reach 20,000 calls around Nov 21.')
  })

  it('says "could" when only the range’s high end gets there, and "won’t" when none does', () => {
    const { container, rerender } = renderWidget(
      <UsageMeterView
        data={metric}
        reachesLimit={{ likely: null, earliest: '2026-11-28T06:00:00.000Z', latest: null }}
        locale="en-US"
      />,
    )
    expect(limitLine(container)).toBe('If usage picks up, you could reach 20,000 calls by Nov 28.')
    rerender(
      <UsageMeterView
        data={metric}
        reachesLimit={{ likely: null, earliest: null, latest: null }}
        locale="de-DE"
      />,
    )
    expect(limitLine(container)).toBe(
      'Bei diesem Tempo erreichen Sie das Limit in diesem Zeitraum nicht.',
    )
  })

  it('says nothing without a forecast, and nothing more once the limit is reached', () => {
    const { container, rerender } = renderWidget(
      <UsageMeterView data={metric} reachesLimit={null} locale="en-US" />,
    )
    expect(limitLine(container)).toBeNull()
    const crossedAt = '2026-11-09T00:00:00.000Z'
    rerender(
      <UsageMeterView
        data={{ ...metric, current: 21_000 }}
        reachesLimit={{ likely: crossedAt, earliest: crossedAt, latest: crossedAt }}
        locale="en-US"
      />,
    )
    expect(limitLine(container)).toBeNull()
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toMatch(/Over limit/)
  })
})
