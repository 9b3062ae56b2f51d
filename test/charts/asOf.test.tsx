import { QueryClient } from '@tanstack/react-query'
import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
// Real key presses (Playwright): a summary opens its details by the browser's own default action.
import { userEvent } from 'vitest/browser'
import { CostProjection, UsageMeter, UsageMeters } from '../../src/charts/index.js'
import { CostProjectionView } from '../../src/charts/lite.js'
import { UsageMeterView } from '../../src/charts/UsageMeterView.js'
import type { ProjectionResponse } from '../../src/core/types.js'
import { StripeMeterProvider } from '../../src/react/StripeMeterProvider.js'
import { stripeMeterKeys } from '../../src/react/stripeMeterKeys.js'
import { demoCustomers } from '../../src/testing/demoData.js'
import { emulatorHarness } from './emulatorClient.js'
import { expectNoAxeViolations, renderWidget } from './helpers.js'

const apiCalls = { name: 'api_calls', current: 12_500, limit: 50_000, unit: 'calls' }
/** 10:42 today in the browser's own time zone: shown as a time alone. */
const todayAt1042 = () => {
  const at = new Date()
  at.setHours(10, 42, 0, 0)
  return at
}
/** A day that is never today: shown with its date. */
const januaryFifteenth = new Date(2026, 0, 15, 9, 5)
const usageHint =
  'StripeMeter counts usage a few seconds after it happens and may answer from a cache up to 30 seconds old.'

function asOfText(container: HTMLElement) {
  return container.querySelector('.sm-as-of summary')?.textContent
}

describe('"as of" on a widget', () => {
  it('shows the time in the widget’s locale, and the date when it is not today', () => {
    const cases: [string, Date, string][] = [
      ['en-US', todayAt1042(), 'As of 10:42 AM'],
      ['de-DE', todayAt1042(), 'Stand: 10:42'],
      ['fr-FR', todayAt1042(), 'À 10:42'],
      ['ja-JP', todayAt1042(), '10:42 時点'],
      ['en-US', januaryFifteenth, 'As of Jan 15, 2026, 9:05 AM'],
      ['de-DE', januaryFifteenth, 'Stand: 15.01.2026, 09:05'],
    ]
    for (const [locale, asOf, expected] of cases) {
      const { container, unmount } = renderWidget(
        <UsageMeterView data={apiCalls} locale={locale} asOf={asOf.getTime()} />,
      )
      expect(asOfText(container)).toBe(expected)
      expect(container.querySelector('.sm-as-of time')?.getAttribute('datetime')).toBe(
        asOf.toISOString(),
      )
      unmount()
    }
  })

  it('explains the server’s delay in a hint reached by keyboard and read by screen readers', async () => {
    const { container } = renderWidget(
      <UsageMeterView data={apiCalls} locale="en-US" asOf={todayAt1042()} theme="dark" />,
    )
    const details = container.querySelector('details.sm-as-of') as HTMLDetailsElement
    const summary = details.querySelector('summary') as HTMLElement
    expect(summary.getAttribute('title')).toBe(usageHint)
    expect(details.open).toBe(false)
    await userEvent.tab()
    expect(document.activeElement).toBe(summary)
    await userEvent.keyboard('{Enter}')
    expect(details.open).toBe(true)
    expect(screen.getByText(usageHint)).toBeTruthy()
    await expectNoAxeViolations(container)
  })

  it('shows nothing without a time, nor while loading or failed', () => {
    const { container, rerender } = renderWidget(<UsageMeterView data={apiCalls} />)
    expect(container.querySelector('.sm-as-of')).toBeNull()
    expect(container.textContent).not.toContain('As of')
    rerender(<UsageMeterView data={undefined} loading asOf={todayAt1042()} />)
    expect(container.querySelector('.sm-as-of')).toBeNull()
    rerender(<UsageMeterView data={undefined} error={new Error('offline')} asOf={todayAt1042()} />)
    expect(container.querySelector('.sm-as-of')).toBeNull()
  })

  it('says usage tracked here is on top of the server’s figures, not newer server figures', () => {
    const at = todayAt1042()
    const { container } = renderWidget(
      <UsageMeterView data={{ ...apiCalls, current: 12_750, pending: 250 }} asOf={at} />,
    )
    expect(asOfText(container)).toBe('As of 10:42 AM, plus usage syncing')
    expect(container.querySelector('.sm-as-of time')?.getAttribute('datetime')).toBe(
      at.toISOString(),
    )
    expect(container.querySelector('.sm-as-of')?.textContent).toContain(
      'Usage tracked on this page is added at once, before StripeMeter counts it.',
    )
  })

  it('costs: the projection’s own freshness time by default, with the cost hint', () => {
    const lastUpdate = todayAt1042()
    const projection: ProjectionResponse = {
      customerRef: 'cus_1',
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      lineItems: [{ metric: 'api_calls', quantity: 12_500, unitPrice: 0.002, total: 25 }],
      subtotal: 25,
      credits: 0,
      total: 25,
      currency: 'USD',
      freshness: { lastUpdate: lastUpdate.toISOString(), staleness: 0 },
    }
    const { container, rerender } = renderWidget(
      <CostProjectionView data={projection} locale="es-ES" now={lastUpdate} />,
    )
    expect(asOfText(container)).toBe('A las 10:42')
    expect(container.querySelector('.sm-as-of-hint')?.textContent).toBe(
      'StripeMeter cuenta el uso unos segundos después: puede que el más reciente aún no esté aquí.',
    )
    rerender(
      <CostProjectionView
        data={projection}
        locale="es-ES"
        now={lastUpdate}
        asOf={januaryFifteenth}
      />,
    )
    expect(asOfText(container)).toMatch(/^A las 15 ene 2026, 9:05$/)
  })
})

