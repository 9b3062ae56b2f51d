import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { CostProjection } from '../src/charts'
import {
  errorThenRetry,
  showsData,
  showsEmpty,
  showsSkeleton,
  staleAfterFailedRefresh,
} from './support/play'
import {
  customers,
  euro,
  failingServer,
  failsOnRefresh,
  largeNumbers,
  manyMetrics,
  platformCustomer,
  slowServer,
  yen,
} from './support/scenarios'

/**
 * The cost of this period's usage so far (`POST /v1/usage/projection`: quantities × prices),
 * its line items, credits and freshness — and, labelled as a forecast, the likely bill at the
 * period's end from this period's daily run-rate (`useCostForecast`).
 */
const meta = {
  title: 'Widgets/CostProjection',
  component: CostProjection,
  args: { customerRef: customers.steady },
} satisfies Meta<typeof CostProjection>

export default meta
type Story = StoryObj<typeof meta>

/** Shows the cost so far and a forecast, in the currency's own format. */
async function showsCost(context: Parameters<typeof showsData>[0], currencySign: RegExp) {
  await showsData(context)
  const { canvasElement } = context
  // The forecast follows once the daily history of each priced metric has arrived.
  await waitFor(() => expect(canvasElement.querySelector('.sm-cost-forecast')).not.toBeNull(), {
    timeout: 15_000,
  })
  // One hero figure: the cost so far, in the currency's own format.
  await expect(canvasElement.querySelectorAll('.sm-cost-hero')).toHaveLength(1)
  await expect(canvasElement.querySelector('.sm-cost-hero .sm-cost-amount')?.textContent).toMatch(
    currencySign,
  )
}

export const Default: Story = {
  name: 'Default (with credits)',
  play: (context) => showsCost(context, /\$/),
}

export const WithoutForecast: Story = {
  args: { forecast: false },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.queryByText(/^Forecast for/)).toBeNull()
  },
}

export const Loading: Story = { parameters: { stripemeter: slowServer }, play: showsSkeleton }

export const ErrorThenRetry: Story = {
  name: 'Error, then retry',
  parameters: { stripemeter: failingServer },
  play: errorThenRetry,
}

export const Empty: Story = { args: { customerRef: customers.new }, play: showsEmpty }

export const Stale: Story = {
  parameters: { stripemeter: failsOnRefresh },
  play: staleAfterFailedRefresh,
}

export const NearLimit: Story = {
  args: { customerRef: customers.nearLimit },
  play: (context) => showsCost(context, /\$/),
}

export const OverLimit: Story = {
  args: { customerRef: customers.overLimit },
  play: (context) => showsCost(context, /\$/),
}

export const ManyMetrics: Story = {
  name: 'Many line items',
  parameters: { stripemeter: manyMetrics },
  async play(context) {
    await showsCost(context, /\$/)
    // Twelve priced metrics, plus the header and total rows.
    await expect(
      context.canvasElement.querySelectorAll('.sm-cost-table tbody tr').length,
    ).toBeGreaterThanOrEqual(12)
  },
}

export const LargeNumbers: Story = {
  name: 'Very large numbers',
  args: { customerRef: platformCustomer },
  parameters: { stripemeter: largeNumbers },
  play: (context) => showsCost(context, /\$[\d.]+[MBK]/),
}

export const Euro: Story = {
  name: 'EUR, German (de-DE)',
  args: { customerRef: customers.nearLimit },
  parameters: { stripemeter: euro },
  play: (context) => showsCost(context, /\d,\d{2}\s€/),
}

export const Yen: Story = {
  name: 'JPY, Japanese (ja-JP)',
  args: { customerRef: customers.nearLimit },
  parameters: { stripemeter: yen },
  // Yen has no minor unit: no decimals.
  play: (context) => showsCost(context, /^[¥￥][\d,]+$/),
}

export const Dark: Story = {
  args: { customerRef: customers.nearLimit },
  globals: { theme: 'dark' },
  play: (context) => showsCost(context, /\$/),
}

export const Narrow: Story = {
  name: '320 px viewport',
  args: { customerRef: customers.nearLimit },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  play: (context) => showsCost(context, /\$/),
}
