import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { CostBreakdownChart } from '../src/charts'
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
  platformCustomer,
  slowServer,
  yen,
} from './support/scenarios'

/** This period's cost by metric, from the projection's line items, with a legend in words. */
const meta = {
  title: 'Widgets/CostBreakdownChart',
  component: CostBreakdownChart,
  args: { customerRef: customers.steady },
} satisfies Meta<typeof CostBreakdownChart>

export default meta
type Story = StoryObj<typeof meta>

/** The breakdown's table lists amounts in the given currency format. */
async function showsAmounts(context: Parameters<typeof showsChartTable>[0], amount: RegExp) {
  await showsChartTable(context)
  const cells = [...context.canvasElement.querySelectorAll('table td')]
  await expect(cells.map((cell) => cell.textContent)).toContainEqual(expect.stringMatching(amount))
}

export const Default: Story = { play: (context) => showsAmounts(context, /^\$[\d,.]+$/) }

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

export const ManyMetrics: Story = {
  parameters: { stripemeter: manyMetrics },
  play: (context) => showsChartTable(context),
}

export const LargeNumbers: Story = {
  name: 'Very large numbers',
  args: { customerRef: platformCustomer },
  parameters: { stripemeter: largeNumbers },
  play: (context) => showsChartTable(context),
}

export const Euro: Story = {
  name: 'EUR, German (de-DE)',
  parameters: { stripemeter: euro },
  play: (context) => showsAmounts(context, /\d,\d{2}\s€$/),
}

export const Yen: Story = {
  name: 'JPY, Japanese (ja-JP)',
  parameters: { stripemeter: yen },
  play: (context) => showsAmounts(context, /^[¥￥][\d,]+$/),
}

export const Dark: Story = {
  args: { customerRef: customers.nearLimit },
  globals: { theme: 'dark' },
  play: (context) => showsChartTable(context),
}

export const Narrow: Story = {
  name: '320 px viewport',
  args: { customerRef: customers.nearLimit },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  play: (context) => showsChartTable(context),
}
