import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageTrendChartView } from '../src/charts'
import { dailyApiCalls, denseHistory, period26, viewNow } from './support/viewData'

/**
 * The presentational twin of `UsageTrendChart`: one metric's history from data you pass in.
 * Days the server left out (the 8th here) are drawn as 0.
 */
const meta = {
  title: 'Views/UsageTrendChartView',
  component: UsageTrendChartView,
  parameters: { stripemeter: { provider: false } },
  args: {
    data: { usage: dailyApiCalls },
    metric: 'api_calls',
    period: period26,
    limit: 50_000,
    unit: 'calls',
    now: viewNow,
    locale: 'en-US',
  },
} satisfies Meta<typeof UsageTrendChartView>

export default meta
type Story = StoryObj<typeof meta>

export const Cumulative: Story = {}

export const PerDay: Story = { name: 'Per day', args: { mode: 'per-bucket' } }

export const NoLimit: Story = { args: { limit: undefined } }

/** 100,000 points drawn at the plot's width: the table says how many of them are drawn. */
export const HundredThousandPoints: Story = {
  name: '100,000 points (downsampled)',
  args: { data: { usage: denseHistory(100_000) }, mode: 'per-bucket', limit: undefined },
  async play({ canvas }) {
    const caption = canvas.getByText(/\(\d{2,4} of 1000\d\d points\)$/, { selector: 'caption' })
    await expect(caption).toBeInTheDocument()
  },
}

export const Loading: Story = { args: { data: undefined, loading: true } }

export const ErrorState: Story = {
  name: 'Error',
  args: { data: undefined, error: new Error('Network error'), onRetry: () => {} },
}

export const Empty: Story = { args: { data: { usage: [] } } }

export const Japanese: Story = { name: 'Japanese (ja-JP)', args: { locale: 'ja-JP' } }

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } }
