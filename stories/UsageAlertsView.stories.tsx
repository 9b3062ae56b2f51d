import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageAlertsView } from '../src/charts'
import { alerts } from './support/viewData'

/** The presentational twin of `UsageAlerts`: alerts from data you pass in, most severe first. */
const meta = {
  title: 'Views/UsageAlertsView',
  component: UsageAlertsView,
  parameters: { stripemeter: { provider: false } },
  args: { data: alerts },
} satisfies Meta<typeof UsageAlertsView>

export default meta
type Story = StoryObj<typeof meta>

export const Default: Story = {
  async play({ canvas }) {
    const items = canvas.getAllByRole('listitem')
    await expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Critical:/),
      expect.stringMatching(/^Warning:/),
      expect.stringMatching(/^Info:/),
    ])
  },
}

/** Server text is rendered as text, never as HTML. */
export const MarkupInMessage: Story = {
  name: 'Markup in a message (shown as text)',
  args: {
    data: [
      { type: 'threshold', message: '<img src=x onerror=alert(1)> at 95%', severity: 'warning' },
    ],
  },
  async play({ canvas, canvasElement }) {
    await expect(canvas.getByText(/<img src=x/)).toBeVisible()
    await expect(canvasElement.querySelector('img')).toBeNull()
  },
}

export const Loading: Story = { args: { data: undefined, loading: true } }

export const ErrorState: Story = {
  name: 'Error',
  args: { data: undefined, error: new Error('Service Unavailable'), onRetry: () => {} },
}

export const Empty: Story = { args: { data: [] } }

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } }
