import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsageChartView } from '../src/charts'
import { emptyUsage, usage } from './support/viewData'

/** The presentational twin of `UsageChart`: usage against limits from data you pass in. */
const meta = {
  title: 'Views/UsageChartView',
  component: UsageChartView,
  parameters: { stripemeter: { provider: false } },
  args: { data: usage, locale: 'en-US' },
} satisfies Meta<typeof UsageChartView>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {}

export const Loading: Story = { args: { data: undefined, loading: true } }

export const ErrorState: Story = {
  name: 'Error',
  args: { data: undefined, error: new Error('Request timed out'), onRetry: () => {} },
}

export const Empty: Story = { args: { data: emptyUsage } }

export const Stale: Story = { args: { stale: true } }

export const German: Story = { name: 'German (de-DE)', args: { locale: 'de-DE' } }

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } }
