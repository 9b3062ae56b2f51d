import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageDashboard } from '../src/charts'
import {
  errorThenRetry,
  showsData,
  showsSkeleton,
  staleAfterFailedRefresh,
  widgetsLoaded,
} from './support/play'
import {
  customers,
  euro,
  failingServer,
  largeNumbers,
  manyMetrics,
  noLimits,
  platformCustomer,
  slowServer,
  yen,
} from './support/scenarios'

/**
 * Every widget for one customer: meters, cost so far with the period-end forecast, alerts, the
 * trend of the metric nearest its limit, usage against limits and the cost breakdown. It lays
 * itself out by the room it gets: one column from 320 px, two from 40rem, three from 64rem.
 */
const meta = {
  title: 'Widgets/UsageDashboard',
  component: UsageDashboard,
  args: { customerRef: customers.nearLimit },
} satisfies Meta<typeof UsageDashboard>

export default meta
type Story = StoryObj<typeof meta>

/** All six widgets have drawn the emulator's data. */
async function showsDashboard(context: Parameters<typeof showsData>[0]) {
  await showsData(context)
  await expect(context.canvasElement.querySelectorAll('.sm-widget')).toHaveLength(6)
}

export const Default: Story = { play: showsDashboard }

export const Loading: Story = { parameters: { stripemeter: slowServer }, play: showsSkeleton }

export const ErrorThenRetry: Story = {
  name: 'Error, then retry',
  parameters: { stripemeter: failingServer },
  play: errorThenRetry,
}

export const Empty: Story = {
  args: { customerRef: customers.new },
  async play(context) {
    await widgetsLoaded(context)
    await expect(context.canvas.getAllByText('No usage yet this period').length).toBeGreaterThan(0)
  },
}

export const Stale: Story = { play: staleAfterFailedRefresh }

export const WithinLimits: Story = { args: { customerRef: customers.steady }, play: showsDashboard }

export const OverLimit: Story = { args: { customerRef: customers.overLimit }, play: showsDashboard }

export const NoLimits: Story = {
  name: 'No limits (the real server today)',
  args: { customerRef: customers.steady },
  parameters: { stripemeter: noLimits },
  async play(context) {
    await showsDashboard(context)
    await expect(context.canvas.queryAllByRole('progressbar')).toHaveLength(0)
  },
}

export const ManyMetrics: Story = {
  args: { customerRef: customers.steady },
  parameters: { stripemeter: manyMetrics },
  play: showsDashboard,
}

export const LargeNumbers: Story = {
  name: 'Very large numbers',
  args: { customerRef: platformCustomer },
  parameters: { stripemeter: largeNumbers },
  play: showsDashboard,
}

export const Euro: Story = {
  name: 'EUR, German (de-DE)',
  parameters: { stripemeter: euro },
  play: showsDashboard,
}

export const Yen: Story = {
  name: 'JPY, Japanese (ja-JP)',
  parameters: { stripemeter: yen },
  play: showsDashboard,
}

export const Dark: Story = { globals: { theme: 'dark' }, play: showsDashboard }

export const Narrow: Story = {
  name: '320 px viewport',
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  async play(context) {
    await showsDashboard(context)
    // One column: nothing may stick out sideways at 320 px.
    await expect(context.canvasElement.scrollWidth).toBeLessThanOrEqual(320)
  },
}
