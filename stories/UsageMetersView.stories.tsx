import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageMetersView } from '../src/charts'
import { aiTokensNoLimit, bandwidthHuge, emptyUsage, usage } from './support/viewData'

/**
 * The presentational twin of `UsageMeters`: the same widget from data you pass in — for tests,
 * server components and apps that fetch usage their own way. Edit `data` in Controls.
 */
const meta = {
  title: 'Views/UsageMetersView',
  component: UsageMetersView,
  parameters: { stripemeter: { provider: false } },
  args: { data: usage, locale: 'en-US' },
} satisfies Meta<typeof UsageMetersView>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {
  async play({ canvas }) {
    const bars = await canvas.findAllByRole('progressbar')
    // ai_tokens has no limit: a value alone, no bar and no invented limit.
    await expect(bars).toHaveLength(usage.metrics.filter((m) => m.limit !== undefined).length)
  },
}

export const Loading: Story = { args: { data: undefined, loading: true } }

export const ErrorWithRetry: Story = {
  name: 'Error with retry',
  args: {
    data: undefined,
    error: new Error('StripeMeter answered 503 Service Unavailable'),
    onRetry: () => {},
  },
}

export const Empty: Story = { args: { data: emptyUsage } }

export const Stale: Story = { args: { stale: true } }

export const LargeNumbers: Story = {
  name: 'Very large numbers',
  args: { data: { ...usage, metrics: [bandwidthHuge, aiTokensNoLimit] } },
}

export const German: Story = { name: 'German (de-DE)', args: { locale: 'de-DE' } }

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } }

export const Narrow: Story = {
  name: '320 px viewport',
  globals: { viewport: { value: 'narrow320', isRotated: false } },
}
