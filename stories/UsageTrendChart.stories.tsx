import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageTrendChart } from '../src/charts'
import {
  errorThenRetry,
  showsChartTable,
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
  noLimits,
  platformCustomer,
  slowServer,
  yen,
} from './support/scenarios'

/**
 * One metric over the billing period from `GET /v1/usage/history` (days without events drawn
 * as 0), as a running total with a dashed projection to the period's end and the limit as a
 * reference line — or per day. Long series are downsampled to the plot's width.
 */
const meta = {
  title: 'Widgets/UsageTrendChart',
  component: UsageTrendChart,
  args: { customerRef: customers.steady, metric: 'api_calls' },
} satisfies Meta<typeof UsageTrendChart>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = { play: (context) => showsChartTable(context) }

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
  play: (context) => showsChartTable(context),
}

export const OverLimit: Story = {
  args: { customerRef: customers.overLimit },
  play: (context) => showsChartTable(context),
}

export const PerDay: Story = {
  name: 'Per day',
  args: { customerRef: customers.nearLimit, mode: 'per-bucket' },
  play: (context) => showsChartTable(context),
}

export const NoLimitMetric: Story = {
  name: 'Metric without a limit',
  args: { metric: 'ai_tokens' },
  play: (context) => showsChartTable(context),
}

export const NoLimits: Story = {
  name: 'No limits (the real server today)',
  parameters: { stripemeter: noLimits },
  play: (context) => showsChartTable(context),
}

export const ManyMetrics: Story = {
  name: 'Many metrics (one of twelve)',
  args: { metric: 'build_minutes' },
  parameters: { stripemeter: manyMetrics },
  play: showsData,
}

export const LargeNumbers: Story = {
  name: 'Very large numbers',
  args: { customerRef: platformCustomer },
  parameters: { stripemeter: largeNumbers },
  async play(context) {
    await showsChartTable(context)
    // Axis ticks are compact ("4B"): whole numbers would not fit the axis.
    const ticks = [...context.canvasElement.querySelectorAll('.recharts-cartesian-axis-tick-value')]
    await expect(ticks.map((tick) => tick.textContent)).toContainEqual(
      expect.stringMatching(/\dB$/),
    )
  },
}

export const Euro: Story = {
  name: 'EUR, German (de-DE)',
  parameters: { stripemeter: euro },
  play: (context) => showsChartTable(context),
}

export const Yen: Story = {
  name: 'JPY, Japanese (ja-JP)',
  parameters: { stripemeter: yen },
  play: (context) => showsChartTable(context),
}

export const Dark: Story = {
  args: { customerRef: customers.overLimit },
  globals: { theme: 'dark' },
  play: (context) => showsChartTable(context),
}

export const Narrow: Story = {
  name: '320 px viewport',
  args: { customerRef: customers.nearLimit },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  play: (context) => showsChartTable(context),
}

/** "Export CSV" saves this period's history, named after the metric, the customer and the period. */
export const ExportCsv: Story = {
  name: 'Export CSV',
  args: { customerRef: customers.nearLimit },
  async play(context) {
    await showsData(context)
    const button = context.canvas.getByRole('button', {
      name: 'Export CSV: API calls over this period',
    })
    // A native button: reachable by Tab (after the chart's own focusable surface).
    button.focus()
    await expect(button).toHaveFocus()
    await expect(button).toHaveAttribute('type', 'button')
  },
}

export const ExportCsvNarrow: Story = {
  name: 'Export CSV at 320 px, dark',
  args: { customerRef: customers.nearLimit },
  globals: { viewport: { value: 'narrow320', isRotated: false }, theme: 'dark' },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByRole('button', { name: /^Export CSV/ })).toBeVisible()
  },
}
