import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { CostProjectionView } from '../src/charts'
import { liveProjection } from '../src/core/liveProjection'
import { forecast, projection, projectionYen, viewNow } from './support/viewData'

/**
 * The presentational twin of `CostProjection`: cost so far, line items, credits, freshness and
 * (when given) the period-end forecast, from data you pass in.
 */
const meta = {
  title: 'Views/CostProjectionView',
  component: CostProjectionView,
  parameters: { stripemeter: { provider: false } },
  args: { data: projection, forecast, now: viewNow, locale: 'en-US' },
} satisfies Meta<typeof CostProjectionView>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {
  async play({ canvas }) {
    await expect(canvas.getByText('Updated 45 seconds ago', { exact: false })).toBeVisible()
  },
}

/**
 * Live cost (`useProjection`'s data): 250 API calls tracked in this page and not counted by the
 * server yet are priced in and marked; screen readers read the server's figures.
 */
export const Syncing: Story = {
  name: 'Syncing (+$0.50 not yet counted)',
  args: {
    data: liveProjection({
      projection,
      liveQuantities: new Map([['api_calls', 43_500]]),
      now: viewNow,
    }),
  },
  async play({ canvasElement }) {
    await expect(canvasElement.querySelector('.sm-cost-syncing')).toHaveTextContent(
      '+$0.50 syncing',
    )
  },
}

export const WithoutForecast: Story = { args: { forecast: undefined } }

/** Freshness older than `staleAfterSeconds`: the numbers stay, with a warning. */
export const StaleFreshness: Story = {
  name: 'Stale (aggregation 20 minutes behind)',
  args: {
    data: {
      ...projection,
      freshness: { lastUpdate: '2026-11-26T09:55:45.000Z', staleness: 1_200 },
    },
  },
  async play({ canvasElement }) {
    await expect(canvasElement.querySelector('.sm-stale')).not.toBeNull()
  },
}

export const Yen: Story = {
  name: 'JPY, Japanese (ja-JP)',
  args: { data: projectionYen, forecast: undefined, locale: 'ja-JP' },
}

export const Euro: Story = {
  name: 'EUR, German (de-DE)',
  args: { data: { ...projection, currency: 'EUR' }, forecast: undefined, locale: 'de-DE' },
}

export const Loading: Story = { args: { data: undefined, loading: true } }

export const ErrorState: Story = {
  name: 'Error',
  args: { data: undefined, error: new Error('Service Unavailable'), onRetry: () => {} },
}

export const Empty: Story = {
  args: {
    data: { ...projection, lineItems: [], subtotal: 0, credits: 0, total: 0 },
    forecast: undefined,
  },
}

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } }

/** "Export CSV" saves the line items and totals (`projectionToCsv`). */
export const ExportCsv: Story = {
  name: 'Export CSV',
  async play({ canvas }) {
    await expect(canvas.getByRole('button', { name: 'Export CSV: Cost this period' })).toBeVisible()
  },
}

export const ExportCsvGerman: Story = {
  name: 'Export CSV in German, at 320 px',
  args: { locale: 'de-DE' },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  async play({ canvas }) {
    await expect(
      canvas.getByRole('button', { name: 'CSV exportieren: Kosten in diesem Zeitraum' }),
    ).toBeVisible()
  },
}

export const WithoutExport: Story = { name: 'Without Export CSV', args: { exportCsv: false } }
