import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageChart } from '../src/charts'
import {
  errorThenRetry,
  showsChartTable,
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
 * Current usage beside the limit for each metric, as horizontal bars (recharts), with the same
 * figures in a table for screen readers. A metric without a limit gets its usage bar alone.
 */
const meta = {
  title: 'Widgets/UsageChart',
  component: UsageChart,
  args: { customerRef: customers.steady },
} satisfies Meta<typeof UsageChart>

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

export const NoLimits: Story = {
  name: 'No limits (the real server today)',
  parameters: { stripemeter: noLimits },
  async play(context) {
    await showsChartTable(context, 5)
    // No limit bar is drawn and none is invented: every row says so.
    await expect(context.canvas.getAllByText('No limit')).toHaveLength(5)
  },
}

export const ManyMetrics: Story = {
  parameters: { stripemeter: manyMetrics },
  play: (context) => showsChartTable(context, 12),
}

export const LargeNumbers: Story = {
  name: 'Very large numbers',
  args: { customerRef: platformCustomer },
  parameters: { stripemeter: largeNumbers },
  play: (context) => showsChartTable(context, 5),
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
