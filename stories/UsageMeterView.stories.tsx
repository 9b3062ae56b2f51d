import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageMeterView } from '../src/charts'
import {
  aiTokensNoLimit,
  apiCallsNearLimit,
  bandwidthHuge,
  seatsOverLimit,
  storageComfortable,
} from './support/viewData'

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
