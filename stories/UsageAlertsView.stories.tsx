import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { UsageAlertsView } from '../src/charts'
import type { BudgetAlert } from '../src/index'
import { alerts } from './support/viewData'

const budgetOf = { amount: 200, currency: 'USD' }
const budgetUsed: BudgetAlert = {
  kind: 'threshold',
  severity: 'info',
  threshold: 50,
  spent: 104,
  ...budgetOf,
}
const budgetNear: BudgetAlert = {
  kind: 'threshold',
  severity: 'warning',
  threshold: 80,
  spent: 163,
  ...budgetOf,
}
const budgetReached: BudgetAlert = {
  kind: 'threshold',
  severity: 'critical',
  threshold: 100,
  spent: 231.4,
  ...budgetOf,
}
const paceOver: BudgetAlert = { kind: 'forecast', severity: 'warning', forecast: 234, ...budgetOf }

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

/** The customer's own budget alerts, worded from the catalog, beside the server's. */
export const BudgetThreshold: Story = {
  name: 'Budget: a threshold reached (info)',
  args: { data: [], budgetAlerts: [budgetUsed], locale: 'en-US' },
  async play({ canvas }) {
    await expect(canvas.getByText('You’ve used 50% of your $200.00 budget.')).toBeVisible()
  },
}

export const BudgetNear: Story = {
  name: 'Budget: near it, and a pace over it (warnings)',
  args: { data: alerts, budgetAlerts: [paceOver, budgetNear], locale: 'en-US' },
  async play({ canvas }) {
    const items = canvas.getAllByRole('listitem').map((item) => item.textContent)
    await expect(items).toEqual([
      expect.stringMatching(/^Critical: Seats/),
      'Warning: At this pace you’ll spend $234.00 — over your $200.00 budget.',
      'Warning: You’ve used 80% of your $200.00 budget.',
      expect.stringMatching(/^Warning: API calls/),
      expect.stringMatching(/^Info:/),
    ])
  },
}

export const BudgetReached: Story = {
  name: 'Budget: reached (critical)',
  args: { data: [], budgetAlerts: [budgetReached], locale: 'en-US' },
  async play({ canvas }) {
    await expect(
      canvas.getByText('You’ve reached your $200.00 budget: $231.40 spent so far.'),
    ).toBeVisible()
  },
}

export const BudgetGerman: Story = {
  name: 'Budget alerts in German (de-DE)',
  args: { data: [], budgetAlerts: [paceOver, budgetNear], locale: 'de-DE' },
  async play({ canvas }) {
    await expect(canvas.getByText(/^Bei diesem Tempo geben Sie 234,00/)).toBeVisible()
  },
}

export const BudgetDark: Story = {
  name: 'Budget alerts, dark',
  args: { data: alerts, budgetAlerts: [budgetReached, paceOver], theme: 'dark', locale: 'en-US' },
  globals: { theme: 'dark' },
}

export const BudgetNarrow: Story = {
  name: 'Budget alerts at 320 px',
  args: { data: alerts, budgetAlerts: [budgetReached, paceOver, budgetUsed], locale: 'en-US' },
  globals: { viewport: { value: 'narrow320', isRotated: false } },
}
