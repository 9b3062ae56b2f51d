import { screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { CostBreakdownChartView } from '../../src/charts/CostBreakdownChartView.js'
import { CostProjectionView } from '../../src/charts/CostProjectionView.js'
import { metricLabel } from '../../src/charts/metricLabel.js'
import { niceScale } from '../../src/charts/niceScale.js'
import { seriesColours } from '../../src/charts/seriesColour.js'
import { UsageMetersView } from '../../src/charts/UsageMetersView.js'
import { UsageMeterView } from '../../src/charts/UsageMeterView.js'
import { StripeMeterError } from '../../src/core/StripeMeterError.js'
import type { ProjectionResponse, UsageResponse } from '../../src/core/types.js'
import { StripeMeterLocaleContext } from '../../src/react/StripeMeterContext.js'
import { StripeMeterMessagesContext } from '../../src/react/StripeMeterMessagesContext.js'
import { renderWidget } from './helpers.js'

const realUsage: UsageResponse = {
  customerRef: 'cus_1',
  period: { start: '2026-11-01', end: '2026-11-30' },
  metrics: [
    { name: 'api_calls', current: 7_650, unit: 'unit' },
    { name: 'storage_gb', current: 12, unit: '' },
    { name: 'seats', current: 3, unit: 'unit' },
  ],
  alerts: [],
}

const zeroPrices: ProjectionResponse = {
  customerRef: 'cus_1',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  lineItems: [
    { metric: 'api_calls', quantity: 7_650, unitPrice: 0, total: 0 },
    { metric: 'storage_gb', quantity: 12, unitPrice: 0, total: 0 },
  ],
  subtotal: 0,
  credits: 0,
  total: 0,
  currency: 'USD',
  freshness: { lastUpdate: '2026-11-15T23:59:15.000Z', staleness: 0 },
}
const now = new Date('2026-11-16T00:00:00.000Z')

describe('real-server data', () => {
  it('prints no generic unit, and an app names metrics and units', () => {
    const { container, unmount } = renderWidget(<UsageMetersView data={realUsage} locale="en-US" />)
    expect(container.textContent).toContain('7,650')
    expect(container.textContent).not.toMatch(/\d unit/)
    unmount()
    renderWidget(
      <UsageMetersView
        data={realUsage}
        locale="en-US"
        metricLabels={{ api_calls: 'Requests' }}
        units={{ api_calls: 'requests' }}
      />,
    )
    expect(screen.getByText('Requests')).toBeTruthy()
    expect(screen.getByText('7,650 requests')).toBeTruthy()
  })

  it('zero prices read "No charges yet" with the usage visible; unmapped metrics are not billed', () => {
    const { container } = renderWidget(
      <CostProjectionView data={zeroPrices} usage={realUsage} now={now} locale="en-US" />,
    )
    expect(screen.getByText('No charges yet')).toBeTruthy()
    expect(container.textContent).not.toContain('No usage')
    const seats = screen.getByRole('row', { name: /Seats/ })
    expect(within(seats).getByText('Not billed')).toBeTruthy()
    expect(within(seats).getByText('3')).toBeTruthy()
  })

  it('a blended graduated price is labelled as an average', () => {
    renderWidget(
      <CostProjectionView
        data={{
          ...zeroPrices,
          lineItems: [
            { metric: 'api_calls', quantity: 16_150, unitPrice: 0.00076161, total: 12.3 },
          ],
          subtotal: 12.3,
          total: 12.3,
        }}
        now={now}
        locale="en-US"
      />,
    )
    expect(screen.getByText('$0.000762 avg')).toBeTruthy()
  })
})

describe('message catalog', () => {
  it('German throughout: no English word next to a German relative time', () => {
    renderWidget(<CostProjectionView data={zeroPrices} now={now} locale="de-DE" />)
    expect(screen.getByText('Aktualisiert vor 45 Sekunden')).toBeTruthy()
    expect(screen.getByText('Noch keine Kosten')).toBeTruthy()
  })

  it('Japanese, French and Spanish titles come from their catalogs', () => {
    for (const [locale, title] of [
      ['ja-JP', '今期の使用量'],
      ['fr-FR', 'Consommation de la période'],
      ['es-ES', 'Consumo de este periodo'],
    ] as const) {
      const { unmount } = renderWidget(<UsageMetersView data={realUsage} locale={locale} />)
      expect(screen.getByRole('heading').textContent).toBe(title)
      unmount()
    }
  })

  it('the provider’s messages replace the catalog’s, a widget’s replace the provider’s', () => {
    renderWidget(
      <StripeMeterLocaleContext.Provider value="de-DE">
        <StripeMeterMessagesContext.Provider value={{ usageTitle: 'Verbrauch', alertsTitle: 'x' }}>
          <UsageMetersView data={realUsage} />
          <UsageMetersView data={realUsage} messages={{ usageTitle: 'Mein Verbrauch' }} />
        </StripeMeterMessagesContext.Provider>
      </StripeMeterLocaleContext.Provider>,
    )
    expect(screen.getAllByRole('heading').map((heading) => heading.textContent)).toEqual([
      'Verbrauch',
      'Mein Verbrauch',
    ])
    // Words not overridden still come from the German catalog.
    expect(screen.getAllByText('Kein Limit').length).toBeGreaterThan(0)
  })

  it('a misspelt message key is a type error', () => {
    // @ts-expect-error — `usageTitel` is not a key of the catalog
    const element = <UsageMetersView data={realUsage} messages={{ usageTitel: 'x' }} />
    expect(element).toBeTruthy()
  })

  it('right-to-left locales lay the widget out mirrored when the app gives their words', () => {
    renderWidget(
      <UsageMetersView data={realUsage} locale="he-IL" messages={{ usageTitle: 'שימוש' }} />,
    )
    expect(screen.getByRole('region').getAttribute('dir')).toBe('rtl')
    expect(screen.getByRole('region').getAttribute('lang')).toBe('he-IL')
  })

  it('a language without a catalog reads English throughout, with the locale’s digits', () => {
    renderWidget(<CostProjectionView data={zeroPrices} now={now} locale="ar-EG" />)
    const region = screen.getByRole('region')
    expect(region.getAttribute('dir')).toBeNull()
    expect(region.getAttribute('lang')).toBe('en-u-nu-arab')
    // Not "Updated قبل ٤٥ ثانية": the relative time in the words' language.
    expect(region.textContent).toContain('Updated ٤٥ seconds ago')
    expect(region.textContent).toContain('Nov')
  })
})

describe('errors', () => {
  it('credential and server errors read "Usage is unavailable right now"; onError gets the error', () => {
    const onError = vi.fn()
    const error = new StripeMeterError('Invalid API key', { code: 'unauthorized', statusCode: 401 })
    renderWidget(
      <UsageMeterView data={undefined} error={error} onError={onError} onRetry={() => {}} />,
    )
    const alert = screen.getByRole('alert')
    expect(within(alert).getByText('Usage is unavailable right now')).toBeTruthy()
    expect(alert.querySelector('details')?.open).toBe(false)
    expect(alert.querySelector('details')?.textContent).toContain('Invalid API key')
    expect(onError).toHaveBeenCalledWith(error)
  })

  it('Details names the request id, the one the client logged (the real server sends none)', () => {
    const error = new StripeMeterError('An internal server error occurred.', {
      code: 'http_error',
      statusCode: 500,
      requestId: 'req_7f3a',
    })
    renderWidget(<UsageMeterView data={undefined} error={error} locale="de-DE" />)
    const details = screen.getByRole('alert').querySelector('details')
    expect(details?.textContent).toContain('http_error · 500 · An internal server error occurred.')
    expect(details?.textContent).toContain('Anfrage-ID req_7f3a')
  })

  it('a network failure asks the customer to check the connection', () => {
    const error = new StripeMeterError('fetch failed', { code: 'network_error' })
    renderWidget(<UsageMeterView data={undefined} error={error} />)
    expect(screen.getByText('We couldn’t load your usage')).toBeTruthy()
  })
})

describe('labels, colours and axes', () => {
  it('names rate units sensibly', () => {
    expect(metricLabel('functions_gb_s')).toBe('Functions GB-s')
    expect(metricLabel('api_calls')).toBe('API calls')
  })

  it('keys colours by metric: the same in any order, ten distinct', () => {
    const names = Array.from({ length: 10 }, (_, index) => `metric_${index}`)
    const forward = seriesColours(names)
    const backward = seriesColours([...names].reverse())
    expect([...forward.entries()].sort()).toEqual([...backward.entries()].sort())
    expect(new Set(forward.values()).size).toBe(10)
  })

  it('shares under 1 % read "<1 %" in the locale’s format', () => {
    const { container } = renderWidget(
      <CostBreakdownChartView
        data={{
          ...zeroPrices,
          lineItems: [
            { metric: 'api_calls', quantity: 1, unitPrice: 1, total: 999 },
            { metric: 'storage_gb', quantity: 1, unitPrice: 1, total: 0.82 },
          ],
          subtotal: 999.82,
          total: 999.82,
          currency: 'EUR',
        }}
        locale="de-DE"
      />,
    )
    const shares = [...container.querySelectorAll('tbody td.sm-muted')].map(
      (cell) => cell.textContent,
    )
    expect(shares).toEqual(['99\u00a0%', '<1\u00a0%'])
  })

  it('folds metrics beyond maxSlices into "Other"', () => {
    renderWidget(
      <CostBreakdownChartView
        data={{
          ...zeroPrices,
          lineItems: Array.from({ length: 5 }, (_, index) => ({
            metric: `m${index}`,
            quantity: 1,
            unitPrice: 1,
            total: 10 - index,
          })),
          subtotal: 40,
          total: 40,
        }}
        maxSlices={3}
        locale="en-US"
      />,
    )
    const rows = screen.getAllByRole('row').slice(1)
    expect(rows.map((row) => row.querySelector('th')?.textContent)).toEqual(['M0', 'M1', 'Other'])
  })

  it('ticks at 1-2-5 steps with headroom under one step', () => {
    expect(niceScale(52_500)).toEqual({ top: 60_000, ticks: [0, 20_000, 40_000, 60_000] })
    expect(niceScale(130)).toEqual({ top: 150, ticks: [0, 50, 100, 150] })
    expect(niceScale(2_600).ticks).toEqual([0, 1_000, 2_000, 3_000])
    expect(niceScale(0.3).ticks).toEqual([0, 0.1, 0.2, 0.3])
  })
})
