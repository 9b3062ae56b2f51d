import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageMeter } from '../src/charts'
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
  platformCustomer,
  slowServer,
  yen,
} from './support/scenarios'

/**
 * One metric of a customer against its limit: bar, value with unit, percentage, and the level
 * in words (warning from 80 %, critical from 100 %, over shown as over).
 */
const meta = {
  title: 'Widgets/UsageMeter',
  component: UsageMeter,
  args: { customerRef: customers.steady, metric: 'api_calls' },
} satisfies Meta<typeof UsageMeter>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByRole('progressbar', { name: 'API calls' })).toHaveAttribute(
      'aria-valuetext',
      expect.stringContaining('Within limit'),
    )
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
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByText('Near limit')).toBeVisible()
    // The limit date from this month's daily history; which sentence depends on the day.
    await expect(
      await context.canvas.findByText(
        /^(At this pace you’ll reach|If usage picks up, you could reach|At this pace you won’t reach)/,
        {},
        { timeout: 15_000 },
      ),
    ).toBeVisible()
  },
}

export const OverLimit: Story = {
  args: { customerRef: customers.overLimit },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByText(/Over limit by/)).toBeVisible()
  },
}

export const NoLimitMetric: Story = {
  name: 'Metric without a limit',
  args: { metric: 'ai_tokens' },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.queryByRole('progressbar')).toBeNull()
    await expect(context.canvas.getByText('No limit')).toBeVisible()
  },
}

export const LargeNumbers: Story = {
  name: 'Very large numbers',
  args: { customerRef: platformCustomer, metric: 'ai_tokens' },
  parameters: { stripemeter: largeNumbers },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByText(/T tokens$/)).toBeVisible()
  },
}

export const Euro: Story = {
  name: 'EUR, German (de-DE)',
  args: { customerRef: customers.nearLimit },
  parameters: { stripemeter: euro },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getByText('Nahe am Limit')).toBeVisible()
  },
}

export const Yen: Story = {
  name: 'JPY, Japanese (ja-JP)',
  args: { customerRef: customers.nearLimit },
  parameters: { stripemeter: yen },
  play: showsData,
}

export const Dark: Story = {
  args: { customerRef: customers.overLimit },
  globals: { theme: 'dark' },
  play: showsData,
}

export const Narrow: Story = {
  name: '320 px viewport',
  args: { customerRef: customers.overLimit },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  play: showsData,
}