describe('"as of" on the data-bound widgets', () => {
  it('is the usage query’s update time, and stays the server’s when usage is tracked here', async () => {
    const { client } = emulatorHarness()
    const queryClient = new QueryClient()
    const { container } = renderWidget(
      <StripeMeterProvider client={client} queryClient={queryClient} locale="en-US">
        <UsageMeters customerRef={demoCustomers.steady} />
        <UsageMeter customerRef={demoCustomers.steady} metric="api_calls" limitDate={false} />
      </StripeMeterProvider>,
    )
    const updatedAt = () =>
      queryClient.getQueryState(stripeMeterKeys.usage(demoCustomers.steady))?.dataUpdatedAt ?? 0
    const shownTimes = () =>
      [...container.querySelectorAll('.sm-as-of time')].map((time) => time.getAttribute('datetime'))
    await waitFor(() => {
      expect(updatedAt()).toBeGreaterThan(0)
      const answered = new Date(updatedAt()).toISOString()
      expect(shownTimes()).toEqual([answered, answered])
    })

    client.buffer({ customerRef: demoCustomers.steady, metric: 'api_calls', quantity: 1234 })
    await waitFor(() => {
      const summaries = [...container.querySelectorAll('.sm-as-of summary')]
      expect(summaries.map((summary) => summary.textContent)).toEqual([
        expect.stringMatching(/^As of .+, plus usage syncing$/),
        expect.stringMatching(/^As of .+, plus usage syncing$/),
      ])
      const answered = new Date(updatedAt()).toISOString()
      expect(shownTimes()).toEqual([answered, answered])
    })
  })

  it('CostProjection shows the projection’s freshness time', async () => {
    const { client } = emulatorHarness()
    const queryClient = new QueryClient()
    const { container } = renderWidget(
      <StripeMeterProvider client={client} queryClient={queryClient} locale="en-US">
        <CostProjection customerRef={demoCustomers.steady} forecast={false} />
      </StripeMeterProvider>,
    )
    await waitFor(() => {
      const projection = queryClient
        .getQueryCache()
        .findAll({ queryKey: ['stripemeter', demoCustomers.steady, 'projection'] })[0]?.state
        .data as ProjectionResponse | undefined
      expect(projection).toBeDefined()
      expect(container.querySelector('.sm-as-of time')?.getAttribute('datetime')).toBe(
        new Date(projection?.freshness.lastUpdate ?? '').toISOString(),
      )
    })
  })
})
