import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageMeters } from '../src/charts'
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
  noLimits,
  platformCustomer,
  slowServer,
  yen,
} from './support/scenarios'

/**
 * Every metric of a customer against its limit, read with `useUsage` inside
 * `<StripeMeterProvider>`. Each story has its own emulator: what you see is what
 * `GET /v1/usage/current` answered.
 */
const meta = {
  title: 'Widgets/UsageMeters',
  component: UsageMeters,
  args: { customerRef: customers.steady },
} satisfies Meta<typeof UsageMeters>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {
  async play(context) {
    await showsData(context)
    // Four demo metrics have a limit; ai_tokens has none and gets no bar.
    await expect(context.canvas.getAllByRole('progressbar')).toHaveLength(4)
    await expect(context.canvas.getByText('No limit')).toBeVisible()
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
    await expect(context.canvas.getByRole('progressbar', { name: 'API calls' })).toHaveAttribute(
      'aria-valuetext',
      expect.stringContaining('Near limit'),
    )
  },
}

export const OverLimit: Story = {
  args: { customerRef: customers.overLimit },
  async play(context) {
    await showsData(context)
    const apiCalls = context.canvas.getByRole('progressbar', { name: 'API calls' })
    await expect(apiCalls).toHaveAttribute('aria-valuetext', expect.stringContaining('Over limit'))
    // Over the limit is shown as over, not clipped: now is capped at max, the text says by how much.
    await expect(apiCalls.getAttribute('aria-valuenow')).toBe(
      apiCalls.getAttribute('aria-valuemax'),
    )
  },
}

export const NoLimits: Story = {
  name: 'No limits (the real server today)',
  parameters: { stripemeter: noLimits },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.queryAllByRole('progressbar')).toHaveLength(0)
    await expect(context.canvas.getAllByText('No limit')).toHaveLength(5)
  },
}

export const ManyMetrics: Story = {
  parameters: { stripemeter: manyMetrics },
  async play(context) {
    await showsData(context)
    await expect(context.canvas.getAllByRole('listitem')).toHaveLength(12)
  },
}

export const LargeNumbers: Story = {
  name: 'Very large numbers',
  args: { customerRef: platformCustomer },
  parameters: { stripemeter: largeNumbers },
  async play(context) {
    await showsData(context)
    // Compact on screen, whole for screen readers.
    const apiCalls = context.canvas.getByRole('progressbar', { name: 'API calls' })
    await expect(apiCalls).toHaveAttribute(
      'aria-valuetext',
      expect.stringMatching(/^\d,\d{3},\d{3},\d{3},?\d* calls of 5,000,000,000 calls/),
    )
  },
}

export const Euro: Story = {
  name: 'EUR, German (de-DE)',
  parameters: { stripemeter: euro },
  play: showsData,
}

export const Yen: Story = {
  name: 'JPY, Japanese (ja-JP)',
  parameters: { stripemeter: yen },
  play: showsData,
}

export const Dark: Story = { globals: { theme: 'dark' }, play: showsData }

export const Narrow: Story = {
  name: '320 px viewport',
  args: { customerRef: customers.nearLimit },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
  play: showsData,
}
