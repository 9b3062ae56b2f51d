import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { UsageTrendChartView } from '../src/charts'
import { forecastUsage } from '../src/index'
import { dailyApiCalls, denseHistory, period26, viewNow } from './support/viewData'

/** Where this pace reaches the 50,000-call limit, as `UsageTrendChart` computes it. */
const reachesLimit = forecastUsage(dailyApiCalls, {
  period: period26,
  limit: 50_000,
  now: viewNow,
}).reachesLimit

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

/** A marker on the limit line where this period's pace reaches it, its date in the table too. */
export const LimitDate: Story = {
  name: 'Limit date marker',
  args: { reachesLimit },
  async play({ canvas, canvasElement }) {
    // Recharts draws once the plot's width is measured.
    await waitFor(() => expect(canvasElement.querySelector('.sm-limit-date-marker')).not.toBeNull())
    await expect(canvas.getByRole('table', { hidden: true })).toHaveTextContent(
      'Limit reached at this pace',
    )
  },
}

export const LimitDateDark: Story = {
  name: 'Limit date marker, dark',
  args: { reachesLimit, theme: 'dark' },
  globals: { theme: 'dark' },
}

export const LimitDateNarrow: Story = {
  name: 'Limit date marker at 320 px',
  args: { reachesLimit },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
}
