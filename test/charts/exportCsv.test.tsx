import { screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CostProjectionView } from '../../src/charts/CostProjectionView.js'
import { UsageTrendChart } from '../../src/charts/UsageTrendChart.js'
import { UsageTrendChartView } from '../../src/charts/UsageTrendChartView.js'
import { projectionToCsv } from '../../src/core/projectionToCsv.js'
import type { ProjectionResponse } from '../../src/core/types.js'
import { usageHistoryToCsv } from '../../src/core/usageHistoryToCsv.js'
import { demoCustomers } from '../../src/testing/demoData.js'
import { emulatorHarness, TestProvider } from './emulatorClient.js'
import { renderWidget } from './helpers.js'

interface Download {
  fileName: string
  /** The file's bytes as text, read from the blob URL the link points at. */
  content: Promise<string>
}

/**
 * Catches the download link's click before the browser acts on it: its file name, and the
 * blob it points at (fetched at once: the URL is revoked on a later task).
 */
function catchDownloads() {
  const downloads: Download[] = []
  const onClick = (event: MouseEvent) => {
    const link = event.target
    if (!(link instanceof HTMLAnchorElement) || !link.download) return
    event.preventDefault()
    downloads.push({
      fileName: link.download,
      content: fetch(link.href).then(async (response) => {
        // `text()` would drop the byte order mark; the bytes show whether it is there.
        const bytes = new Uint8Array(await response.arrayBuffer())
        return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
      }),
    })
  }
  beforeEach(() => {
    downloads.length = 0
    document.addEventListener('click', onClick, true)
  })
  afterEach(() => document.removeEventListener('click', onClick, true))
  return downloads
}

const period = { start: '2026-11-01', end: '2026-11-30' }
const history = {
  usage: [
    { ts: '2026-11-01T00:00:00.000Z', value: 1000 },
    { ts: '2026-11-02T00:00:00.000Z', value: 2500.5 },
  ],
}
const projection: ProjectionResponse = {
  customerRef: 'cus_ABC123',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  lineItems: [{ metric: 'api_calls', quantity: 12500, unitPrice: 0.002, total: 25 }],
  subtotal: 25,
  credits: 0,
  total: 25,
  currency: 'USD',
  freshness: { lastUpdate: '2026-11-26T10:15:00.000Z', staleness: 45 },
}

describe('Export CSV', () => {
  const downloads = catchDownloads()

  it('saves the trend’s history from the keyboard, named after the metric and period', async () => {
    renderWidget(
      <UsageTrendChartView
        data={history}
        metric="api_calls"
        period={period}
        now={new Date('2026-11-03T00:00:00Z')}
        locale="de-DE"
      />,
    )
    const button = screen.getByRole('button', {
      name: 'CSV exportieren: API calls in diesem Zeitraum',
    })
    button.focus()
    await userEvent.keyboard('{Enter}')
    expect(downloads.map((download) => download.fileName)).toEqual([
      'usage-api_calls-2026-11-01-2026-11-30.csv',
    ])
    // The header in the widget's language; values stay ISO dates and dot decimals.
    expect(await downloads[0]?.content).toBe(
      `\uFEFF${usageHistoryToCsv(history.usage, { metric: 'api_calls', locale: 'de-DE' })}`,
    )
    expect(await downloads[0]?.content).toContain('2026-11-02,api_calls,2500.5\r\n')
  })

  it('saves the projection’s line items and totals, named after the customer and period', async () => {
    renderWidget(<CostProjectionView data={projection} locale="en-US" />)
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV: Cost this period' }))
    expect(downloads.map((download) => download.fileName)).toEqual([
      'costs-cus_ABC123-2026-11-01-2026-11-30.csv',
    ])
    expect(await downloads[0]?.content).toBe(`\uFEFF${projectionToCsv(projection)}`)
  })

  it('exports the server’s figures of a live projection, not the part still syncing', async () => {
    const live = {
      ...projection,
      lineItems: [
        {
          metric: 'api_calls',
          unitPrice: 0.002,
          quantity: 12600,
          total: 25.2,
          pendingQuantity: 100,
          pendingTotal: 0.2,
        },
      ],
      subtotal: 25.2,
      total: 25.2,
      pendingTotal: 0.2,
      server: projection,
    }
    renderWidget(<CostProjectionView data={live} locale="en-US" />)
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV: Cost this period' }))
    expect(await downloads[0]?.content).toBe(`\uFEFF${projectionToCsv(projection)}`)
  })

  it('names the customer in the data-bound trend chart’s file, and can be turned off', async () => {
    const { client } = emulatorHarness()
    const { unmount } = renderWidget(
      <TestProvider client={client} locale="en-US">
        <UsageTrendChart customerRef={demoCustomers.steady} metric="api_calls" />
      </TestProvider>,
    )
    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Export CSV: API calls over this period' },
        { timeout: 5_000 },
      ),
    )
    expect(downloads[0]?.fileName).toMatch(
      /^usage-api_calls-cus_steady-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/,
    )
    expect(await downloads[0]?.content).toMatch(/^\uFEFFdate,metric,quantity\r\n\d{4}-/)
    unmount()
    renderWidget(<CostProjectionView data={projection} exportCsv={false} />)
    expect(screen.queryByRole('button', { name: /Export CSV/ })).toBeNull()
  })
})
