import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageMeterView } from '../src/charts'
import { forecastUsage } from '../src/index'
import {
  aiTokensNoLimit,
  apiCallsNearLimit,
  bandwidthHuge,
  dailyApiCalls,
  period26,
  seatsOverLimit,
  storageComfortable,
  viewNow,
} from './support/viewData'

/** The limit date as `UsageMeter` computes it: `forecastUsage` over this period's daily history. */
const apiCallsForecast = forecastUsage(dailyApiCalls, {
  period: period26,
  limit: 50_000,
  now: viewNow,
  used: 43_000,
})

/** The presentational twin of `UsageMeter`: one metric from data you pass in. */
const meta = {
  title: 'Views/UsageMeterView',
  component: UsageMeterView,
  parameters: { stripemeter: { provider: false } },
  args: { data: storageComfortable, locale: 'en-US' },
} satisfies Meta<typeof UsageMeterView>

export default meta
type Story = StoryObj<typeof meta>

export const WithinLimit: Story = {}

export const NearLimit: Story = { args: { data: apiCallsNearLimit } }

export const OverLimit: Story = {
  args: { data: seatsOverLimit },
  async play({ canvas }) {
    await expect(canvas.getByRole('progressbar')).toHaveAttribute(
      'aria-valuetext',
      '13 seats of 10 seats, 130%, Over limit by 3 seats',
    )
  },
}

export const NoLimit: Story = {
  args: { data: aiTokensNoLimit },
  async play({ canvas }) {
    await expect(canvas.queryByRole('progressbar')).toBeNull()
  },
}

export const LargeNumbers: Story = { name: 'Very large numbers', args: { data: bandwidthHuge } }

export const Loading: Story = { args: { data: undefined, loading: true } }

export const ErrorState: Story = {
  name: 'Error',
  args: { data: undefined, error: new Error('Invalid API key'), onRetry: () => {} },
}

export const Empty: Story = { args: { data: { ...storageComfortable, current: 0 } } }

export const Japanese: Story = { name: 'Japanese (ja-JP)', args: { locale: 'ja-JP' } }

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } }

/** "At this pace you'll reach 50,000 calls around …": the date from this period's daily pace. */
export const LimitDate: Story = {
  name: 'Limit date: reached at this pace',
  args: {
    data: { name: 'api_calls', current: 43_000, limit: 50_000, unit: 'calls' },
    reachesLimit: apiCallsForecast.reachesLimit,
  },
  async play({ canvas }) {
    await expect(
      canvas.getByText(/^At this pace you’ll reach 50,000 calls around Nov \d+\.$/),
    ).toBeVisible()
  },
}

export const LimitDatePossible: Story = {
  name: 'Limit date: only if usage picks up',
  args: {
    data: { name: 'api_calls', current: 43_000, limit: 50_000, unit: 'calls' },
    reachesLimit: { likely: null, earliest: '2026-11-29T18:00:00.000Z', latest: null },
  },
  async play({ canvas }) {
    await expect(
      canvas.getByText('If usage picks up, you could reach 50,000 calls by Nov 29.'),
    ).toBeVisible()
  },
}

export const LimitDateNotThisPeriod: Story = {
  name: 'Limit date: not this period',
  args: { reachesLimit: { likely: null, earliest: null, latest: null } },
  async play({ canvas }) {
    await expect(
      canvas.getByText('At this pace you won’t reach the limit this period.'),
    ).toBeVisible()
  },
}

export const LimitDateGerman: Story = {
  name: 'Limit date in German (de-DE)',
  args: {
    data: { name: 'api_calls', current: 43_000, limit: 50_000, unit: 'calls' },
    reachesLimit: apiCallsForecast.reachesLimit,
    locale: 'de-DE',
  },
  async play({ canvas }) {
    await expect(
      canvas.getByText(/^Bei diesem Tempo erreichen Sie 50\.000 calls um den/),
    ).toBeVisible()
  },
}

export const LimitDateDark: Story = {
  name: 'Limit date, dark',
  args: {
    data: { name: 'api_calls', current: 43_000, limit: 50_000, unit: 'calls' },
    reachesLimit: apiCallsForecast.reachesLimit,
    theme: 'dark',
  },
  globals: { theme: 'dark' },
}

export const LimitDateNarrow: Story = {
  name: 'Limit date at 320 px',
  args: {
    data: { name: 'api_calls', current: 43_000, limit: 50_000, unit: 'calls' },
    reachesLimit: apiCallsForecast.reachesLimit,
  },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
}

/** When the server's figures are from, with the hint on its delay behind a disclosure. */
export const AsOf: Story = {
  name: 'As of: today, the time alone',
  args: { asOf: new Date(new Date().setHours(10, 42, 0, 0)) },
  async play({ canvas, userEvent }) {
    const asOf = canvas.getByText('As of 10:42 AM')
    await expect(asOf).toBeVisible()
    await userEvent.click(asOf)
    await expect(canvas.getByText(/may answer from a cache up to 30 seconds old/)).toBeVisible()
  },
}

/** Figures older than today name their date: a stale page says how stale. */
export const AsOfDaysAgo: Story = {
  name: 'As of two days ago: with the date, dark at 320 px',
  args: { asOf: Date.now() - 2 * 86_400_000, theme: 'dark' },
  globals: { theme: 'dark', viewport: { value: 'narrow320', isRotated: false } },
  async play({ canvas }) {
    await expect(
      canvas.getByText(/^As of [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/),
    ).toBeVisible()
  },
}

/** Usage tracked on this page lies on top of the server's figures: the line says so. */
export const AsOfSyncing: Story = {
  name: 'As of, plus usage syncing',
  args: {
    data: { ...apiCallsNearLimit, pending: 250 },
    asOf: new Date(new Date().setHours(10, 42, 0, 0)),
  },
  async play({ canvas }) {
    await expect(canvas.getByText('As of 10:42 AM, plus usage syncing')).toBeVisible()
  },
}
