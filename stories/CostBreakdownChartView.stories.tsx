import type { Meta, StoryObj } from '@storybook/react-vite'
import { CostBreakdownChartView } from '../src/charts'
import { projection, projectionYen } from './support/viewData'

/** The presentational twin of `CostBreakdownChart`: cost by metric from data you pass in. */
const meta = {
  title: 'Views/CostBreakdownChartView',
  component: CostBreakdownChartView,
  parameters: { stripemeter: { provider: false } },
  args: { data: projection, locale: 'en-US' },
} satisfies Meta<typeof CostBreakdownChartView>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {}

export const Yen: Story = {
  name: 'JPY, Japanese (ja-JP)',
  args: { data: projectionYen, locale: 'ja-JP' },
}

export const Loading: Story = { args: { data: undefined, loading: true } }

export const ErrorState: Story = {
  name: 'Error',
  args: { data: undefined, error: new Error('Service Unavailable'), onRetry: () => {} },
}

export const Empty: Story = { args: { data: { ...projection, lineItems: [], total: 0 } } }

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } }
